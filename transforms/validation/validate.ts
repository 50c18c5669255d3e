import type { RowOf, RuleContext } from '../contract/dataset.ts';
import { datasetDefinition, type DATASETS, type DatasetName } from '../contract/datasets/registry.ts';
import { hasIsoDateForm, isIsoDate } from '../contract/dates.ts';
import { todayInLondon, twelveMonthsBefore } from '../contract/dates.ts';
import type { IssueCode } from '../contract/issue-codes.ts';
import { CsvRecordReader } from './csv-records.ts';
import { CsvTextDecoder } from './decode.ts';
import { sniffDelimiter } from './delimiter.ts';
import { aboveHeaderMessage, delimiterMessage, rowText } from './file-messages.ts';
import { badQuoteMessage } from './row-explanation.ts';
import { matchHeader, type HeaderMatch } from './header.ts';
import { HeaderFinder, type HeaderFound } from './header-finder.ts';
import { IssueCollector, LISTED_PER_CODE, type ValidationIssue, type ValidationReport } from './report.ts';
import { RowValidator } from './row-validator.ts';
import { DEFAULT_LIMITS, type ValidationLimits } from '../contract/limits.ts';

export type RowOfDataset<N extends DatasetName> = RowOf<(typeof DATASETS)[N]['columns']>;

export interface ValidateOptions<N extends DatasetName> {
  readonly dataset: N;
  /** The snapshot date; rules about it are skipped when it is not given. */
  readonly period?: string | null;
  /** @default DEFAULT_LIMITS */
  readonly limits?: Partial<ValidationLimits>;
  /** @default today in the UK */
  readonly today?: string;
  /**
   * The Trust's rule for which periods exist (its collection dates): a period it refuses is an
   * error of the file, with the rule's message. Without it, only a future period is refused.
   */
  readonly periodRule?: (
    period: string,
    today: string,
  ) => { readonly ok: true } | { readonly ok: false; readonly code: IssueCode; readonly message: string };
  /** @default LISTED_PER_CODE */
  readonly listedPerCode?: number;
  /**
   * Receives the typed rows that passed, a batch per chunk of the file, as the file streams.
   * They count only if the report says `accepted`: a rejected file contributes nothing.
   */
  readonly onRows?: (rows: RowOfDataset<N>[]) => void;
  /**
   * Receives each typed row that passed, as it streams, with each column's value number (in the
   * dataset's column order; -1 where there is none). Both are reused for the next row: read them
   * at once, or copy them. The fast way in for code that aggregates.
   */
  readonly onRow?: (row: RowOfDataset<N>, valueIds: Int32Array) => void;
  /**
   * Checks every value afresh with its zod schema and keeps every staff reference as it is: no
   * memo, no shortcuts. Slow; it is the reference the fast path is tested against.
   * @default false
   */
  readonly exhaustive?: boolean;
}

/** No spreadsheet holds more columns (Excel: XFD); a header wider than this is not a table of data. */
export const MAX_COLUMNS = 16_384;

/**
 * Validates one partner CSV file against the data contract as it streams: memory stays flat
 * however large the file. Never throws on the file's content; a failure of the source itself
 * (an I/O error) propagates.
 */
export async function validateCsv<N extends DatasetName>(
  source: AsyncIterable<Uint8Array>,
  options: ValidateOptions<N>,
): Promise<ValidationReport> {
  const dataset = datasetDefinition(options.dataset);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const collector = new IssueCollector(options.listedPerCode ?? LISTED_PER_CODE);
  const period = options.period ?? null;
  const context = ruleContext(period, options.today ?? todayInLondon(), collector, options.periodRule);
  const finder = new HeaderFinder(dataset);

  let rows: RowValidator | undefined;
  let header: HeaderMatch | undefined;
  let rowsRead = 0;
  let stopped = false;
  let valid: unknown[] = [];
  /** Rows in which the parser found a bad quote, reported with the row's other issues. */
  const quoteRows = new Set<number>();
  const { onRows, onRow } = options;

  const dataRow = (validator: RowValidator, record: string[], rowNumber: number) => {
    if (++rowsRead > limits.maxRows) {
      rowsRead = limits.maxRows;
      const allowed = limits.maxRows.toLocaleString('en-GB');
      const stoppedAt = `reading stopped at row ${rowNumber}`;
      const message = `The file has more than the ${allowed} rows the Trust allows; ${stoppedAt}.`;
      collector.add('FILE_TOO_MANY_ROWS', rowNumber, null, null, message);
      stopped = true;
      return;
    }
    const row = validator.validate(record, rowNumber, quoteRows.size !== 0 && quoteRows.delete(rowNumber));
    if (row !== undefined) {
      if (onRows) valid.push(row);
      onRow?.(row as RowOfDataset<N>, validator.valueIds);
    }
  };

  const startRows = (found: HeaderFound) => {
    if (found.header.length > MAX_COLUMNS) {
      const message =
        `The header row (row ${found.headerRow}) has ${found.header.length.toLocaleString('en-GB')} columns; ` +
        'a spreadsheet ' +
        `holds at most ${MAX_COLUMNS.toLocaleString('en-GB')}, and the ${dataset.name} dataset has ` +
        `${Object.keys(dataset.columns).length}. The file was not read further.`;
      collector.add('HEADER_TOO_MANY_COLUMNS', found.headerRow, null, null, message, false);
      stopped = true;
      return;
    }
    const first = found.above[0];
    if (first) {
      const title = rowText(first.record);
      collector.add('HEADER_NOT_FIRST_ROW', first.rowNumber, null, title, aboveHeaderMessage(found), false);
    }
    header = matchHeader(found.header, dataset);
    for (const issue of header.issues) {
      collector.add(issue.code, found.headerRow, issue.column, null, issue.message, false);
    }
    const validator = new RowValidator(dataset, header, found.header.length, collector, context, {
      reuseRow: onRows === undefined,
      exhaustive: options.exhaustive ?? false,
      delimiter: reader.delimiter,
    });
    rows = validator;
    for (const { record, rowNumber } of found.replay) if (!stopped) dataRow(validator, record, rowNumber);
  };

  const reader = new CsvRecordReader(
    (records, firstIndex) => {
      valid = [];
      for (let i = 0; i < records.length && !stopped; i++) {
        const record = records[i] as string[];
        if (isBlank(record)) continue;
        const rowNumber = firstIndex + i + 1;
        if (rows !== undefined) {
          dataRow(rows, record, rowNumber);
        } else {
          const found = finder.offer(record, rowNumber);
          if (found) startRows(found);
        }
      }
      if (onRows && valid.length > 0) onRows(valid as RowOfDataset<N>[]);
    },
    (problem) => {
      const row = problem.recordIndex + 1;
      if (problem.kind === 'quotes') {
        quoteRows.add(row);
      } else {
        collector.add(
          'ROW_TOO_LONG',
          row,
          null,
          null,
          `From row ${row} on, the text runs past 1 MiB without ending the row; look for an unclosed double quote there.`,
        );
      }
    },
    (firstText) => sniffDelimiter(firstText, Object.keys(dataset.columns)),
  );

  const decoder = new CsvTextDecoder(limits);
  for await (const text of decoder.decode(source)) {
    if (!reader.push(text) || stopped) {
      stopped = true;
      break;
    }
  }
  if (!stopped && !decoder.problem) {
    reader.end();
    const found = rows === undefined && !stopped ? finder.finish() : undefined;
    if (found) {
      valid = [];
      startRows(found);
      if (onRows && valid.length > 0) onRows(valid as RowOfDataset<N>[]);
    }
  }
  for (const row of quoteRows) collector.add('ROW_QUOTES', row, null, null, badQuoteMessage(row));

  if (decoder.problem) collector.add(decoder.problem.code, null, null, null, decoder.problem.message);
  if (decoder.fellBackTo === 'windows-1252') {
    collector.add(
      'FILE_WINDOWS_1252',
      null,
      null,
      null,
      'The file is not UTF-8, so it was read as Windows-1252; check accented characters came through.',
    );
  } else if (decoder.fellBackTo === 'mac-roman') {
    const message =
      'The file is not UTF-8; its accented letters read as Mac OS Roman (Excel on a Mac, plain "CSV"), ' +
      'so it was read that way; check they came through.';
    collector.add('FILE_MAC_ROMAN', null, null, null, message);
  }
  if (reader.delimiter !== ',' && header !== undefined) {
    const decimalCommas = rows?.decimalCommas.read ?? false;
    collector.add('FILE_DELIMITER', null, null, null, delimiterMessage(reader.delimiter, decimalCommas));
  }
  if (!decoder.problem && !stopped) {
    if (rows === undefined)
      collector.add(
        'FILE_EMPTY',
        null,
        null,
        null,
        'The file has no header row: it is empty or holds only blank lines.',
      );
    else if (rowsRead === 0)
      collector.add('FILE_NO_ROWS', null, null, null, 'The file has a header row but no data rows.');
  }

  return {
    status: collector.hasErrors ? 'rejected' : 'accepted',
    dataset: dataset.name,
    period,
    encoding: decoder.encoding ?? null,
    rows: { read: rowsRead, withErrors: collector.rowsWithErrors, withWarnings: collector.rowsWithWarnings },
    errors: inFileOrder(collector.errors),
    warnings: inFileOrder(collector.warnings),
    issueCounts: collector.counts,
    listedPerCode: options.listedPerCode ?? LISTED_PER_CODE,
    columns: { found: header ? [...header.positions.keys()] : [], ignored: header?.ignoredListed ?? [] },
  };
}

/** Checks the period itself, and gives the rules what they need of it. */
function ruleContext(
  period: string | null,
  today: string,
  collector: IssueCollector,
  periodRule: ValidateOptions<DatasetName>['periodRule'],
): RuleContext {
  if (period === null) return { period: null, yearStartExclusive: null };
  if (!isIsoDate(period)) {
    const message = hasIsoDateForm(period)
      ? `The period '${period}' is an impossible date.`
      : `The period '${period}' is not a date in the form YYYY-MM-DD.`;
    collector.add('PERIOD_INVALID', null, null, period, message);
    return { period: null, yearStartExclusive: null };
  }
  const check = periodRule?.(period, today);
  if (check && !check.ok) collector.add(check.code, null, null, period, check.message);
  else if (!check && period > today)
    collector.add('PERIOD_IN_FUTURE', null, null, period, `The period ${period} is after today (${today}).`);
  return { period, yearStartExclusive: twelveMonthsBefore(period) };
}

function isBlank(record: readonly string[]): boolean {
  for (const value of record) if (value.trim() !== '') return false;
  return true;
}

/** File-level issues first, then by row; the sort is stable, so a row's issues keep column order. */
function inFileOrder(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
