import type { RowOf, RuleContext } from '../contract/dataset.ts';
import { datasetDefinition, type DATASETS, type DatasetName } from '../contract/datasets/registry.ts';
import { parseContractDate, todayInLondon, twelveMonthsBefore } from '../contract/dates.ts';
import type { IssueCode } from '../contract/issue-codes.ts';
import { CsvRecordReader } from './csv-records.ts';
import { CsvTextDecoder } from './decode.ts';
import { matchHeader } from './header.ts';
import { IssueCollector, LISTED_PER_CODE, type ValidationIssue, type ValidationReport } from './report.ts';
import { RowValidator } from './row-validator.ts';

export interface ValidationLimits {
  /** @default 268435456 (256 MiB) */
  readonly maxFileBytes: number;
  /** @default 2000000 */
  readonly maxRows: number;
}

export const DEFAULT_LIMITS: ValidationLimits = { maxFileBytes: 256 * 1024 * 1024, maxRows: 2_000_000 };

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
  readonly periodRule?: (period: string, today: string) => { readonly ok: true } | { readonly ok: false; readonly code: IssueCode; readonly message: string };
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

/**
 * Validates one partner CSV file against the data contract as it streams: memory stays flat
 * however large the file. Never throws on the file's content; a failure of the source itself
 * (an I/O error) propagates.
 */
export async function validateCsv<N extends DatasetName>(source: AsyncIterable<Uint8Array>, options: ValidateOptions<N>): Promise<ValidationReport> {
  const dataset = datasetDefinition(options.dataset);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const collector = new IssueCollector(options.listedPerCode ?? LISTED_PER_CODE);
  const period = options.period ?? null;
  const context = ruleContext(period, options.today ?? todayInLondon(), collector, options.periodRule);

  let rows: RowValidator | undefined;
  let found: readonly string[] = [];
  let ignored: readonly string[] = [];
  let rowsRead = 0;
  let stopped = false;
  const { onRows, onRow } = options;

  const reader = new CsvRecordReader(
    (records, firstIndex) => {
      const valid: unknown[] = [];
      for (let i = 0; i < records.length && !stopped; i++) {
        const record = records[i] as string[];
        if (isBlank(record)) continue;
        const rowNumber = firstIndex + i + 1;
        if (rows === undefined) {
          const header = matchHeader(record, dataset);
          for (const issue of header.issues) collector.add(issue.code, rowNumber, issue.column, null, issue.message, false);
          found = [...header.positions.keys()];
          ignored = header.ignoredNames;
          rows = new RowValidator(dataset, header, record.length, collector, context, onRows === undefined, options.exhaustive ?? false);
          continue;
        }
        if (++rowsRead > limits.maxRows) {
          rowsRead = limits.maxRows;
          collector.add('FILE_TOO_MANY_ROWS', rowNumber, null, null, `The file has more than the ${limits.maxRows.toLocaleString('en-GB')} rows the Trust allows; reading stopped at row ${rowNumber}.`);
          stopped = true;
          break;
        }
        const row = rows.validate(record, rowNumber);
        if (row !== undefined) {
          if (onRows) valid.push(row);
          onRow?.(row as RowOfDataset<N>, rows.valueIds);
        }
      }
      if (onRows && valid.length > 0) onRows(valid as RowOfDataset<N>[]);
    },
    (problem) => {
      const row = problem.recordIndex + 1;
      if (problem.kind === 'quotes') {
        collector.add('ROW_QUOTES', row, null, null, `Row ${row} has a quoted value that is not closed properly.`);
      } else {
        collector.add('ROW_TOO_LONG', row, null, null, `From row ${row} on, the text runs past 1 MiB without ending the row; look for an unclosed double quote there.`);
      }
    },
  );

  const decoder = new CsvTextDecoder(limits);
  for await (const text of decoder.decode(source)) {
    if (!reader.push(text) || stopped) {
      stopped = true;
      break;
    }
  }
  if (!stopped && !decoder.problem) reader.end();

  if (decoder.problem) collector.add(decoder.problem.code, null, null, null, decoder.problem.message);
  if (decoder.fellBackToWindows1252) {
    collector.add('FILE_WINDOWS_1252', null, null, null, 'The file is not UTF-8, so it was read as Windows-1252; check accented characters came through.');
  }
  if (!decoder.problem && !stopped) {
    if (rows === undefined) collector.add('FILE_EMPTY', null, null, null, 'The file has no header row: it is empty or holds only blank lines.');
    else if (rowsRead === 0) collector.add('FILE_NO_ROWS', null, null, null, 'The file has a header row but no data rows.');
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
    columns: { found, ignored },
  };
}

/** Checks the period itself, and gives the rules what they need of it. */
function ruleContext(period: string | null, today: string, collector: IssueCollector, periodRule: ValidateOptions<DatasetName>['periodRule']): RuleContext {
  if (period === null) return { period: null, yearStartExclusive: null };
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(period) ? parseContractDate(period) : undefined;
  if (parsed === undefined || 'issue' in parsed) {
    collector.add('PERIOD_INVALID', null, null, period, `The period '${period}' is not a date in the form YYYY-MM-DD.`);
    return { period: null, yearStartExclusive: null };
  }
  const check = periodRule?.(period, today);
  if (check && !check.ok) collector.add(check.code, null, null, period, check.message);
  else if (!check && period > today) collector.add('PERIOD_IN_FUTURE', null, null, period, `The period ${period} is after today (${today}).`);
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
