import type { QueryRow, ReportQueryEngine } from '../../transforms/report/queries.ts';
import type { DuckDbLake } from './duckdb-lake.ts';

/** The report's queries answered by DuckDB over the local lake. */
export class DuckDbReportEngine implements ReportQueryEngine {
  constructor(private readonly lake: DuckDbLake) {}

  async run(_name: string, sql: string, parameters: readonly string[]): Promise<QueryRow[]> {
    return (await this.lake.query(sql, parameters)).rows as QueryRow[];
  }
}
