import { DESTINATION, LEAVING_REASON } from '../code-lists.ts';
import { defineDataset, optional, required, type RowOf } from '../dataset.ts';
import { codeField, dateField, numberField } from '../fields.ts';
import { ageBand, employerType, role, sector, staffRef } from './common-columns.ts';

export const LeaversDataset = defineDataset({
  name: 'leavers',
  uploadedBy: 'partner',
  title: 'Leavers',
  grain: 'One row per employee who left in the 12 months ending on the period date.',
  description:
    'Employees (not agency workers, volunteers or carers) who left the partner in the year to the period date.',
  columns: {
    staff_ref: { ...staffRef, requirement: optional },
    sector,
    employer_type: employerType,
    role,
    fte: {
      field: numberField('fte', { min: 0, max: 1.5, minExclusive: true }),
      requirement: required,
      description: "The leaver's FTE, 0 < fte ≤ 1.5.",
    },
    leave_date: {
      field: dateField(),
      requirement: required,
      description: 'The last day of employment, within the 12 months ending on the period date.',
    },
    reason: { field: codeField(LEAVING_REASON), requirement: required, description: LEAVING_REASON.description },
    destination: { field: codeField(DESTINATION), requirement: optional, description: DESTINATION.description },
    age_band: { ...ageBand, requirement: optional },
  },
  rules: [
    {
      code: 'DATE_OUTSIDE_YEAR',
      column: 'leave_date',
      reads: ['leave_date'],
      description: 'leave_date is within (period − 12 months, period].',
      check: (row, { period, yearStartExclusive }) =>
        period !== null &&
        yearStartExclusive !== null &&
        (row.leave_date <= yearStartExclusive || row.leave_date > period)
          ? `leave_date ${row.leave_date} is not in the 12 months to ${period} (after ${yearStartExclusive}, up to ${period}).`
          : undefined,
    },
  ],
});

export type LeaverRow = RowOf<typeof LeaversDataset.columns>;
