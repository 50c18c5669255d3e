import { createHash } from 'node:crypto';
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
  type Row,
} from '@aws-sdk/client-athena';
import type { ReportQueryEngine } from '../../transforms/report/queries.ts';
import type { RawResult } from '../../transforms/views/typed-rows.ts';

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
  /** Attempts at a query that fails or is cancelled in this invocation. @default 3 */
  readonly maxAttempts?: number;
  /**
   * When this invocation began: an attempt that had already failed by then (an earlier invocation
   * of the same run tried it) is passed over without counting. @default the engine's creation
   */
  readonly startedAt?: Date;
}

export class AthenaQueryError extends Error {
  override readonly name = 'AthenaQueryError';
}

/** A string parameter as Athena's ExecutionParameters take it: an SQL literal. */
export const sqlLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** How a query execution ended. */
type Ending =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly state: string;
      readonly reason: string;
      readonly retryable: boolean;
      readonly completedAt?: Date | undefined;
    };

/**
 * The report's queries answered by Athena: StartQueryExecution in the workgroup with
 * ExecutionParameters, polling with backoff, and every page of results as the text Athena gives
 * (the report converts it to each query's declared types, typed-rows.ts). Each attempt has a
 * deterministic ClientRequestToken (the run, the query, its parameters and the attempt's number),
 * so a repeated invocation of the same run reuses the queries that succeeded instead of paying for
 * them twice; a query that fails or is cancelled is tried again under the next attempt's token, as
 * Athena returns the failed execution for ever to a token it has seen.
 */
export class AthenaQueryEngine implements ReportQueryEngine {
  private readonly startedAt: Date;

  constructor(
    private readonly client: AthenaClient,
    private readonly options: AthenaEngineOptions,
  ) {
    this.startedAt = options.startedAt ?? new Date();
  }

  async run(name: string, sql: string, parameters: readonly string[]): Promise<RawResult> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    let failures = 0;
    for (let attempt = 0; ; attempt++) {
      const token = attemptToken(this.options.runName, name, sql, parameters, attempt);
      const id = await this.start(name, sql, parameters, token);
      const ending = await this.waitFor(id, name);
      if (ending.ok) return this.results(id);
      // An attempt an earlier invocation of this run made, and saw fail: go on to a fresh one.
      const earlier = ending.completedAt !== undefined && ending.completedAt < this.startedAt;
      if (!earlier) failures++;
      const message = `Athena query ${name} (${id}) ${ending.state.toLowerCase()}: ${ending.reason}`;
      if (!ending.retryable) throw new AthenaQueryError(message);
      if (failures >= maxAttempts || attempt + 1 >= maxAttempts * 4) {
        throw new AthenaQueryError(`${message} (attempt ${attempt + 1}; giving up)`);
      }
    }
  }

  private async start(name: string, sql: string, parameters: readonly string[], token: string): Promise<string> {
    const started = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: this.options.workGroup,
        QueryExecutionContext: { Database: this.options.database },
        ClientRequestToken: token,
        ...(parameters.length > 0 ? { ExecutionParameters: parameters.map(sqlLiteral) } : {}),
      }),
    );
    if (!started.QueryExecutionId) throw new AthenaQueryError(`Athena gave no query execution id for ${name}.`);
    return started.QueryExecutionId;
  }

  private async waitFor(id: string, name: string): Promise<Ending> {
    const deadline = Date.now() + (this.options.timeoutMs ?? 600_000);
    let delay = this.options.firstPollMs ?? 100;
    for (;;) {
      const { QueryExecution } = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const status = QueryExecution?.Status;
      const state = status?.State;
      if (state === 'SUCCEEDED') return { ok: true };
      if (state === 'FAILED' || state === 'CANCELLED') {
        return {
          ok: false,
          state,
          reason: status?.StateChangeReason ?? 'no reason given',
          // A cancelled query, or a failure Athena does not call permanent (a query error is), may pass next time.
          retryable: state === 'CANCELLED' || status?.AthenaError?.Retryable !== false,
          completedAt: status?.CompletionDateTime,
        };
      }
      if (Date.now() > deadline)
        throw new AthenaQueryError(`Athena query ${name} (${id}) did not finish in time; it is still ${state}.`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, this.options.maxPollMs ?? 5000);
    }
  }

  private async results(id: string): Promise<RawResult> {
    const rows: Record<string, string | null>[] = [];
    let columns: string[] | undefined;
    let nextToken: string | undefined;
    let first = true;
    do {
      const page = await this.client.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, ...(nextToken ? { NextToken: nextToken } : {}) }),
      );
      const info = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      columns ??= info.map((column, i) => column.Name ?? `column_${i}`);
      const data = page.ResultSet?.Rows ?? [];
      // The first row of the first page holds the column names.
      for (const row of first ? data.slice(1) : data) rows.push(textOf(row, columns));
      first = false;
      nextToken = page.NextToken;
    } while (nextToken);
    return { columns: columns ?? [], rows };
  }
}

/** A row as Athena gives it, every value as text (null where it gives none): typedRows converts them. */
function textOf(row: Row, columns: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(columns.map((column, i) => [column, row.Data?.[i]?.VarCharValue ?? null]));
}

/** The ClientRequestToken of one attempt at one query of one run (Athena takes 32 to 128 characters). */
export function attemptToken(
  runName: string,
  name: string,
  sql: string,
  parameters: readonly string[],
  attempt: number,
): string {
  return createHash('sha256')
    .update(JSON.stringify([runName, name, sql, parameters, attempt]))
    .digest('hex');
}
