import type { DatasetDefinition, RowRule, RuleContext } from '../contract/dataset.ts';
import { compileCellCheck, identifierAdvice, identifierIssue, type CellCheck, type CellResult } from './cell-check.ts';
import type { Delimiter } from './delimiter.ts';
import type { HeaderMatch } from './header.ts';
import type { IssueCollector } from './report.ts';
import { badQuoteMessage, explainFailedRow } from './row-explanation.ts';
import { UniqueValues } from './unique-values.ts';
import { plainText } from '../output/plain-text.ts';

interface CompiledColumn {
  readonly name: string;
  readonly position: number;
  readonly bit: number;
  readonly check: CellCheck;
  readonly required: boolean;
  readonly unique: boolean;
}

interface CompiledRule {
  readonly rule: RowRule<Record<string, unknown>>;
  /** The bits of the columns the rule reads: it is skipped when any of them failed. */
  readonly mask: number;
}

export type ValidatedRow = Record<string, unknown>;

export interface RowValidatorOptions {
  /** With reuse on, every call fills the same object: for callers that read it at once. @default false */
  readonly reuseRow?: boolean;
  /** @default false */
  readonly exhaustive?: boolean;
  /** @default ',' */
  readonly delimiter?: Delimiter;
}

/** Validates the data rows of one file against its dataset, given how its header matched. */
export class RowValidator {
  private readonly columns: readonly CompiledColumn[];
  private readonly rules: readonly CompiledRule[];
  private readonly seen: { firstRowOf(value: string, row: number): number | undefined };
  /** Runs the dataset's rules whose columns all passed, in order, reporting what they find. */
  private readonly checkRules: (row: ValidatedRow, failed: number, rowNumber: number) => void;
  /** Checks every column of a record into a row; returns the bits of the columns that failed. */
  private readonly checkColumns: (
    record: readonly string[],
    row: ValidatedRow,
    rowNumber: number,
    ids: Int32Array,
  ) => number;
  /**
   * For the row just checked, each column's value number (see CellResult.id), in the dataset's
   * column order: a cheap way for aggregations to tell values apart. Overwritten by the next row.
   */
  readonly valueIds: Int32Array;
  /** With reuse on, every call fills the same object: for callers that read it at once. */
  private readonly shared: ValidatedRow | undefined;
  private readonly delimiter: Delimiter;
  /** What to do with an identifier in each ignored column. */
  private readonly ignoredAdvice: readonly string[];
  /** Whether a decimal comma (0,5) was read as a decimal point: only ever in a semicolon file. */
  readonly decimalCommas = { read: false };

  constructor(
    dataset: DatasetDefinition,
    private readonly header: HeaderMatch,
    private readonly width: number,
    private readonly collector: IssueCollector,
    private readonly context: RuleContext,
    { reuseRow = false, exhaustive = false, delimiter = ',' }: RowValidatorOptions = {},
  ) {
    this.delimiter = delimiter;
    this.ignoredAdvice = header.ignoredNames.map((name) => identifierAdvice(name));
    this.shared = reuseRow ? {} : undefined;
    this.seen = exhaustive ? exactSeen() : new UniqueValues();
    const names = Object.keys(dataset.columns);
    if (names.length > 31)
      throw new Error(`Dataset ${dataset.name} has more than 31 columns; widen the failed-column mask.`);
    this.columns = names.map((name, index) => {
      const spec = dataset.columns[name]!;
      return {
        name,
        position: header.positions.get(name) ?? -1,
        bit: 1 << index,
        check: compileCellCheck(name, spec, {
          exhaustive,
          ...(delimiter === ';' ? { decimalCommas: this.decimalCommas } : {}),
        }),
        required: spec.requirement === 'required',
        unique: spec.unique === true,
      };
    });
    this.valueIds = new Int32Array(this.columns.length);
    this.checkColumns = compileColumnPass(this.columns, {
      reportIssues: (c, result, rowNumber) => {
        const column = this.columns[c] as CompiledColumn;
        for (const issue of result.issues)
          collector.add(issue.code, rowNumber, column.name, issue.shownValue, issue.message);
      },
      reportMissing: (c, rowNumber) =>
        collector.add(
          'VALUE_REQUIRED',
          rowNumber,
          (this.columns[c] as CompiledColumn).name,
          null,
          `${(this.columns[c] as CompiledColumn).name} is required.`,
        ),
      checkUnique: (c, value, rowNumber) =>
        this.checkUnique((this.columns[c] as CompiledColumn).name, value, rowNumber),
    });
    const bitOf = new Map(this.columns.map((c) => [c.name, c.bit]));
    const reportRule = (r: number, row: ValidatedRow, message: string, rowNumber: number) => {
      const { rule } = this.rules[r] as CompiledRule;
      const value = row[rule.column];
      collector.add(
        rule.code,
        rowNumber,
        rule.column,
        value === null || value === undefined ? null : plainText(value),
        message,
      );
    };
    // A rule about a column the header lacks would only repeat the header's error on every row.
    this.rules = (dataset.rules as readonly RowRule<Record<string, unknown>>[])
      .filter((rule) => rule.reads.every((column) => header.positions.has(column)))
      .map((rule) => ({ rule, mask: rule.reads.reduce((mask, column) => mask | (bitOf.get(column) ?? 0), 0) }));
    this.checkRules = compileRulePass(this.rules, context, reportRule);
  }

  /**
   * Checks one record; returns its typed row when the row has no errors. A row that fails and
   * turns out to be something other than data (a total, a note, lines a stray quote swallowed) gets
   * one issue saying so instead of its cascade; `quoteProblem` says the parser found a bad quote in it.
   */
  validate(record: readonly string[], rowNumber: number, quoteProblem = false): ValidatedRow | undefined {
    const collector = this.collector;
    const rowsWithErrorsBefore = collector.rowsWithErrors;
    collector.beginRow();
    if (record.length !== this.width) {
      collector.add(
        'ROW_FIELD_COUNT',
        rowNumber,
        null,
        null,
        `Row ${rowNumber} has ${record.length} fields but the header has ${this.width}; the row was not checked further.`,
      );
      this.explain(record, rowNumber, quoteProblem);
      return undefined;
    }
    const row: ValidatedRow = this.shared ?? {};
    const failed = this.checkColumns(record, row, rowNumber, this.valueIds);
    const ignored = this.header.ignoredPositions;
    for (let i = 0; i < ignored.length; i++) {
      const raw = record[ignored[i] as number];
      if (!raw) continue;
      const issue = identifierIssue(raw.trim(), this.ignoredAdvice[i] as string);
      if (issue)
        collector.add(issue.code, rowNumber, this.header.ignoredNames[i] as string, issue.shownValue, issue.message);
    }
    this.checkRules(row, failed, rowNumber);
    if (collector.rowsWithErrors === rowsWithErrorsBefore && !quoteProblem) return row;
    this.explain(record, rowNumber, quoteProblem);
    return undefined;
  }

  /** Puts one issue that says what a failed row is in place of its cascade, when one can. */
  private explain(record: readonly string[], rowNumber: number, quoteProblem: boolean): void {
    const shape = { columnAt: this.header.columnAt, delimiter: this.delimiter, width: this.width };
    const explanation = explainFailedRow(record, rowNumber, shape);
    if (explanation && this.collector.withdrawRow(rowNumber)) {
      this.collector.add(explanation.code, rowNumber, explanation.column, explanation.value, explanation.message);
    } else if (quoteProblem) {
      this.collector.add('ROW_QUOTES', rowNumber, null, null, badQuoteMessage(rowNumber));
    }
  }

  private checkUnique(column: string, value: string, rowNumber: number): void {
    const first = this.seen.firstRowOf(value, rowNumber);
    if (first !== undefined) {
      this.collector.add(
        'STAFF_REF_DUPLICATE',
        rowNumber,
        column,
        value,
        `${column} '${value}' is also on row ${first}; each person has one row.`,
      );
    }
  }
}

interface ColumnPassHelpers {
  reportIssues(column: number, result: CellResult, rowNumber: number): void;
  reportMissing(column: number, rowNumber: number): void;
  checkUnique(column: number, value: string, rowNumber: number): void;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The per-row pass over the columns, written out for this dataset and header: each column's check
 * is called from a call site of its own and its value stored under its own name, so the engine
 * can inline the checks and keep the row's shape fixed. It does what a loop over the columns would.
 */
type ColumnPass = (record: readonly string[], row: ValidatedRow, rowNumber: number, ids: Int32Array) => number;
type RulePass = (row: ValidatedRow, failed: number, rowNumber: number) => void;

function compileColumnPass(columns: readonly CompiledColumn[], helpers: ColumnPassHelpers): ColumnPass {
  const lines = columns.map((column, c) => {
    if (!IDENTIFIER.test(column.name)) throw new Error(`Column '${column.name}' is not a plain identifier.`);
    const cell = column.position < 0 ? "''" : `record[${column.position}]`;
    const missing =
      column.required && column.position >= 0
        ? `{ helpers.reportMissing(${c}, rowNumber); failed |= ${column.bit}; }`
        : '{}';
    const present = column.unique ? `helpers.checkUnique(${c}, result.value, rowNumber);` : '';
    return `result = check${c}(${cell});
  if (result.issues.length !== 0) helpers.reportIssues(${c}, result, rowNumber);
  if (result.invalid) failed |= ${column.bit}; else if (result.empty) ${missing} else { ${present} }
  row.${column.name} = result.value;
  ids[${c}] = result.id;`;
  });
  const checks = columns.map((_, c) => `check${c}`);
  const body = `return function checkColumns(record, row, rowNumber, ids) {\n  let failed = 0;\n  let result;\n  ${lines.join('\n  ')}\n  return failed;\n};`;
  // Compiled once per file from the contract's own columns (no text from the file), so each row runs
  // straight-line code the engine can inline; measured in bench/ (npm run bench).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see above
  const factory = new Function('helpers', ...checks, body) as (
    helpers: ColumnPassHelpers,
    ...checks: CompiledColumn['check'][]
  ) => ColumnPass;
  return factory(helpers, ...columns.map((column) => column.check));
}

/** The rules, written out one call site each (so the engine can inline them), in the dataset's order. */
function compileRulePass(
  rules: readonly CompiledRule[],
  context: RuleContext,
  report: (rule: number, row: ValidatedRow, message: string, rowNumber: number) => void,
): (row: ValidatedRow, failed: number, rowNumber: number) => void {
  const lines = rules.map(
    ({ mask }, r) =>
      `if ((failed & ${mask}) === 0) { message = rule${r}.check(row, context); if (message !== undefined) report(${r}, row, message, rowNumber); }`,
  );
  const body = `return function checkRules(row, failed, rowNumber) {\n  let message;\n  ${lines.join('\n  ')}\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from the contract's rules, as the column pass is
  const factory = new Function('context', 'report', ...rules.map((_, r) => `rule${r}`), body) as (
    context: RuleContext,
    reportRule: typeof report,
    ...rules: CompiledRule['rule'][]
  ) => RulePass;
  return factory(context, report, ...rules.map(({ rule }) => rule));
}

/** Every value kept as it is: the reference the fingerprints are tested against. */
function exactSeen() {
  const firstRowOf = new Map<string, number>();
  return {
    firstRowOf(value: string, row: number): number | undefined {
      const first = firstRowOf.get(value);
      if (first === undefined) firstRowOf.set(value, row);
      return first;
    },
  };
}
