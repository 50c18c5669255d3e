import { ISSUE_CODES, type IssueCode, type Severity } from '../contract/issue-codes.ts';
import type { TextEncodingName } from './decode.ts';

export interface ValidationIssue {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** The row a spreadsheet shows (header = 1); null for the file as a whole. */
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
}

export interface ValidationReport {
  readonly status: 'accepted' | 'rejected';
  readonly dataset: string;
  readonly period: string | null;
  readonly encoding: TextEncodingName | null;
  readonly rows: { readonly read: number; readonly withErrors: number; readonly withWarnings: number };
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
  /** How many times each code occurred; complete even when the lists are cut short. */
  readonly issueCounts: Readonly<Partial<Record<IssueCode, number>>>;
  /** The lists hold at most `listedPerCode` issues of each code. */
  readonly listedPerCode: number;
  readonly columns: { readonly found: readonly string[]; readonly ignored: readonly string[] };
}

export const LISTED_PER_CODE = 1000;
/** A row has one issue per column or rule at most; a row with more is not withdrawn. */
const MAX_JOURNAL = 64;
const MAX_VALUE_CHARS = 100;

/** Gathers issues as validation runs, counting rows with errors and warnings as it goes. */
export class IssueCollector {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  readonly counts: Partial<Record<IssueCode, number>> = {};
  rowsWithErrors = 0;
  errorCount = 0;
  rowsWithWarnings = 0;
  private lastErrorRow = -1;
  private lastWarningRow = -1;
  /** The issues added since the last `beginRow`, so a row's issues can be withdrawn together. */
  private readonly rowJournal: { readonly code: IssueCode; readonly listed: boolean }[] = [];

  constructor(private readonly listedPerCode = LISTED_PER_CODE) {}

  /** Records an issue; `dataRow` is false for the header row, which is not counted among the rows. */
  add(
    code: IssueCode,
    row: number | null,
    column: string | null,
    value: string | null,
    message: string,
    dataRow = true,
  ): void {
    const severity = ISSUE_CODES[code].severity;
    const count = (this.counts[code] ?? 0) + 1;
    this.counts[code] = count;
    if (severity === 'error') this.errorCount++;
    if (row !== null && dataRow) {
      if (severity === 'error' && row !== this.lastErrorRow) {
        this.rowsWithErrors++;
        this.lastErrorRow = row;
      } else if (severity === 'warning' && row !== this.lastWarningRow) {
        this.rowsWithWarnings++;
        this.lastWarningRow = row;
      }
    }
    if (this.rowJournal.length < MAX_JOURNAL) this.rowJournal.push({ code, listed: count <= this.listedPerCode });
    if (count > this.listedPerCode) return;
    const shown = value !== null && value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
    (severity === 'error' ? this.errors : this.warnings).push({ code, severity, row, column, value: shown, message });
  }

  /** Starts a data row: what is added from now on can be withdrawn with `withdrawRow`. */
  beginRow(): void {
    if (this.rowJournal.length !== 0) this.rowJournal.length = 0;
  }

  /**
   * Withdraws every issue added since `beginRow`, all of them on data row `row`, so that one issue
   * that explains the row (a total row, say) can take the place of the cascade it caused.
   * Returns false, withdrawing nothing, when it cannot (the row had too many issues to journal).
   */
  withdrawRow(row: number): boolean {
    if (this.rowJournal.length >= MAX_JOURNAL) return false;
    let errors = 0;
    let warnings = 0;
    for (let i = this.rowJournal.length - 1; i >= 0; i--) {
      const { code, listed } = this.rowJournal[i] as { code: IssueCode; listed: boolean };
      const severity = ISSUE_CODES[code].severity;
      this.counts[code] = (this.counts[code] as number) - 1;
      if (this.counts[code] === 0) delete this.counts[code];
      if (severity === 'error') {
        this.errorCount--;
        errors++;
        if (listed) this.errors.pop();
      } else {
        warnings++;
        if (listed) this.warnings.pop();
      }
    }
    if (errors > 0 && this.lastErrorRow === row) {
      this.rowsWithErrors--;
      this.lastErrorRow = -1;
    }
    if (warnings > 0 && this.lastWarningRow === row) {
      this.rowsWithWarnings--;
      this.lastWarningRow = -1;
    }
    this.rowJournal.length = 0;
    return true;
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }
}

/** The report of a file rejected before its content was read (a bad upload key, say). */
export function fileRejectionReport(
  dataset: string,
  period: string | null,
  code: IssueCode,
  message: string,
): ValidationReport {
  return {
    status: 'rejected',
    dataset,
    period,
    encoding: null,
    rows: { read: 0, withErrors: 0, withWarnings: 0 },
    errors: [{ code, severity: ISSUE_CODES[code].severity, row: null, column: null, value: null, message }],
    warnings: [],
    issueCounts: { [code]: 1 },
    listedPerCode: LISTED_PER_CODE,
    columns: { found: [], ignored: [] },
  };
}
