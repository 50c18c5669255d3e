import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbLake, type LakeSettings } from '../functions/local/duckdb-lake.ts';
import { VIEW_NAMES, viewSql, type ViewName } from '../transforms/views/views.ts';

export interface ViewColumn {
  readonly name: string;
  /** The Athena (Trino) type. */
  readonly type: string;
}

export interface ViewDefinition {
  readonly name: ViewName;
  readonly sql: string;
  readonly columns: readonly ViewColumn[];
}

const ATHENA_TYPE: Record<string, string> = { VARCHAR: 'varchar', BIGINT: 'bigint', DOUBLE: 'double', BOOLEAN: 'boolean', DATE: 'date', INTEGER: 'integer' };

/**
 * Each view's SQL (the same file DuckDB runs) and its output columns, found by asking DuckDB to
 * describe the view over an empty lake: Glue needs a view's columns spelled out.
 */
export async function describeViews(settings: LakeSettings): Promise<ViewDefinition[]> {
  const emptyLake = mkdtempSync(join(tmpdir(), 'workforce-views-'));
  const lake = await DuckDbLake.open(emptyLake, settings);
  try {
    const views: ViewDefinition[] = [];
    for (const name of VIEW_NAMES) {
      const { rows } = await lake.query(`DESCRIBE ${name}`);
      const columns = rows.map((row) => {
        const type = ATHENA_TYPE[String(row.column_type)];
        if (type === undefined) throw new Error(`View ${name} column ${row.column_name} has type ${row.column_type}, which the Athena view cannot declare; cast it in the SQL.`);
        return { name: String(row.column_name), type };
      });
      views.push({ name, sql: viewSql(name, settings), columns });
    }
    return views;
  } finally {
    lake.close();
    rmSync(emptyLake, { recursive: true, force: true });
  }
}
