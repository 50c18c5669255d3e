import { HARD_TO_FILL_REASON, YES_NO } from '../code-lists.ts';
import { defineDataset, optional, required, type RowOf } from '../dataset.ts';
import { codeField, dateField, numberField, textField } from '../fields.ts';
import {
  employerType,
  locality,
  notAfterPeriod,
  role,
  roleTitle,
  roleTitleExpected,
  sector,
  setting,
} from './common-columns.ts';

export const VacanciesDataset = defineDataset({
  name: 'vacancies',
  uploadedBy: 'partner',
  title: 'Vacancies',
  grain: 'One row per vacant post, or group of identical vacant posts, on the period date.',
  description: 'Funded posts that are vacant on the period date, whether or not an agency worker covers them.',
  columns: {
    post_ref: {
      field: textField('post_ref', 64),
      requirement: optional,
      description: "The partner's own reference for the post.",
    },
    sector,
    employer_type: employerType,
    role,
    role_title: roleTitle,
    setting,
    locality,
    vacancies_fte: {
      field: numberField('vacancies_fte', { min: 0, max: 100, minExclusive: true }),
      requirement: required,
      description: 'Vacant full-time equivalent posts in this row, 0 < x ≤ 100.',
    },
    agency_cover_fte: {
      field: numberField('agency_cover_fte', { min: 0, max: 100 }),
      requirement: optional,
      description: 'How much of the vacant FTE an agency worker covers, 0 ≤ x ≤ vacancies_fte.',
    },
    hard_to_fill: {
      field: codeField(YES_NO),
      requirement: required,
      description: 'Whether the employer finds the post hard to fill.',
    },
    hard_to_fill_reason: {
      field: codeField(HARD_TO_FILL_REASON),
      requirement: optional,
      description: HARD_TO_FILL_REASON.description,
    },
    date_opened: {
      field: dateField(),
      requirement: optional,
      description: 'When the vacancy opened; on or before the period date.',
    },
  },
  rules: [
    {
      code: 'AGENCY_COVER_EXCEEDS_VACANCIES',
      column: 'agency_cover_fte',
      reads: ['agency_cover_fte', 'vacancies_fte'],
      description: 'agency_cover_fte is at most vacancies_fte.',
      check: (row) =>
        row.agency_cover_fte !== null && row.agency_cover_fte > row.vacancies_fte
          ? `agency_cover_fte ${row.agency_cover_fte} is more than vacancies_fte ${row.vacancies_fte}.`
          : undefined,
    },
    notAfterPeriod('date_opened'),
    roleTitleExpected(),
  ],
});

export type VacancyRow = RowOf<typeof VacanciesDataset.columns>;
