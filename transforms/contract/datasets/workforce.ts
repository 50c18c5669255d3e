import {
  CONTRACT,
  DISABILITY,
  EMPLOYMENT_BASIS,
  ETHNICITY,
  MEETS_ROLE_QUALIFICATION,
  QUALIFICATION_LEVEL,
  SEX,
} from '../code-lists.ts';
import { defineDataset, optional, required, type RowOf } from '../dataset.ts';
import { codeField, dateField, numberField } from '../fields.ts';
import {
  ageBand,
  employerType,
  locality,
  notAfterPeriod,
  role,
  roleTitle,
  roleTitleExpected,
  sector,
  setting,
  staffRef,
} from './common-columns.ts';

const PAID_BASES: readonly string[] = ['employee', 'agency'];

export const WorkforceDataset = defineDataset({
  name: 'workforce',
  uploadedBy: 'partner',
  title: 'Workforce',
  grain: 'One row per person in the workforce on the period date.',
  description:
    'Everyone who works with children for the partner on the period date: employees, agency workers, the self-employed, volunteers and carers.',
  columns: {
    staff_ref: { ...staffRef, requirement: required, unique: true },
    sector,
    employer_type: employerType,
    role,
    role_title: roleTitle,
    setting,
    employment_basis: {
      field: codeField(EMPLOYMENT_BASIS),
      requirement: required,
      description: EMPLOYMENT_BASIS.description,
    },
    contract: {
      field: codeField(CONTRACT),
      requirement: { when: 'employees' },
      description: 'Contract type; for employees only, empty for everyone else.',
    },
    fte: {
      field: numberField('fte', { min: 0, max: 1.5 }),
      requirement: { when: 'employees and agency workers' },
      description:
        'Full-time equivalent: 0 < fte ≤ 1.5 for employees and agency workers (a warning above 1.0); empty or ≥ 0 for others.',
    },
    start_date: {
      field: dateField(),
      requirement: optional,
      description:
        'Start in the current post; on or before the period date. Expected for employees (warning if missing).',
    },
    age_band: { ...ageBand, requirement: required },
    sex: { field: codeField(SEX), requirement: required, description: SEX.description },
    ethnicity: {
      field: codeField(ETHNICITY),
      requirement: required,
      description: 'Ethnic group, in the ONS Census 2021 categories.',
    },
    disability: { field: codeField(DISABILITY), requirement: required, description: DISABILITY.description },
    qualification_level: {
      field: codeField(QUALIFICATION_LEVEL),
      requirement: optional,
      description: QUALIFICATION_LEVEL.description,
    },
    meets_role_qualification: {
      field: codeField(MEETS_ROLE_QUALIFICATION),
      requirement: optional,
      description: MEETS_ROLE_QUALIFICATION.description,
    },
    locality,
    days_sick: {
      field: numberField('days_sick', { min: 0, max: 366 }),
      requirement: optional,
      description: 'Working days lost to sickness in the 12 months to the period date, 0–366.',
    },
  },
  rules: [
    {
      code: 'VALUE_REQUIRED',
      column: 'contract',
      reads: ['employment_basis', 'contract'],
      description: 'contract is required for employees.',
      check: (row) =>
        row.employment_basis === 'employee' && row.contract === null
          ? 'contract is required for employees: permanent, fixed_term or bank.'
          : undefined,
    },
    {
      code: 'CONTRACT_NOT_EMPLOYEE',
      column: 'contract',
      reads: ['employment_basis', 'contract'],
      description: 'contract must be empty unless employment_basis is employee.',
      check: (row) =>
        row.employment_basis !== 'employee' && row.contract !== null
          ? `contract ${row.contract} is given for a worker whose employment_basis is ${row.employment_basis}; leave it empty.`
          : undefined,
    },
    {
      code: 'VALUE_REQUIRED',
      column: 'fte',
      reads: ['employment_basis', 'fte'],
      description: 'fte is required for employees and agency workers.',
      check: (row) =>
        PAID_BASES.includes(row.employment_basis) && row.fte === null
          ? `fte is required for ${row.employment_basis === 'agency' ? 'agency workers' : 'employees'}.`
          : undefined,
    },
    {
      code: 'FTE_NOT_POSITIVE',
      column: 'fte',
      reads: ['employment_basis', 'fte'],
      description: 'fte is more than 0 for employees and agency workers.',
      check: (row) =>
        PAID_BASES.includes(row.employment_basis) && row.fte === 0
          ? 'fte is 0; an employee or agency worker has an FTE above 0.'
          : undefined,
    },
    {
      code: 'FTE_ABOVE_ONE',
      column: 'fte',
      reads: ['fte'],
      description: 'fte above 1.0 is unusual (warning).',
      check: (row) => (row.fte !== null && row.fte > 1 ? `fte ${row.fte} is above 1.0.` : undefined),
    },
    notAfterPeriod('start_date'),
    {
      code: 'START_DATE_MISSING',
      column: 'start_date',
      reads: ['employment_basis', 'start_date'],
      description: 'start_date is expected for employees (warning).',
      check: (row) =>
        row.employment_basis === 'employee' && row.start_date === null
          ? 'No start_date for an employee; starters cannot be counted without it.'
          : undefined,
    },
    roleTitleExpected(),
  ],
});

export type WorkforceRow = RowOf<typeof WorkforceDataset.columns>;
