import type { IssueCode } from '../contract/issue-codes.ts';
import type { Delimiter } from './delimiter.ts';

/** One issue that says what a failed row is, in place of the cascade of issues it caused. */
export interface RowExplanation {
  readonly code: IssueCode;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
}

/** What a row is read against: the header's column names, its width, the file's delimiter. */
export interface FileShape {
  readonly columnAt: (position: number) => string;
  readonly delimiter: Delimiter;
  readonly width: number;
}

const TOTAL = /^(?:grand[\s_-]*|sub[\s_-]*)?totals?\b|^(?:count|sum|headcount)\s*[:=]/i;
const MAX_SHOWN = 60;
/** The message for a bad quote the parser found, when nothing more can be said. */
export const badQuoteMessage = (rowNumber: number) =>
  `Row ${rowNumber} has a quoted value that is not closed properly.`;

const shown = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

/**
 * Says what a row that failed is, when it is not a row of data gone wrong but something else: the
 * rows a stray double quote swallowed, a total or subtotal, a note or footer. Only ever called on
 * a row that already failed, so it costs nothing on the rows that pass.
 */
type Explained = RowExplanation | undefined;

export function explainFailedRow(record: readonly string[], rowNumber: number, file: FileShape): Explained {
  const { columnAt } = file;
  const swallowed = swallowedLines(record, rowNumber, file);
  if (swallowed) return swallowed;
  const filled: number[] = [];
  for (let i = 0; i < record.length && filled.length < 3; i++) {
    if ((record[i] as string).trim() !== '') filled.push(i);
  }
  const first = filled[0];
  if (first === undefined) return undefined;
  const text = (record[first] as string).trim();
  if (TOTAL.test(text)) {
    return {
      code: 'ROW_TOTAL',
      column: columnAt(first),
      value: shown(text),
      message: `Row ${rowNumber} is a total ('${shown(text)}'), not a row of data; delete it.`,
    };
  }
  if (filled.length === 1 && /\p{L}/u.test(text) && /[\s:]/.test(text)) {
    const message = `Row ${rowNumber} holds only the text '${shown(text)}', not a row of data; delete it.`;
    return { code: 'ROW_NOTE', column: null, value: shown(text), message };
  }
  return undefined;
}

function holdsRow(text: string, delimiter: Delimiter, width: number): boolean {
  const enough = Math.max(2, Math.floor(width / 2));
  return text.split('\n').some((line) => line.split(delimiter).length > enough);
}

/**
 * A value that runs over lines that look like rows of the file (one holds as many delimiters as
 * half the header's columns at least: a line break in a real value, a note say, does not) was
 * opened by a double quote that nothing closed until much later: the lines in between were read
 * as part of that one value, and are missing from the rows.
 */
function swallowedLines(record: readonly string[], rowNumber: number, file: FileShape): Explained {
  const { columnAt, delimiter, width } = file;
  let lines = 0;
  let at = -1;
  for (let i = 0; i < record.length; i++) {
    const value = record[i] as string;
    const lineBreak = value.indexOf('\n');
    if (lineBreak === -1) continue;
    if (at === -1 && holdsRow(value.slice(lineBreak + 1), delimiter, width)) at = i;
    for (let k = lineBreak; k !== -1; k = value.indexOf('\n', k + 1)) lines++;
  }
  if (at === -1) return undefined;
  const column = columnAt(at);
  const value = record[at] as string;
  return {
    code: 'ROW_QUOTES',
    column,
    value: shown(value),
    message:
      `Row ${rowNumber} swallows ${lines} more ${lines === 1 ? 'line' : 'lines'} of the file: a double quote opens ` +
      `its ${column} value ('${shown(value.split('\n')[0] as string)}…') and nothing closes it until then, so ` +
      'those lines were read as part of that one value, not as rows. Remove the stray quote, or close it where ' +
      'the value ends.',
  };
}
