import type { ReportQueryEngine } from '../../transforms/report/queries.ts';
import type { RawResult } from '../../transforms/views/typed-rows.ts';
import type { DuckDbLake } from './duckdb-lake.ts';

/** The report's queries answered by DuckDB over the local lake. */
export class DuckDbReportEngine implements ReportQueryEngine {
  constructor(private readonly lake: DuckDbLake) {}

  async run(_name: string, sql: string, parameters: readonly string[]): Promise<RawResult> {
    const { columns, rows } = await this.lake.query(sql, parameters);
    return { columns: columns.map((column) => column.name), rows };
  }
}
