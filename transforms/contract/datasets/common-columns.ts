import { AGE_BAND, EMPLOYER_TYPE, ROLE, SECTOR, SETTING } from '../code-lists.ts';
import { required, optional, type ColumnSpec, type RowRule } from '../dataset.ts';
import { codeField, staffRefField, textField } from '../fields.ts';

export const sector = {
  field: codeField(SECTOR),
  requirement: required,
  description: SECTOR.description,
} satisfies ColumnSpec;
export const employerType = {
  field: codeField(EMPLOYER_TYPE),
  requirement: required,
  description: EMPLOYER_TYPE.description,
} satisfies ColumnSpec;
export const role = {
  field: codeField(ROLE),
  requirement: required,
  description: ROLE.description,
} satisfies ColumnSpec;
export const roleTitle = {
  field: textField('role_title', 100),
  requirement: optional,
  description: 'The job title as the employer calls it.',
} satisfies ColumnSpec;
export const setting = {
  field: codeField(SETTING),
  requirement: optional,
  description: SETTING.description,
} satisfies ColumnSpec;
export const locality = {
  field: textField('locality', 50),
  requirement: optional,
  description: 'A locality the Trust reports on, where the person mainly works.',
} satisfies ColumnSpec;
export const ageBand = { field: codeField(AGE_BAND), description: AGE_BAND.description } as const;
export const staffRef = {
  field: staffRefField(),
  description: 'A partner-local pseudonymous reference, never a name, NI number, NHS number or email address.',
} as const;

export function roleTitleExpected<Row extends { role: string; role_title: string | null }>(): RowRule<Row> {
  return {
    code: 'ROLE_TITLE_MISSING',
    column: 'role_title',
    reads: ['role', 'role_title'],
    description: 'With role `other`, a role_title is expected (warning).',
    check: (row) =>
      row.role === 'other' && row.role_title === null
        ? 'The role is other; add the job title in role_title.'
        : undefined,
  };
}

export function notAfterPeriod<Row>(column: keyof Row & string): RowRule<Row> {
  return {
    code: 'DATE_AFTER_PERIOD',
    column,
    reads: [column],
    description: `${column} is on or before the period date.`,
    check: (row, { period }) => {
      const value = row[column] as string | null;
      return period !== null && value !== null && value > period
        ? `${column} ${value} is after the period date ${period}.`
        : undefined;
    },
  };
}
