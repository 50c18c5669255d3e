import { createHash } from 'node:crypto';
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
  type ColumnInfo,
  type Row,
} from '@aws-sdk/client-athena';
import type { QueryRow, ReportQueryEngine } from '../../transforms/report/queries.ts';

export interface AthenaEngineOptions {
  readonly workGroup: string;
  readonly database: string;
  /** Names the report run, for the idempotency tokens: the same report, period and query → the same token. */
  readonly runName: string;
  /** @default 100 */
  readonly firstPollMs?: number;
  /** @default 5000 */
  readonly maxPollMs?: number;
  /** @default 600000 (10 minutes) */
  readonly timeoutMs?: number;
}

export class AthenaQueryError extends Error {
  override readonly name = 'AthenaQueryError';
}

const NUMERIC = new Set(['tinyint', 'smallint', 'integer', 'int', 'bigint', 'double', 'float', 'real', 'decimal']);

/** A string parameter as Athena's ExecutionParameters take it: an SQL literal. */
export const sqlLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The report's queries answered by Athena: StartQueryExecution in the workgroup with
 * ExecutionParameters and a deterministic ClientRequestToken (so a retried report reuses its
 * queries instead of paying for them twice), polling with backoff, and every page of results,
 * typed by the result's column metadata.
 */
export class AthenaQueryEngine implements ReportQueryEngine {
  constructor(
    private readonly client: AthenaClient,
    private readonly options: AthenaEngineOptions,
  ) {}

  async run(name: string, sql: string, parameters: readonly string[]): Promise<QueryRow[]> {
    const token = createHash('sha256').update(JSON.stringify([this.options.runName, name, sql, parameters])).digest('hex').slice(0, 64);
    const started = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: this.options.workGroup,
        QueryExecutionContext: { Database: this.options.database },
        ClientRequestToken: token,
        ...(parameters.length > 0 ? { ExecutionParameters: parameters.map(sqlLiteral) } : {}),
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new AthenaQueryError(`Athena gave no query execution id for ${name}.`);
    await this.waitFor(id, name);
    return this.results(id);
  }

  private async waitFor(id: string, name: string): Promise<void> {
    const deadline = Date.now() + (this.options.timeoutMs ?? 600_000);
    let delay = this.options.firstPollMs ?? 100;
    for (;;) {
      const { QueryExecution } = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') {
        throw new AthenaQueryError(`Athena query ${name} (${id}) ${state.toLowerCase()}: ${QueryExecution?.Status?.StateChangeReason ?? 'no reason given'}`);
      }
      if (Date.now() > deadline) throw new AthenaQueryError(`Athena query ${name} (${id}) did not finish in time; it is still ${state}.`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, this.options.maxPollMs ?? 5000);
    }
  }

  private async results(id: string): Promise<QueryRow[]> {
    const rows: QueryRow[] = [];
    let columns: ColumnInfo[] | undefined;
    let nextToken: string | undefined;
    let first = true;
    do {
      const page = await this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, ...(nextToken ? { NextToken: nextToken } : {}) }));
      columns ??= page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const data = page.ResultSet?.Rows ?? [];
      // The first row of the first page holds the column names.
      for (const row of first ? data.slice(1) : data) rows.push(typed(row, columns));
      first = false;
      nextToken = page.NextToken;
    } while (nextToken);
    return rows;
  }
}

function typed(row: Row, columns: readonly ColumnInfo[]): QueryRow {
  const result: Record<string, string | number | boolean | null> = {};
  columns.forEach((column, i) => {
    const text = row.Data?.[i]?.VarCharValue;
    const type = (column.Type ?? 'varchar').toLowerCase();
    const key = column.Name ?? `column_${i}`;
    if (text === undefined) result[key] = null;
    else if (NUMERIC.has(type)) result[key] = Number(text);
    else if (type === 'boolean') result[key] = text === 'true';
    else result[key] = text;
  });
  return result;
}
