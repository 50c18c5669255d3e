import { describe, expect, it } from 'vitest';
import type { IssueCode } from '../../transforms/contract/issue-codes.ts';
import { codesOf, validateFile, workforceCsv } from '../helpers.ts';

describe('Function: validateCsv — the rules of the workforce dataset', () => {
  it.each<[string, Record<string, string>, IssueCode, string]>([
    ['a required value missing', { sector: '' }, 'VALUE_REQUIRED', 'sector'],
    ['a misspelt code', { sector: 'socail_care' }, 'CODE_UNKNOWN', 'sector'],
    ['an unknown role', { role: 'wizard' }, 'CODE_UNKNOWN', 'role'],
    ['a date in neither form', { start_date: '2019.04.01' }, 'DATE_INVALID', 'start_date'],
    ['a date with a time', { start_date: '2019-04-01T00:00:00' }, 'DATE_INVALID', 'start_date'],
    ['a US-order date', { start_date: '04/30/2019' }, 'DATE_US_ORDER', 'start_date'],
    ['a two-digit year', { start_date: '01/04/19' }, 'DATE_TWO_DIGIT_YEAR', 'start_date'],
    ['an impossible date', { start_date: '30/02/2024' }, 'DATE_IMPOSSIBLE', 'start_date'],
    ['29 February of a common year', { start_date: '2023-02-29' }, 'DATE_IMPOSSIBLE', 'start_date'],
    ['a start after the period', { start_date: '2026-10-01' }, 'DATE_AFTER_PERIOD', 'start_date'],
    ['a percentage', { fte: '80%' }, 'NUMBER_INVALID', 'fte'],
    ['a decimal comma', { fte: '0,5' }, 'NUMBER_INVALID', 'fte'],
    ['a word for a number', { days_sick: 'three' }, 'NUMBER_INVALID', 'days_sick'],
    ['an FTE above 1.5', { fte: '1.6' }, 'NUMBER_OUT_OF_RANGE', 'fte'],
    ['a negative FTE', { fte: '-0.5' }, 'NUMBER_OUT_OF_RANGE', 'fte'],
    ['more sick days than a year has', { days_sick: '367' }, 'NUMBER_OUT_OF_RANGE', 'days_sick'],
    ['a role title over 100 characters', { role_title: 'x'.repeat(101) }, 'TEXT_TOO_LONG', 'role_title'],
    ['a locality over 50 characters', { locality: 'x'.repeat(51) }, 'TEXT_TOO_LONG', 'locality'],
    ['a staff reference with a space', { staff_ref: 'RC 001' }, 'STAFF_REF_INVALID', 'staff_ref'],
    ['a staff reference over 64 characters', { staff_ref: 'R'.repeat(65) }, 'STAFF_REF_INVALID', 'staff_ref'],
    ['a duplicated staff reference', { staff_ref: 'RC00001' }, 'STAFF_REF_DUPLICATE', 'staff_ref'],
    ['an NI number as staff reference', { staff_ref: 'QQ123456C' }, 'IDENTIFIER_VALUE', 'staff_ref'],
    ['an NI number with spaces', { role_title: 'QQ 12 34 56 C' }, 'IDENTIFIER_VALUE', 'role_title'],
    ['an email address in locality', { locality: 'sam.jones@example.org' }, 'IDENTIFIER_VALUE', 'locality'],
    [
      'an email address inside text',
      { role_title: 'Lead (contact jo@riverside.gov.uk)' },
      'IDENTIFIER_VALUE',
      'role_title',
    ],
    ['a contract for a volunteer', { employment_basis: 'volunteer', fte: '' }, 'CONTRACT_NOT_EMPLOYEE', 'contract'],
    ['no contract for an employee', { contract: '' }, 'VALUE_REQUIRED', 'contract'],
    ['no FTE for an agency worker', { employment_basis: 'agency', contract: '', fte: '' }, 'VALUE_REQUIRED', 'fte'],
    ['an FTE of 0 for an employee', { fte: '0' }, 'FTE_NOT_POSITIVE', 'fte'],
  ])('rejects %s, naming the code, row and column', async (_, change, code, column) => {
    // Prepare
    const csv = workforceCsv({ 1: change });

    // Act
    const { report, rows } = await validateFile(csv, 'workforce');

    // Assess
    expect(report.status).toBe('rejected');
    expect(report.errors).toContainEqual(expect.objectContaining({ code, row: 3, column, severity: 'error' }));
    expect(report.errors.find((issue) => issue.code === code)?.message.length).toBeGreaterThan(10);
    expect(rows).toHaveLength(2);
  });

  it.each<[string, Record<string, string>, IssueCode, string]>([
    ['an FTE above 1.0', { fte: '1.2' }, 'FTE_ABOVE_ONE', 'fte'],
    ['an employee with no start date', { start_date: '' }, 'START_DATE_MISSING', 'start_date'],
    ['role other with no title', { role: 'other' }, 'ROLE_TITLE_MISSING', 'role_title'],
    ['text a spreadsheet would run', { role_title: '=HYPERLINK("http://x")' }, 'FORMULA_TEXT', 'role_title'],
    ['text starting with @', { locality: '@Chatham' }, 'FORMULA_TEXT', 'locality'],
  ])('accepts %s with a warning', async (_, change, code, column) => {
    const { report, rows } = await validateFile(workforceCsv({ 1: change }), 'workforce');

    expect(report.status).toBe('accepted');
    expect(report.warnings).toContainEqual(expect.objectContaining({ code, row: 3, column, severity: 'warning' }));
    expect(report.rows).toEqual({ read: 3, withErrors: 0, withWarnings: 1 });
    expect(rows).toHaveLength(3);
  });

  it('does not warn about a negative number in a text column', async () => {
    const { report } = await validateFile(workforceCsv({ 1: { role_title: '-5' } }), 'workforce');

    expect(codesOf(report)).not.toContain('FORMULA_TEXT');
  });

  it('suggests the code a typo was meant to be', async () => {
    const { report } = await validateFile(workforceCsv({ 0: { sector: 'socail care' } }), 'workforce');

    expect(report.errors[0]?.message).toContain("Did you mean 'social_care'?");
  });

  it('does not pile a rule on a value that already failed', async () => {
    const { report } = await validateFile(
      workforceCsv({ 0: { employment_basis: 'staff', contract: '' } }),
      'workforce',
    );

    expect(codesOf(report)).toEqual(['CODE_UNKNOWN']);
  });

  it('masks identifiers in the report instead of copying them', async () => {
    const { report } = await validateFile(workforceCsv({ 0: { locality: 'sam.jones@example.org' } }), 'workforce');

    expect(report.errors[0]?.value).not.toContain('jones');
    expect(JSON.stringify(report)).not.toContain('sam.jones@example.org');
  });

  it('skips the checks against the period when no period is given', async () => {
    const { report } = await validateFile(workforceCsv({ 0: { start_date: '2026-10-01' } }), 'workforce', {
      period: null,
    });

    expect(report.status).toBe('accepted');
  });

  it('rejects a period in the future and a period that is not a date', async () => {
    const future = await validateFile(workforceCsv(), 'workforce', { period: '2027-09-30' });
    const garbled = await validateFile(workforceCsv(), 'workforce', { period: '30/09/2026' });

    expect(future.report.errors).toContainEqual(expect.objectContaining({ code: 'PERIOD_IN_FUTURE', row: null }));
    expect(garbled.report.errors).toContainEqual(expect.objectContaining({ code: 'PERIOD_INVALID', row: null }));
  });

  it('calls an impossible period date impossible', async () => {
    const { report } = await validateFile(workforceCsv(), 'workforce', { period: '2026-09-31' });

    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'PERIOD_INVALID',
        row: null,
        message: "The period '2026-09-31' is an impossible date.",
      }),
    ]);
  });

  it('counts every issue while listing at most the configured number of each code', async () => {
    const changes = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [i, { sector: 'nope' }]));
    const { report } = await validateFile(workforceCsv(changes, 50), 'workforce', { listedPerCode: 10 });

    expect(report.issueCounts.CODE_UNKNOWN).toBe(50);
    expect(report.errors).toHaveLength(10);
    expect(report.rows.withErrors).toBe(50);
  });
});

describe('Function: validateCsv — vacancies, leavers and community profiles', () => {
  const vacancies = (line: string) =>
    `post_ref,sector,employer_type,role,role_title,setting,locality,vacancies_fte,agency_cover_fte,hard_to_fill,hard_to_fill_reason,date_opened\n${line}\n`;
  const leavers = (leaveDate: string) =>
    `staff_ref,sector,employer_type,role,fte,leave_date,reason,destination,age_band\nRC1,social_care,statutory,social_worker,1,${leaveDate},resignation,,35_44\n`;

  it.each<[string, string, IssueCode, string]>([
    [
      'agency cover above the vacant FTE',
      'V1,social_care,statutory,social_worker,,,,1,2,yes,pay,2026-01-01',
      'AGENCY_COVER_EXCEEDS_VACANCIES',
      'agency_cover_fte',
    ],
    [
      'no vacant FTE',
      'V1,social_care,statutory,social_worker,,,,0,,yes,pay,2026-01-01',
      'NUMBER_OUT_OF_RANGE',
      'vacancies_fte',
    ],
    [
      'hard to fill not yes or no',
      'V1,social_care,statutory,social_worker,,,,1,,maybe,,2026-01-01',
      'CODE_UNKNOWN',
      'hard_to_fill',
    ],
    [
      'a vacancy opened after the period',
      'V1,social_care,statutory,social_worker,,,,1,,no,,2026-12-01',
      'DATE_AFTER_PERIOD',
      'date_opened',
    ],
  ])('rejects a vacancy with %s', async (_, line, code, column) => {
    const { report } = await validateFile(vacancies(line), 'vacancies');

    expect(report.errors).toContainEqual(expect.objectContaining({ code, row: 2, column }));
  });

  it.each([
    ['2025-09-30', 'rejected'],
    ['2025-10-01', 'accepted'],
    ['2026-09-30', 'accepted'],
    ['2026-10-01', 'rejected'],
  ])('takes a leaver who left on %s as %s: the year is (period − 12 months, period]', async (leaveDate, status) => {
    const { report } = await validateFile(leavers(leaveDate), 'leavers');

    expect(report.status).toBe(status);
    if (status === 'rejected')
      expect(report.errors[0]).toMatchObject({ code: 'DATE_OUTSIDE_YEAR', row: 2, column: 'leave_date' });
  });

  it('reads a community category in the code list of its own dimension', async () => {
    const csv =
      'area_code,area_name,dimension,category,population\nE06000035,Medway,sex,M,1000\nE06000035,Medway,ethnicity,M,2552\nE06000035,Medway,ethnicity,female,5\nE06000035,Medway,sex,male,12.5\n';

    const { report, rows } = await validateFile(csv, 'community_profile');

    expect(rows.map((row) => row.category)).toEqual(['male', 'black_caribbean']);
    expect(report.errors).toMatchObject([
      { code: 'CATEGORY_NOT_IN_DIMENSION', row: 4, column: 'category' },
      { code: 'NUMBER_INVALID', row: 5, column: 'population' },
    ]);
  });
});
