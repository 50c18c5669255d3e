import type { ReportQueryEngine } from '../../transforms/report/queries.ts';
import type { RowOf, TypedQuery } from '../../transforms/views/typed-query.ts';
import { typedRows, type RawResult } from '../../transforms/views/typed-rows.ts';
import type { DuckDbLake } from './duckdb-lake.ts';

/** The report's queries answered by DuckDB over the local lake. */
export class DuckDbReportEngine implements ReportQueryEngine {
  constructor(private readonly lake: DuckDbLake) {}

  async run(_name: string, sql: string, parameters: readonly string[]): Promise<RawResult> {
    const { columns, rows } = await this.lake.query(sql, parameters);
    return { columns: columns.map((column) => column.name), rows };
  }
}

/** Runs a typed query on the local lake: its rows checked against its declaration, and typed. */
export async function runTypedQuery<Q extends TypedQuery>(
  lake: DuckDbLake,
  name: string,
  query: Q,
  parameters: readonly string[] = [],
): Promise<RowOf<Q>[]> {
  return typedRows(name, query, await new DuckDbReportEngine(lake).run(name, query.sql, parameters));
}
