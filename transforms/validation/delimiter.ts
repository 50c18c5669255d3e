import { normalizeKey } from '../contract/normalize.ts';

/**
 * The characters files are seen to separate values with. Comma is the contract's; Excel writes the
 * computer's list separator, a semicolon in much of Europe; HR and payroll systems write
 * semicolons, tabs or vertical bars. Any of them is read, and a file not using commas is told so.
 */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DELIMITER_NAMES: Readonly<Record<Delimiter, string>> = {
  ',': 'commas',
  ';': 'semicolons (;)',
  '\t': 'tabs',
  '|': 'vertical bars (|)',
};

const LINES_SNIFFED = 30;

/** A line's cells, split naively (the header's names seldom need quotes), without surrounding quotes. */
function cells(line: string, delimiter: Delimiter): string[] {
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

/** How many distinct contract columns a line names, split at a delimiter. */
function columnsNamed(line: string, delimiter: Delimiter, columns: ReadonlySet<string>): number {
  const named = new Set<string>();
  for (const cell of cells(line, delimiter)) {
    const key = normalizeKey(cell);
    if (columns.has(key)) named.add(key);
  }
  return named.size;
}

/**
 * The delimiter of a file, from the start of its text: the one that splits a line of its first
 * lines (the header, after any title rows) into the most of the dataset's column names. When no
 * line names a column, a delimiter other than comma is taken only if it splits the first lines
 * evenly and they hold no comma. Runs once per file, on its first few kilobytes.
 */
export function sniffDelimiter(text: string, columnNames: readonly string[]): Delimiter {
  const lines = text.split(/\r\n|\n|\r/, LINES_SNIFFED).filter((line) => line.trim() !== '');
  const columns = new Set(columnNames);
  let best: Delimiter = ',';
  let bestNamed = 0;
  for (const delimiter of DELIMITERS) {
    const named = Math.max(0, ...lines.map((line) => columnsNamed(line, delimiter, columns)));
    if (named > bestNamed) {
      best = delimiter;
      bestNamed = named;
    }
  }
  if (bestNamed > 0) return best;
  return DELIMITERS.find((delimiter) => delimiter !== ',' && splitsEvenly(lines.slice(0, 5), delimiter)) ?? ',';
}

function splitsEvenly(lines: readonly string[], delimiter: Delimiter): boolean {
  if (lines.length < 2 || lines.some((line) => line.includes(','))) return false;
  const count = lines[0]?.split(delimiter).length ?? 0;
  return count >= 3 && lines.every((line) => line.split(delimiter).length === count);
}
