import { plainText } from './plain-text.ts';

/**
 * A value as a CSV field that is safe to open in a spreadsheet: quoted when it must be, and
 * text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) prefixed
 * with ' so that it shows as text. Numbers are left alone.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  let text = plainText(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
