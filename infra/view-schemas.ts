import { viewColumns, type ViewColumnType } from '../transforms/views/view-columns.ts';
import { VIEW_NAMES, viewSql, type ViewName, type ViewSettings } from '../transforms/views/views.ts';

export interface ViewColumn {
  readonly name: string;
  /** The Athena (Trino) type. */
  readonly type: ViewColumnType;
}

export interface ViewDefinition {
  readonly name: ViewName;
  readonly sql: string;
  readonly columns: readonly ViewColumn[];
}

/**
 * Each view's SQL (the same file DuckDB runs, with the Trust's settings filled in) and its output
 * columns, from their declaration (view-columns.ts, which tests hold to what DuckDB and Trino make
 * of the SQL): Glue needs a view's columns spelled out. No database is needed to synthesise.
 */
export function describeViews(settings: ViewSettings): ViewDefinition[] {
  return VIEW_NAMES.map((name) => ({ name, sql: viewSql(name, settings), columns: viewColumns(name) }));
}
