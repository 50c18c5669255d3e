import Papa from 'papaparse';
import type { Delimiter } from './delimiter.ts';

export const MAX_RECORD_CHARS = 1024 * 1024;

export interface RecordProblem {
  /** Index of the record in the file, counting from 0 (spreadsheet row = index + 1). */
  readonly recordIndex: number;
  readonly kind: 'quotes' | 'too_long';
}

interface PapaParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]>;
}

/**
 * Splits text chunks into CSV records (RFC 4180) with papaparse's parser, without ever holding
 * more than one chunk and one partial record. Every value stays a string. Records keep their
 * position in the file, blank ones included, so row numbers are those a spreadsheet shows.
 */
export class CsvRecordReader {
  recordsSeen = 0;
  /** The delimiter the file is read with, chosen from its first text. */
  delimiter: Delimiter = ',';
  private parser: PapaParser | undefined;
  private partial = '';
  private stripCarriageReturn = true;

  constructor(
    private readonly onRecords: (records: string[][], firstRecordIndex: number) => void,
    private readonly onProblem: (problem: RecordProblem) => void,
    private readonly chooseDelimiter: (firstText: string) => Delimiter = () => ',',
  ) {}

  /** Parses the complete records of `text`; returns false when a record grows past the limit. */
  push(text: string): boolean {
    this.parse(this.partial + text, false);
    if (this.partial.length > MAX_RECORD_CHARS) {
      this.onProblem({ recordIndex: this.recordsSeen, kind: 'too_long' });
      return false;
    }
    return true;
  }

  end(): void {
    if (this.partial.length > 0) this.parse(this.partial, true);
    this.partial = '';
  }

  private parse(input: string, isLast: boolean): void {
    this.parser ??= this.createParser(input);
    const result = this.parser.parse(input, 0, !isLast);
    const records = result.data;
    this.partial = isLast ? '' : input.substring(result.meta.cursor);
    for (const error of result.errors) {
      // An error on the unfinished last record is found again when that record is complete.
      if (error.type === 'Quotes' && error.row !== undefined && error.row < records.length) {
        this.onProblem({ recordIndex: this.recordsSeen + error.row, kind: 'quotes' });
      }
    }
    if (this.stripCarriageReturn && input.indexOf('\r') !== -1) {
      for (const record of records) {
        const last = record.length - 1;
        const value = record[last] as string;
        if (value.charCodeAt(value.length - 1) === 13) record[last] = value.slice(0, -1);
      }
    }
    const first = this.recordsSeen;
    this.recordsSeen += records.length;
    if (records.length > 0) this.onRecords(records, first);
  }

  /** Old Mac files end lines with CR alone; everything else ends them with LF (CRs are stripped). */
  private createParser(firstText: string): PapaParser {
    const crOnly = firstText.indexOf('\n') === -1 && firstText.indexOf('\r') !== -1;
    this.stripCarriageReturn = !crOnly;
    this.delimiter = this.chooseDelimiter(firstText);
    const Parser = (Papa as unknown as { Parser: new (config: Papa.ParseConfig) => PapaParser }).Parser;
    return new Parser({ delimiter: this.delimiter, newline: crOnly ? '\r' : '\n', quoteChar: '"' });
  }
}
