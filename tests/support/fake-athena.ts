import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DuckDbLake, QueryError, type QueryResult } from '../../functions/local/duckdb-lake.ts';

/**
 * A tiny Athena: a local HTTP server speaking Athena's JSON protocol (AWS JSON 1.1) for
 * StartQueryExecution, GetQueryExecution and GetQueryResults, answering from DuckDB over a lake.
 * It keeps what a client would notice: idempotency tokens (a token seen before gets its execution
 * back, failed or not), queries that are not done on the first poll, ExecutionParameters
 * substituted for `?`, pages of results with the header row first, failures Athena calls
 * permanent (a query error) or retryable (an outage), and when each execution finished.
 */
export interface FakeAthena {
  readonly endpoint: string;
  readonly started: {
    token: string | undefined;
    workGroup: string | undefined;
    parameters: string[];
    sql: string;
    id: string;
  }[];
  /** The next `count` queries started end in this state (a retryable failure, or a cancellation) instead of running. */
  failNext(count: number, state?: 'FAILED' | 'CANCELLED'): void;
  close(): Promise<void>;
}

interface Execution {
  readonly result?: QueryResult;
  readonly error?: string;
  /** Set for a failure injected by failNext: the outage kind, which a retry may get past. */
  readonly outage?: 'FAILED' | 'CANCELLED';
  polls: number;
  completedAt?: Date;
}

const ATHENA_TYPE = (duckdb: string) =>
  ({
    VARCHAR: 'varchar',
    BIGINT: 'bigint',
    INTEGER: 'integer',
    DOUBLE: 'double',
    BOOLEAN: 'boolean',
    DATE: 'date',
    HUGEINT: 'decimal',
  })[duckdb] ?? (duckdb.startsWith('DECIMAL') ? 'decimal' : 'varchar');

export async function startFakeAthena(
  lake: DuckDbLake,
  options: { pageSize?: number; pollsBeforeDone?: number } = {},
): Promise<FakeAthena> {
  const executions = new Map<string, Execution>();
  const byToken = new Map<string, string>();
  const started: FakeAthena['started'] = [];
  const pageSize = options.pageSize ?? 1000;
  const outages: ('FAILED' | 'CANCELLED')[] = [];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Athena's JSON requests, as sent
  const operations: Record<string, (input: Record<string, any>) => object | Promise<object>> = {
    async StartQueryExecution(input) {
      const token = input.ClientRequestToken as string | undefined;
      if (token && byToken.has(token)) return { QueryExecutionId: byToken.get(token) };
      const parameters = (input.ExecutionParameters ?? []) as string[];
      const holes = (input.QueryString as string).split('?').length - 1;
      if (holes !== parameters.length)
        throw Object.assign(new Error(`Query has ${holes} parameters but ${parameters.length} were given.`), {
          type: 'InvalidRequestException',
        });
      let next = 0;
      const sql = (input.QueryString as string).replace(/\?/g, () => parameters[next++] as string);
      const id = crypto.randomUUID();
      started.push({ token, workGroup: input.WorkGroup, parameters, sql: input.QueryString, id });
      if (token) byToken.set(token, id);
      const outage = outages.shift();
      if (outage) {
        const error =
          outage === 'FAILED' ? 'Amazon S3 throttled the query (simulated outage).' : 'Query cancelled (simulated).';
        executions.set(id, { outage, error, polls: 0 });
        return { QueryExecutionId: id };
      }
      try {
        executions.set(id, { result: await lake.query(sql), polls: 0 });
      } catch (error) {
        executions.set(id, { error: error instanceof QueryError ? error.message : String(error), polls: 0 });
      }
      return { QueryExecutionId: id };
    },
    GetQueryExecution(input) {
      const execution = executions.get(input.QueryExecutionId);
      if (!execution) throw Object.assign(new Error('QueryExecution not found'), { type: 'InvalidRequestException' });
      execution.polls++;
      const done = execution.polls > (options.pollsBeforeDone ?? 1);
      if (done) execution.completedAt ??= new Date();
      const ended = execution.outage ?? (execution.error ? 'FAILED' : 'SUCCEEDED');
      const state = !done ? (execution.polls === 1 ? 'QUEUED' : 'RUNNING') : ended;
      const failure =
        execution.error && done
          ? {
              StateChangeReason: execution.error,
              // ErrorCategory 1 is a system error, 2 the query's own.
              ...(state === 'FAILED'
                ? {
                    AthenaError: { ErrorCategory: execution.outage ? 1 : 2, Retryable: execution.outage !== undefined },
                  }
                : {}),
            }
          : {};
      const completion = execution.completedAt ? { CompletionDateTime: execution.completedAt.getTime() / 1000 } : {};
      const status = { State: state, ...failure, ...completion };
      return { QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: status } };
    },
    GetQueryResults(input) {
      const execution = executions.get(input.QueryExecutionId);
      if (!execution?.result)
        throw Object.assign(new Error('Query has not yet finished.'), { type: 'InvalidRequestException' });
      const { columns, rows } = execution.result;
      const offset = Number(input.NextToken ?? 0);
      const header = offset === 0 ? [{ Data: columns.map((c) => ({ VarCharValue: c.name })) }] : [];
      const page = rows.slice(offset, offset + pageSize - header.length);
      const nextOffset = offset + page.length;
      return {
        ResultSet: {
          Rows: [
            ...header,
            ...page.map((row) => ({
              Data: columns.map((c) => (row[c.name] === null ? {} : { VarCharValue: String(row[c.name]) })),
            })),
          ],
          ResultSetMetadata: {
            ColumnInfo: columns.map((c) => ({
              Name: c.name,
              Label: c.name,
              Type: ATHENA_TYPE(c.type),
              CatalogName: 'hive',
              Nullable: 'UNKNOWN',
            })),
          },
        },
        ...(nextOffset < rows.length ? { NextToken: String(nextOffset) } : {}),
      };
    },
  };

  const server: Server = createServer(
    (request, response) =>
      void (async () => {
        const operation = String(request.headers['x-amz-target'] ?? '').replace('AmazonAthena.', '');
        try {
          const handler = operations[operation];
          if (!handler)
            throw Object.assign(new Error(`Operation ${operation} is not supported here.`), {
              type: 'UnknownOperationException',
            });
          const body = await handler(JSON.parse((await read(request)) || '{}'));
          response.writeHead(200, {
            'content-type': 'application/x-amz-json-1.1',
            'x-amzn-requestid': crypto.randomUUID(),
          });
          response.end(JSON.stringify(body));
        } catch (error) {
          response.writeHead(400, {
            'content-type': 'application/x-amz-json-1.1',
            'x-amzn-requestid': crypto.randomUUID(),
          });
          response.end(
            JSON.stringify({
              __type: (error as { type?: string }).type ?? 'InternalServerException',
              message: (error as Error).message,
            }),
          );
        }
      })(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    started,
    failNext: (count, state = 'FAILED') => outages.push(...Array.from({ length: count }, () => state)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function read(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
