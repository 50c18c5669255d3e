import { VIEW_COLUMNS, type ViewColumnType } from './view-columns.ts';
import type { ViewName } from './views.ts';

/**
 * A query over the lake declared with the columns it returns, so that the rows it gives are typed
 * from one declaration: the row type comes from here, and every row the engine returns is checked
 * against it and converted once (typed-rows.ts). A query over a view takes its columns' types from
 * VIEW_COLUMNS, and its SELECT list is written from them, so a column renamed in the view's
 * declaration is a compile error wherever a row of it is read.
 */
export type ColumnTypes = Readonly<Record<string, ViewColumnType>>;

/** What a column of a declared type reads as: numbers as numbers, dates (YYYY-MM-DD) and text as text. */
export type ValueOf<T extends ViewColumnType> = T extends 'boolean'
  ? boolean
  : T extends 'bigint' | 'double'
    ? number
    : string;

export interface TypedQuery<C extends ColumnTypes = ColumnTypes, K extends keyof C & string = keyof C & string> {
  /** The SQL Athena and DuckDB run alike, with `?` parameters. */
  readonly sql: string;
  /** The columns it returns, in order, with their types. */
  readonly columns: C;
  /** The columns that are never null (what identifies the row): a null in one is an error. */
  readonly keys: readonly K[];
}

/** A row of a query, as its declaration types it. */
export type RowOf<Q extends TypedQuery> = {
  readonly [P in keyof Q['columns']]: P extends Q['keys'][number]
    ? ValueOf<Q['columns'][P]>
    : ValueOf<Q['columns'][P]> | null;
};

type ColumnsOf<V extends ViewName> = (typeof VIEW_COLUMNS)[V];
export type ViewColumn<V extends ViewName> = keyof ColumnsOf<V> & string;
/** A column's type as a query returns it: a date as text. */
type AsReturned<T extends ViewColumnType> = T extends 'date' ? 'varchar' : T;
/** Some of a view's columns, with their declared types as a query returns them. */
export type ViewColumnTypes<V extends ViewName, C extends ViewColumn<V>> = {
  readonly [P in C]: AsReturned<ColumnsOf<V>[P] & ViewColumnType>;
};

interface ViewClauses<K> {
  readonly where: string;
  readonly orderBy?: string;
  /** @default every row */
  readonly limit?: number;
  /** @default none */
  readonly keys?: readonly K[];
}

/**
 * SELECT the given columns of a view: each with the view's declared type, but a date, which comes
 * back as text (CAST to VARCHAR), so that Athena and DuckDB return the same thing.
 */
export function viewQuery<
  V extends ViewName,
  const S extends readonly ViewColumn<V>[],
  const K extends S[number] = never,
>(view: V, select: S, clauses: ViewClauses<K>): TypedQuery<ViewColumnTypes<V, S[number]>, K> {
  const declared: ColumnTypes = VIEW_COLUMNS[view];
  const list = select.map((column) =>
    declared[column] === 'date' ? `CAST(${column} AS VARCHAR) AS ${column}` : column,
  );
  const columns = viewColumnTypes(view, select);
  const sql = [
    `SELECT ${list.join(', ')}`,
    `FROM ${view}`,
    `WHERE ${clauses.where}`,
    ...(clauses.orderBy ? [`ORDER BY ${clauses.orderBy}`] : []),
    ...(clauses.limit === undefined ? [] : [`LIMIT ${Math.trunc(clauses.limit)}`]),
  ].join('\n');
  return { sql, columns, keys: clauses.keys ?? [] };
}

/** A query written out in SQL, with the columns it returns declared beside it. */
export function declaredQuery<const C extends ColumnTypes, const K extends keyof C & string = never>(
  sql: string,
  columns: C,
  keys: readonly K[] = [],
): TypedQuery<C, K> {
  return { sql, columns, keys };
}

/** The declared types of some of a view's columns, as a query returns them (a date as text). */
export function viewColumnTypes<V extends ViewName, const S extends readonly ViewColumn<V>[]>(
  view: V,
  select: S,
): ViewColumnTypes<V, S[number]> {
  const declared: ColumnTypes = VIEW_COLUMNS[view];
  const returned = (type: ViewColumnType | undefined) => (type === 'date' ? 'varchar' : type);
  return Object.fromEntries(select.map((column) => [column, returned(declared[column])])) as ViewColumnTypes<
    V,
    S[number]
  >;
}
