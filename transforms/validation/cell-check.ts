import type { ColumnSpec } from '../contract/dataset.ts';
import { fieldMeta } from '../contract/fields.ts';
import type { IssueCode } from '../contract/issue-codes.ts';
import { identifierValueKind, maskIdentifier } from './identifiers.ts';

export interface CellIssue {
  readonly code: IssueCode;
  readonly message: string;
  /** The value as the report shows it (masked when it is an identifier). */
  readonly shownValue: string;
}

export interface CellResult {
  /** The typed value; null when the cell is empty or invalid. */
  readonly value: unknown;
  readonly empty: boolean;
  readonly invalid: boolean;
  readonly issues: readonly CellIssue[];
  /**
   * A small number for this distinct value in its column (0 for empty), so that later stages can
   * tell values apart without comparing strings; -1 when the value was not memoised.
   */
  readonly id: number;
}

export type CellCheck = (raw: string) => CellResult;

const NO_ISSUES: readonly CellIssue[] = [];
const EMPTY: CellResult = { value: null, empty: true, invalid: false, issues: NO_ISSUES, id: 0 };
const MEMO_LIMIT = 20_000;
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * The character that would make a spreadsheet run the value as a formula, if any: `=`, `+`, `-`
 * or `@` at the start of the value as stored (trimmed: spaces, no-break spaces and line breaks
 * before it do not hide it), or a tab or carriage return at the very start of the raw value.
 */
function formulaStart(raw: string, value: string): string | undefined {
  const first = value.charCodeAt(0);
  if (first === 61 || first === 43 || first === 45 || first === 64) return value[0];
  const rawFirst = raw.charCodeAt(0);
  return rawFirst === 9 || rawFirst === 13 ? raw[0] : undefined;
}

export function formulaIssue(raw: string): CellIssue | undefined {
  const value = raw.trim();
  const start = formulaStart(raw, value);
  if (start === undefined || NUMERIC.test(value)) return undefined;
  const hidden = raw !== value && start === value[0] ? ' (the spaces or line breaks before it are not kept)' : '';
  const shown = value.slice(0, 60);
  const message = `'${shown}' starts with ${JSON.stringify(start)}${hidden}, which a spreadsheet runs as a formula.`;
  return { code: 'FORMULA_TEXT', message, shownValue: raw };
}

/** What to do with an identifier found in a column, in the column's own terms. */
export function identifierAdvice(columnName: string, spec?: ColumnSpec): string {
  if (spec === undefined) {
    return `Remove it: ${columnName} is not a column of the contract, and the Trust must not receive identifying data.`;
  }
  if (fieldMeta(spec.field).kind === 'staff_ref') return 'Use a partner-local pseudonymous staff reference instead.';
  const description = spec.description.charAt(0).toLowerCase() + spec.description.slice(1);
  return `Remove it: ${columnName} holds ${description}`;
}

export function identifierIssue(value: string, advice: string): CellIssue | undefined {
  const kind = identifierValueKind(value);
  if (kind === undefined) return undefined;
  const message = `The value looks like ${kind} (shown masked). ${advice}`;
  return { code: 'IDENTIFIER_VALUE', message, shownValue: maskIdentifier(value) };
}

export interface CellCheckOptions {
  /** @default false */
  readonly exhaustive?: boolean;
  /**
   * In a semicolon file, a number with a decimal comma (0,5) is read as 0.5, and `read` is set
   * when one was. Without it, a decimal comma is an error, as the contract says.
   */
  readonly decimalCommas?: { read: boolean };
}

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * Compiles a column's zod field schema into a check of one raw CSV value. Results are memoised
 * per distinct value: most columns hold a few dozen distinct codes, numbers or dates, so zod
 * runs once per distinct value rather than once per row. Columns of unique values (staff
 * references) take the schema's own pattern as a shortcut when it matches. `exhaustive` turns
 * both off: zod checks every value afresh (the reference the shortcuts are tested against).
 */
export function compileCellCheck(
  columnName: string,
  spec: ColumnSpec,
  { exhaustive = false, decimalCommas }: CellCheckOptions = {},
): CellCheck {
  const meta = fieldMeta(spec.field);
  const accepts = exhaustive ? undefined : meta.accepts;
  const advice = identifierAdvice(columnName, spec);
  const commas = meta.kind === 'number' ? decimalCommas : undefined;
  const check = (raw: string): CellResult => {
    let value = raw.trim();
    if (value === '') return EMPTY;
    if (commas !== undefined && DECIMAL_COMMA.test(value)) {
      value = value.replace(',', '.');
      commas.read = true;
    }
    if (accepts?.test(value) && identifierValueKind(value) === undefined && formulaStart(raw, value) === undefined) {
      return { value, empty: false, invalid: false, issues: NO_ISSUES, id: -1 };
    }
    const issues: CellIssue[] = [];
    const identifier = identifierIssue(value, advice);
    if (identifier) issues.push(identifier);
    const parsed = identifier ? undefined : spec.field.safeParse(value);
    if (parsed && !parsed.success) {
      for (const issue of parsed.error.issues) {
        const code =
          issue.code === 'custom' ? (issue.params?.['issue'] as IssueCode | undefined) : meta.issueCodes[issue.code];
        issues.push({
          code: code ?? 'CODE_UNKNOWN',
          message: issue.message || `${columnName} '${value}' is not valid.`,
          shownValue: value,
        });
      }
    }
    if (meta.freeText) {
      const formula = formulaIssue(raw);
      if (formula) issues.push(formula);
    }
    const invalid = parsed === undefined || !parsed.success;
    if (!invalid && issues.length === 0)
      return { value: parsed.data, empty: false, invalid: false, issues: NO_ISSUES, id: -1 };
    return { value: invalid ? null : (parsed as { data: unknown }).data, empty: false, invalid, issues, id: -1 };
  };
  if (spec.unique || exhaustive) return check;
  const memo = new Map<string, CellResult>();
  // Most columns repeat their commonest value row after row: comparing with the last value is
  // cheaper than hashing the new string to look it up.
  let lastRaw = '';
  let lastResult = EMPTY;
  return (raw) => {
    if (raw === lastRaw) return lastResult;
    if (raw.length === 0) return EMPTY;
    let result = memo.get(raw);
    if (result === undefined) {
      result = check(raw);
      if (memo.size < MEMO_LIMIT) {
        result = { ...result, id: memo.size + 1 };
        memo.set(raw, result);
      }
    }
    lastRaw = raw;
    lastResult = result;
    return result;
  };
}
