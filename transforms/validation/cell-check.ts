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
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function formulaIssue(raw: string): CellIssue | undefined {
  if (!FORMULA_START.test(raw) || NUMERIC.test(raw.trim())) return undefined;
  return { code: 'FORMULA_TEXT', message: `'${raw.trim().slice(0, 60)}' starts with ${JSON.stringify(raw[0])}, which a spreadsheet would run as a formula.`, shownValue: raw };
}

export function identifierIssue(value: string): CellIssue | undefined {
  const kind = identifierValueKind(value);
  if (kind === undefined) return undefined;
  return {
    code: 'IDENTIFIER_VALUE',
    message: `The value looks like ${kind} (shown masked); remove it and use a pseudonymous staff reference.`,
    shownValue: maskIdentifier(value),
  };
}

/**
 * Compiles a column's zod field schema into a check of one raw CSV value. Results are memoised
 * per distinct value: most columns hold a few dozen distinct codes, numbers or dates, so zod
 * runs once per distinct value rather than once per row. Columns of unique values (staff
 * references) take the schema's own pattern as a shortcut when it matches. `exhaustive` turns
 * both off: zod checks every value afresh (the reference the shortcuts are tested against).
 */
export function compileCellCheck(columnName: string, spec: ColumnSpec, exhaustive = false): CellCheck {
  const meta = fieldMeta(spec.field);
  const accepts = exhaustive ? undefined : meta.accepts;
  const check = (raw: string): CellResult => {
    const value = raw.trim();
    if (value === '') return EMPTY;
    if (accepts?.test(value) && identifierValueKind(value) === undefined && !FORMULA_START.test(raw)) {
      return { value, empty: false, invalid: false, issues: NO_ISSUES, id: -1 };
    }
    const issues: CellIssue[] = [];
    const identifier = identifierIssue(value);
    if (identifier) issues.push(identifier);
    const parsed = identifier ? undefined : spec.field.safeParse(value);
    if (parsed && !parsed.success) {
      for (const issue of parsed.error.issues) {
        const code = issue.code === 'custom' ? (issue.params?.['issue'] as IssueCode | undefined) : meta.issueCodes[issue.code];
        issues.push({ code: code ?? 'CODE_UNKNOWN', message: issue.message || `${columnName} '${value}' is not valid.`, shownValue: value });
      }
    }
    if (meta.freeText) {
      const formula = formulaIssue(raw);
      if (formula) issues.push(formula);
    }
    const invalid = parsed === undefined || !parsed.success;
    if (!invalid && issues.length === 0) return { value: parsed.data, empty: false, invalid: false, issues: NO_ISSUES, id: -1 };
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
