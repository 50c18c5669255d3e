import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TABLES, type ColumnType, type TableDefinition } from '../../transforms/tables/definitions.ts';
import type { CollectionRule } from '../../transforms/config/collection-periods.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import { tableHoldsPeriod } from '../../transforms/tables/table-periods.ts';
import { VIEW_NAMES, viewSql, type ViewSettings } from '../../transforms/views/views.ts';
import { periodOfPartition } from '../../transforms/storage/object-layout.ts';

const DUCKDB_TYPE: Record<ColumnType, string> = { string: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE' };
const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DECIMAL|FLOAT|DOUBLE)/;

/**
 * One thread (the lake holds aggregates: small), and memory handed back to the system as soon as a
 * query is done rather than kept for the next (DuckDB keeps up to 128 MB by default): over the
 * report's queries that held 40 MB more at its peak, on top of the ingest's in `workforce run`.
 */
const DUCKDB_SETTINGS = {
  threads: '1',
  allocator_flush_threshold: '1MB',
  allocator_bulk_deallocation_flush_threshold: '1MB',
};

export type JsonValue = string | number | boolean | null;

/** What opening the lake needs: the views' settings and the period rule. */
export type LakeSettings = ViewSettings & CollectionRule;

export interface LakeOptions {
  /** The day whose periods the tables show (YYYY-MM-DD). @default today in the UK */
  readonly today?: string;
}

export interface QueryResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Numbers as numbers, dates as YYYY-MM-DD. */
  readonly rows: readonly Record<string, JsonValue>[];
}

/** A SQL error from the engine, with the engine's message. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
}

/**
 * DuckDB over a Parquet lake folder: the lake's tables as views with the table definitions' types
 * (period, from the Hive partition, last, as Athena puts it), and the analytics views from the
 * same SQL files Athena runs.
 */
export class DuckDbLake {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /**
   * Opens the lake folder. Each table shows only the periods it can hold on `today`
   * (table-periods.ts), as Athena's partition projection does: a folder for any other period
   * (left by an older version of the pipeline, say) is seen by neither engine.
   */
  static async open(lakeDir: string, settings: LakeSettings, options: LakeOptions = {}): Promise<DuckDbLake> {
    const instance = await DuckDBInstance.create(':memory:', DUCKDB_SETTINGS);
    const connection = await instance.connect();
    const lake = new DuckDbLake(instance, connection);
    const today = options.today ?? todayInLondon();
    const holds = (table: TableDefinition, period: string) => tableHoldsPeriod(table.name, settings, period, today);
    for (const table of TABLES) {
      await connection.run(`CREATE VIEW ${table.name} AS ${tableSelect(lakeDir, table, holds)}`);
    }
    for (const view of VIEW_NAMES) await connection.run(`CREATE VIEW ${view} AS ${viewSql(view, settings)}`);
    return lake;
  }

  /** Runs SQL; `?` parameters are bound, in order, as text. */
  async query(sql: string, parameters: readonly string[] = []): Promise<QueryResult> {
    let reader;
    try {
      if (parameters.length === 0) {
        reader = await this.connection.runAndReadAll(sql);
      } else {
        const prepared = await this.connection.prepare(sql);
        parameters.forEach((value, i) => prepared.bindVarchar(i + 1, value));
        reader = await prepared.runAndReadAll();
      }
    } catch (cause) {
      throw new QueryError((cause as Error).message, { cause });
    }
    const names = reader.columnNames();
    const types = reader.columnTypes().map(String);
    const numeric = types.map((type) => NUMERIC.test(type));
    const rows = reader.getRowObjectsJson().map((row) => {
      const converted: Record<string, JsonValue> = {};
      names.forEach((name, i) => {
        const value = row[name] as JsonValue;
        converted[name] = numeric[i] && typeof value === 'string' ? Number(value) : value;
      });
      return converted;
    });
    return { columns: names.map((name, i) => ({ name, type: types[i] as string })), rows };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * The SELECT that presents a table's Parquet files in the periods it holds, or an empty table of
 * the same shape if it has none.
 */
type Holds = (table: TableDefinition, period: string) => boolean;

function tableSelect(lakeDir: string, table: TableDefinition, holds: Holds): string {
  const columns = table.columns.map((c) => `CAST(${c.name} AS ${DUCKDB_TYPE[c.type]}) AS ${c.name}`);
  const folder = resolve(lakeDir, table.name);
  const partitions = (existsSync(folder) ? readdirSync(folder) : []).filter((partition) => {
    const period = periodOfPartition(partition);
    if (period === undefined || !holds(table, period)) return false;
    return readdirSync(join(folder, partition)).some((f) => f.endsWith('.parquet'));
  });
  if (partitions.length === 0) {
    const nulls = columns.map((c) => c.replace(/^CAST\(\w+ /, 'CAST(NULL '));
    return `SELECT ${[...nulls, 'CAST(NULL AS DATE) AS period'].join(', ')} WHERE false`;
  }
  const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`;
  const files = partitions.map((partition) => quoted(join(folder, partition, '*.parquet'))).join(', ');
  // union_by_name: files written before a column was added read it as NULL.
  const options = "hive_partitioning = true, hive_types = {'period': DATE}, union_by_name = true";
  return `SELECT ${[...columns, 'period'].join(', ')} FROM read_parquet([${files}], ${options})`;
}
