import { z } from 'zod';
import type { CodeList } from './code-lists.ts';
import type { IssueCode } from './issue-codes.ts';
import { parseContractDate } from './dates.ts';
import { normalizeKey } from './normalize.ts';
import { codeLookup } from './code-lookup.ts';

/**
 * Field schemas: each turns one trimmed, non-empty CSV value (a string) into its typed value,
 * or fails with zod issues that map onto the contract's issue codes. Missing values never reach
 * a field schema; whether a column is required is the dataset's business.
 */
export type FieldKind = 'code' | 'date' | 'number' | 'whole_number' | 'text' | 'staff_ref';

export interface FieldMeta {
  readonly kind: FieldKind;
  /** The rule in words, for the partner docs. */
  readonly rule: string;
  readonly codeList?: CodeList;
  /** Which contract issue code each zod issue code stands for; custom issues carry their own. */
  readonly issueCodes: Readonly<Partial<Record<z.core.$ZodIssue['code'], IssueCode>>>;
  /** Free text is kept as given, so it is screened for spreadsheet formulas. */
  readonly freeText: boolean;
  /**
   * A shortcut for the common case: a value this pattern matches passes the schema unchanged.
   * Taken from the very pattern the schema checks, so the two cannot drift apart.
   */
  readonly accepts?: { test(value: string): boolean };
}

export const fieldRegistry = z.registry<FieldMeta>();

export type FieldSchema<Output = unknown> = z.ZodType<Output, string>;

export function fieldMeta(schema: FieldSchema): FieldMeta {
  const meta = fieldRegistry.get(schema);
  if (!meta) throw new Error('Field schema is not registered: build it with one of the field builders in fields.ts.');
  return meta;
}

function registered<S extends FieldSchema>(schema: S, meta: FieldMeta): S {
  fieldRegistry.add(schema, meta);
  return schema;
}

/** Custom issues carry the contract's issue code in `params.issue`. */
export function customIssue(issue: IssueCode, message: string) {
  return { code: 'custom' as const, message, params: { issue } };
}

const MAX_CODES_LISTED = 12;

export function codeField<const L extends CodeList>(list: L) {
  type Code = L['entries'][number]['code'];
  const codes = list.entries.map((e) => e.code) as [Code, ...Code[]];
  const lookup = codeLookup(list);
  const listed = codes.length <= MAX_CODES_LISTED ? `Use one of: ${codes.join(', ')}.` : `See the ${list.name} codes in the data contract.`;
  const schema = z
    .string()
    .transform((raw) => lookup.get(normalizeKey(raw)) ?? raw)
    .pipe(
      z.enum(codes, {
        error: (issue) => {
          const given = String(issue.input);
          const guess = closestCode(given, lookup);
          return `'${given}' is not a ${list.name} code.${guess ? ` Did you mean '${guess}'?` : ''} ${listed}`;
        },
      }),
    );
  return registered(schema, {
    kind: 'code',
    rule: `one of the ${list.name} codes`,
    codeList: list,
    issueCodes: { invalid_value: 'CODE_UNKNOWN' },
    freeText: false,
  });
}

/** The code whose spelling is nearest the given value, if it is a plausible typo. */
function closestCode(given: string, lookup: ReadonlyMap<string, string>): string | undefined {
  const key = normalizeKey(given);
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const [spelling, code] of lookup) {
    if (Math.abs(spelling.length - key.length) >= bestDistance) continue;
    const distance = editDistance(key, spelling, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = code;
    }
  }
  return best;
}

function editDistance(a: string, b: string, cutoff: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum >= cutoff) return cutoff;
    previous = current;
  }
  return previous[b.length] as number;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function numberFormatHint(given: string): string {
  if (/%\s*$/.test(given)) return `'${given}' has a % sign; write the number alone, for example 0.5 rather than 50%.`;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(given)) return `'${given}' has a thousands separator; write ${given.replaceAll(',', '')}.`;
  if (/^\d+,\d+$/.test(given)) return `'${given}' uses a comma as decimal point; write ${given.replace(',', '.')}.`;
  return `'${given}' is not a number.`;
}

interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** The minimum itself is not allowed (0 < x rather than 0 ≤ x). */
  readonly minExclusive?: boolean;
}

function describeRange({ min, max, minExclusive }: NumberRange): string {
  return `${min} ${minExclusive ? '<' : '≤'} x ≤ ${max}`;
}

export function numberField(name: string, range: NumberRange) {
  const outOfRange = (issue: { input?: unknown }) => `${name} ${String(issue.input)} is outside ${describeRange(range).replace('x', name)}.`;
  const bounded = range.minExclusive
    ? z.number().gt(range.min, { error: outOfRange })
    : z.number().gte(range.min, { error: outOfRange });
  const schema = z
    .string()
    .regex(PLAIN_NUMBER, { error: (issue) => numberFormatHint(String(issue.input)) })
    .transform(Number)
    .pipe(bounded.lte(range.max, { error: outOfRange }));
  return registered(schema, {
    kind: 'number',
    rule: describeRange(range).replace('x', name),
    issueCodes: { invalid_format: 'NUMBER_INVALID', too_small: 'NUMBER_OUT_OF_RANGE', too_big: 'NUMBER_OUT_OF_RANGE' },
    freeText: false,
  });
}

export function wholeNumberField(name: string) {
  const schema = z
    .string()
    .regex(/^\d+$/, { error: (issue) => `${name} '${String(issue.input)}' is not a whole number of 0 or more (no decimal point, separators or sign).` })
    .transform(Number)
    .pipe(z.number().lte(Number.MAX_SAFE_INTEGER, { error: () => `${name} is too large.` }));
  return registered(schema, {
    kind: 'whole_number',
    rule: 'whole number ≥ 0',
    issueCodes: { invalid_format: 'NUMBER_INVALID', too_big: 'NUMBER_OUT_OF_RANGE' },
    freeText: false,
  });
}

export function dateField() {
  const schema = z.string().transform((raw, ctx) => {
    const parsed = parseContractDate(raw);
    if ('issue' in parsed) {
      ctx.addIssue(customIssue(parsed.issue, parsed.message));
      return z.NEVER;
    }
    return parsed.date;
  });
  return registered(schema, {
    kind: 'date',
    rule: 'date, YYYY-MM-DD or DD/MM/YYYY',
    issueCodes: {},
    freeText: false,
  });
}

export function textField(name: string, maxLength: number) {
  const schema = z.string().max(maxLength, {
    error: (issue) => `${name} is ${String(issue.input).length} characters long; the limit is ${maxLength}.`,
  });
  return registered(schema, {
    kind: 'text',
    rule: `text ≤ ${maxLength} characters`,
    issueCodes: { too_big: 'TEXT_TOO_LONG' },
    freeText: true,
  });
}

export const STAFF_REF_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export function staffRefField() {
  const schema = z.string().regex(STAFF_REF_PATTERN, {
    error: (issue) =>
      `Staff reference '${String(issue.input).slice(0, 80)}' must be 1–64 letters, digits, _ - or . (no spaces or other characters).`,
  });
  return registered(schema, {
    kind: 'staff_ref',
    rule: '1–64 of A-Z a-z 0-9 _ - .',
    issueCodes: { invalid_format: 'STAFF_REF_INVALID' },
    freeText: true,
    accepts: STAFF_REF_PATTERN,
  });
}
