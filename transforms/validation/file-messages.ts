/** The messages of the issues about a file's shape: rows above its header, its separator. */
import { DELIMITER_NAMES, type Delimiter } from './delimiter.ts';
import type { HeaderFound } from './header-finder.ts';

/** A row's text as a message quotes it: its non-empty cells, at most 80 characters. */
export const rowText = (record: readonly string[]) => {
  const text = record
    .filter((cell) => cell.trim() !== '')
    .join(' ')
    .trim();
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** Where the header is, what was skipped above it, and what to delete. */
export function aboveHeaderMessage({ headerRow, above }: HeaderFound): string {
  const rowsAbove = headerRow === 2 ? 'row 1' : `rows 1–${headerRow - 1}`;
  const first = above[0] as HeaderFound['above'][number];
  return (
    `The header is on row ${headerRow}, not row 1: ${rowsAbove} above it (row ${first.rowNumber} reads ` +
    `'${rowText(first.record)}') ${headerRow === 2 ? 'was' : 'were'} skipped. ` +
    `Delete ${rowsAbove} so the header is the first row.`
  );
}

/** Which separator the file uses, and whether decimal commas were read. */
export function delimiterMessage(delimiter: Delimiter, decimalCommas: boolean): string {
  const comma = decimalCommas ? ' Numbers written with a decimal comma (0,5) were read as 0.5.' : '';
  return `The values are separated by ${DELIMITER_NAMES[delimiter]}, not commas; the file was read that way.${comma}`;
}
