import { z } from 'zod';
import type { CodeList } from './code-lists.ts';
import type { IssueCode } from './issue-codes.ts';
import { parseContractDate } from './dates.ts';
import { normalizeKey } from './normalize.ts';
import { codeLookup } from './code-lookup.ts';
import { otherListWithValue, suggestCode } from './code-suggestion.ts';

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

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

export function codeField<const L extends CodeList>(list: L) {
  type Code = L['entries'][number]['code'];
  const codes = list.entries.map((e) => e.code) as [Code, ...Code[]];
  const lookup = codeLookup(list);
  const listed =
    codes.length <= MAX_CODES_LISTED
      ? `Use one of: ${codes.join(', ')}.`
      : `See the ${list.name} codes in the data contract.`;
  const schema = z
    .string()
    .transform((raw) => lookup.get(normalizeKey(raw)) ?? raw)
    .pipe(
      z.enum(codes, {
        error: (issue) => {
          const given = String(issue.input);
          const guess = suggestCode(list, given);
          const other = guess ? undefined : otherListWithValue(list, given);
          const hint = guess
            ? ` Did you mean '${guess.code}'${guess.label ? ` (${guess.label})` : ''}?`
            : other
              ? ` It is ${article(other.name)} ${other.name} value: is it in the right column?`
              : '';
          return `'${given}' is not ${article(list.name)} ${list.name} code.${hint} ${listed}`;
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

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * What is wrong with a value that is not a plain number, and the number to write instead: a
 * spreadsheet's formatting (`1,234`, `50%`, `0.5 FTE`), a decimal comma, or no number at all.
 * `fraction` says the column holds fractions (an FTE), so 50% is 0.5.
 */
export function numberFormatHint(given: string, fraction = false): string {
  const percent = /^([+-]?\d+(?:\.\d+)?)\s*%$/.exec(given);
  if (percent) {
    const number = Number(percent[1]);
    return fraction
      ? `'${given}' is a percentage; write it as a fraction, ${Number((number / 100).toFixed(6))}.`
      : `'${given}' has a % sign; write the number alone, ${percent[1]}.`;
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(given)) {
    return `'${given}' has a thousands separator; write ${given.replaceAll(',', '')}.`;
  }
  if (/^[+-]?\d+,\d+$/.test(given)) {
    return `'${given}' uses a comma as decimal point; write ${given.replace(',', '.')}.`;
  }
  const unit = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([\p{L}][\p{L} .]*)$/u.exec(given);
  if (unit) {
    const unitName = (unit[2] as string).trim();
    return `'${given}' has a unit (${unitName}) after the number; write the number alone, ${unit[1]}.`;
  }
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
  const outOfRange = (issue: { input?: unknown }) =>
    `${name} ${String(issue.input)} is outside ${describeRange(range).replace('x', name)}.`;
  const bounded = range.minExclusive
    ? z.number().gt(range.min, { error: outOfRange })
    : z.number().gte(range.min, { error: outOfRange });
  const schema = z
    .string()
    .regex(PLAIN_NUMBER, { error: (issue) => numberFormatHint(String(issue.input), range.max <= 1.5) })
    .transform(Number)
    .pipe(bounded.lte(range.max, { error: outOfRange }));
  return registered(schema, {
    kind: 'number',
    rule: describeRange(range).replace('x', name),
    issueCodes: { invalid_format: 'NUMBER_INVALID', too_small: 'NUMBER_OUT_OF_RANGE', too_big: 'NUMBER_OUT_OF_RANGE' },
    freeText: false,
  });
}

function wholeNumberHint(name: string, given: string): string {
  const hint = numberFormatHint(given);
  if (!hint.endsWith('is not a number.')) return hint;
  return `${name} '${given}' is not a whole number of 0 or more (no decimal point, separators or sign).`;
}

export function wholeNumberField(name: string) {
  const schema = z
    .string()
    .regex(/^\d+$/, { error: (issue) => wholeNumberHint(name, String(issue.input)) })
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
    error: (issue) => `${name} is ${(issue.input as string).length} characters long; the limit is ${maxLength}.`,
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
