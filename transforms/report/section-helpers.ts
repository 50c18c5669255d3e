import type { DisclosureColumn } from '../disclosure/tables.ts';
import type { PublishedTables } from './model.ts';
import type { ReportRow } from './queries.ts';
import type { CellValue, PublishedTable } from './report-table.ts';

/** A row of a query, or one put together from rows of queries. */
type SourceRow = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A query row's values for the table's columns: numbers as numbers, nothing else. A column the row
 * does not have is an error, not an empty cell; no row at all gives empty cells.
 */
export function valuesOf(row: SourceRow | undefined, columns: readonly DisclosureColumn[]): Record<string, CellValue> {
  const values: Record<string, CellValue> = {};
  for (const column of columns) {
    if (column.kind === 'label') continue;
    if (row !== undefined && !Object.hasOwn(row, column.key)) {
      throw new Error(`The column ${column.key} is not in the rows it is read from (${Object.keys(row).join(', ')}).`);
    }
    const value = row?.[column.key];
    values[column.key] =
      value === null || value === undefined
        ? null
        : typeof value === 'number'
          ? value
          : Number.isNaN(Number(value))
            ? value
            : Number(value);
  }
  return values;
}

/** A published table by id; sections only quote what is published. */
export function publishedTable(tables: PublishedTables, id: string): PublishedTable {
  const table = tables.get(id);
  if (table === undefined) throw new Error(`The report has no table ${id}.`);
  return table;
}

/** The figures whose being more than 0 lists a row of recruitment_rates. */
export const ACTIVITY = ['employees_headcount', 'agency_headcount', 'leavers_headcount', 'vacancies_fte'] as const;

/** The rows of recruitment_rates the report lists: those with employees, agency workers, leavers or vacancies. */
export const hasAnyone = (row: { readonly [K in (typeof ACTIVITY)[number]]: number | null }) =>
  ACTIVITY.some((key) => (row[key] ?? 0) > 0);

/** A shown number, not withheld nor empty. */
export const shown = (value: CellValue | undefined): value is number => typeof value === 'number';

/** A row of recruitment_rates by sector or by role, and its sector or role. */
export type RateRow = ReportRow<'rates_by_sector'> | ReportRow<'rates_by_role'>;
export const rateRowCode = (row: RateRow) => ('sector' in row ? row.sector : row.role);
