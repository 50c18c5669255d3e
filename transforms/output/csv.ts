import { plainText } from './plain-text.ts';

/**
 * CSV, written once: RFC 4180 quoting (csvQuote) for every CSV the project writes, and the
 * spreadsheet-safe cell (csvCell) for what people open in a spreadsheet (the report's tables, the
 * query command's output).
 */

/** A text as a CSV field, quoted as RFC 4180 asks: when it holds a comma, quote or line break, or edge spaces. */
export function csvQuote(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A value as a CSV field that is safe to open in a spreadsheet: quoted when it must be, and
 * text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) prefixed
 * with ' so that it shows as text. Numbers are left alone.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const text = plainText(value);
  const formula = /^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text);
  return csvQuote(formula ? `'${text}` : text);
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
