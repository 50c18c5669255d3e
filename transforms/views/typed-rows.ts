import type { ViewColumnType } from './view-columns.ts';
import type { RowOf, TypedQuery } from './typed-query.ts';

/** A row as an engine gives it: DuckDB's and Athena's values before they are checked. */
export type RawRow = Readonly<Record<string, unknown>>;

/** What an engine answered: the columns it named, in order, and the rows. */
export interface RawResult {
  readonly columns: readonly string[];
  readonly rows: readonly RawRow[];
}

/** A query's answer does not have the columns or types it declares: a renamed column, a changed type. */
export class QueryShapeError extends Error {
  override readonly name = 'QueryShapeError';
}

/**
 * The rows of a query, checked against its declaration and converted to the declared types once,
 * here: a BIGINT (a JavaScript bigint, or text from Athena) becomes a number, 'true' a boolean. A
 * column declared but not returned, one returned but not declared, a value of the wrong type or a
 * null in a key column throws, naming the query and the column, rather than reading as empty.
 */
export function typedRows<Q extends TypedQuery>(name: string, query: Q, result: RawResult): RowOf<Q>[] {
  const declared = Object.entries(query.columns);
  const missing = declared.map(([column]) => column).filter((column) => !result.columns.includes(column));
  if (missing.length > 0) {
    throw new QueryShapeError(
      `Query ${name} returned no column ${missing.join(', ')}, which it declares; ` +
        `it returned ${result.columns.join(', ') || 'no columns'}.`,
    );
  }
  const extra = result.columns.filter((column) => !Object.hasOwn(query.columns, column));
  if (extra.length > 0)
    throw new QueryShapeError(`Query ${name} returned ${extra.join(', ')}, which it does not declare.`);
  const keys = new Set<string>(query.keys);
  return result.rows.map((row, index) => {
    const typed: Record<string, unknown> = {};
    for (const [column, type] of declared) {
      const where = () => `Query ${name}, row ${index + 1}, column ${column} (${type})`;
      if (!Object.hasOwn(row, column)) throw new QueryShapeError(`${where()}: the row has no such column.`);
      const value = converted(row[column], type, where);
      if (value === null && keys.has(column))
        throw new QueryShapeError(`${where()}: null in a column that identifies the row.`);
      typed[column] = value;
    }
    return typed as RowOf<Q>;
  });
}

function converted(value: unknown, type: ViewColumnType, where: () => string): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'bigint':
    case 'double': {
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
      break;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      break;
    }
    case 'varchar':
    case 'date': {
      if (typeof value === 'string') return value;
      break;
    }
  }
  throw new QueryShapeError(
    `${where()}: ${JSON.stringify(typeof value === 'bigint' ? String(value) : value)} is not a ${type}.`,
  );
}
