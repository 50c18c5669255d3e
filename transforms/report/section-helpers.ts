import type { DisclosureColumn } from '../disclosure/tables.ts';
import type { PublishedTables } from './model.ts';
import type { QueryRow } from './queries.ts';
import type { CellValue, PublishedTable } from './report-table.ts';

/** A query row's values for the table's columns: numbers as numbers, nothing else. */
export function valuesOf(row: QueryRow | undefined, columns: readonly DisclosureColumn[]): Record<string, CellValue> {
  const values: Record<string, CellValue> = {};
  for (const column of columns) {
    if (column.kind === 'label') continue;
    const value = row?.[column.key];
    values[column.key] = value === null || value === undefined ? null : typeof value === 'number' ? value : Number.isNaN(Number(value)) ? value : Number(value);
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
export const hasAnyone = (row: QueryRow) => ACTIVITY.some((key) => Number(row[key] ?? 0) > 0);

/** A shown number, not withheld nor empty. */
export const shown = (value: CellValue | undefined): value is number => typeof value === 'number';
