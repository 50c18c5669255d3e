import { LeaversDataset, VacanciesDataset, WorkforceDataset } from '../../transforms/contract/datasets/index.ts';
import type { LeaverRow, VacancyRow, WorkforceRow } from '../../transforms/contract/datasets/index.ts';
import type { DatasetDefinition } from '../../transforms/contract/dataset.ts';
import type { IssueCode } from '../../transforms/contract/issue-codes.ts';
import { Random } from './random.ts';
import { renderFile } from './render.ts';
import { CANONICAL_STYLE, type FileStyle } from './trust.ts';

export interface BrokenFile {
  readonly file: string;
  readonly dataset: 'workforce' | 'vacancies' | 'leavers' | 'community_profile';
  readonly period: string;
  readonly problem: string;
  readonly bytes: Uint8Array;
  /** Issues the file must produce: the code, and the row when the issue is on a row. */
  readonly expect: readonly { readonly code: IssueCode; readonly row: number | null }[];
}

const PLAIN: FileStyle = { ...CANONICAL_STYLE, staffRefPrefix: '', staffRefDigits: 0 };

const text = (value: string) => Buffer.from(value, 'utf8');

/** Rendered lines of a good file, to break one way at a time. Line 0 is the header (row 1). */
function lines(dataset: DatasetDefinition, rows: readonly object[]): string[] {
  return Buffer.from(renderFile(dataset, PLAIN, rows as Record<string, unknown>[]))
    .toString('utf8')
    .trimEnd()
    .split('\n');
}

/** Replaces one column's value on a line of a plain file. */
function setColumn(dataset: DatasetDefinition, line: string, column: string, value: string): string {
  const fields = line.split(',');
  fields[Object.keys(dataset.columns).indexOf(column)] = value;
  return fields.join(',');
}

const file = (parts: string[]) => text(`${parts.join('\n')}\n`);

/**
 * One partner file for each main class of error, made from good rows broken one way. Every file
 * is rejected; the manifest says which issue, on which row, each must produce.
 */
export function brokenFiles(
  workforce: readonly WorkforceRow[],
  vacancies: readonly VacancyRow[],
  leavers: readonly LeaverRow[],
  period: string,
): BrokenFile[] {
  const w = lines(WorkforceDataset, workforce.slice(0, 12));
  const employeeLine = w.findIndex((line, i) => i > 0 && line.includes(',employee,'));
  const volunteerLine = w.findIndex((line, i) => i > 0 && line.includes(',volunteer,'));
  const set = (index: number, column: string, value: string) =>
    setColumn(WorkforceDataset, w[index] as string, column, value);
  const withLine = (index: number, line: string) => w.map((l, i) => (i === index ? line : l));
  const header = w[0] as string;
  const random = new Random(7);
  const noise = Uint8Array.from({ length: 2048 }, () => Math.floor(random.next() * 256));
  noise[10] = 0;

  const files: Omit<BrokenFile, 'period'>[] = [
    {
      file: 'excel-workbook.csv',
      dataset: 'workforce',
      problem: 'An Excel workbook renamed to .csv',
      bytes: Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
        text('[Content_Types].xml'),
        noise.subarray(0, 200),
      ]),
      expect: [{ code: 'FILE_EXCEL_WORKBOOK', row: null }],
    },
    {
      file: 'pdf-report.csv',
      dataset: 'workforce',
      problem: 'A PDF report saved with a .csv name',
      bytes: text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      expect: [{ code: 'FILE_PDF', row: null }],
    },
    {
      file: 'unicode-text.csv',
      dataset: 'workforce',
      problem: 'Saved from Excel as "Unicode Text" (UTF-16)',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(w.join('\r\n'), 'utf16le')]),
      expect: [{ code: 'FILE_UTF16', row: null }],
    },
    {
      file: 'binary-data.csv',
      dataset: 'workforce',
      problem: 'Binary data, not text',
      bytes: noise,
      expect: [{ code: 'FILE_BINARY', row: null }],
    },
    {
      file: 'empty.csv',
      dataset: 'workforce',
      problem: 'An empty file',
      bytes: new Uint8Array(0),
      expect: [{ code: 'FILE_EMPTY', row: null }],
    },
    {
      file: 'header-only.csv',
      dataset: 'workforce',
      problem: 'A header and no rows',
      bytes: file([header]),
      expect: [{ code: 'FILE_NO_ROWS', row: null }],
    },
    {
      file: 'mixed-encoding.csv',
      dataset: 'workforce',
      problem: 'UTF-8 text with Windows-1252 bytes pasted in later',
      bytes: Buffer.concat([
        file(withLine(1, set(1, 'role_title', 'Crèche lead'))),
        Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
      ]),
      expect: [{ code: 'FILE_ENCODING_MIXED', row: null }],
    },
    {
      file: 'missing-column.csv',
      dataset: 'workforce',
      problem: 'The ethnicity column is missing',
      bytes: file(
        w.map((line) =>
          line
            .split(',')
            .filter((_, i) => i !== Object.keys(WorkforceDataset.columns).indexOf('ethnicity'))
            .join(','),
        ),
      ),
      expect: [{ code: 'HEADER_MISSING_COLUMN', row: 1 }],
    },
    {
      file: 'duplicate-column.csv',
      dataset: 'workforce',
      problem: 'Two columns both mean sector',
      bytes: file(w.map((line, i) => `${line},${i === 0 ? 'Sector' : 'social_care'}`)),
      expect: [{ code: 'HEADER_DUPLICATE_COLUMN', row: 1 }],
    },
    {
      file: 'names-and-birth-dates.csv',
      dataset: 'workforce',
      problem: 'Columns of names and dates of birth',
      bytes: file(w.map((line, i) => `${line},${i === 0 ? 'Surname,Date of Birth' : 'Smith,01/02/1980'}`)),
      expect: [{ code: 'HEADER_IDENTIFIER_COLUMN', row: 1 }],
    },
    {
      file: 'ni-number-as-staff-ref.csv',
      dataset: 'workforce',
      problem: 'A National Insurance number used as the staff reference, an email as the locality',
      bytes: file(
        withLine(3, set(3, 'staff_ref', 'QQ123456C')).map((l, i) =>
          i === 5 ? set(5, 'locality', 'sam.jones@example.org') : l,
        ),
      ),
      expect: [
        { code: 'IDENTIFIER_VALUE', row: 4 },
        { code: 'IDENTIFIER_VALUE', row: 6 },
      ],
    },
    {
      file: 'unknown-codes.csv',
      dataset: 'workforce',
      problem: 'Misspelt codes',
      bytes: file(
        withLine(2, set(2, 'sector', 'socail_care')).map((l, i) => (i === 4 ? set(4, 'role', 'Social Wrker') : l)),
      ),
      expect: [
        { code: 'CODE_UNKNOWN', row: 3 },
        { code: 'CODE_UNKNOWN', row: 5 },
      ],
    },
    {
      file: 'us-and-short-dates.csv',
      dataset: 'workforce',
      problem: 'Dates in US order, with two-digit years, and impossible dates',
      bytes: file(
        withLine(employeeLine, set(employeeLine, 'start_date', '09/30/2019')).map((l, i) =>
          i === 2 ? set(2, 'start_date', '30/09/19') : i === 3 ? set(3, 'start_date', '30/02/2020') : l,
        ),
      ),
      expect: [
        { code: 'DATE_US_ORDER', row: employeeLine + 1 },
        { code: 'DATE_TWO_DIGIT_YEAR', row: 3 },
        { code: 'DATE_IMPOSSIBLE', row: 4 },
      ],
    },
    {
      file: 'start-after-period.csv',
      dataset: 'workforce',
      problem: 'A start date after the period date',
      bytes: file(withLine(employeeLine, set(employeeLine, 'start_date', '2030-01-01'))),
      expect: [{ code: 'DATE_AFTER_PERIOD', row: employeeLine + 1 }],
    },
    {
      file: 'percent-and-commas.csv',
      dataset: 'workforce',
      problem: 'FTE written as a percentage, days sick out of range',
      bytes: file(
        withLine(employeeLine, set(employeeLine, 'fte', '80%')).map((l, i) =>
          i === 6 ? set(6, 'days_sick', '400') : l,
        ),
      ),
      expect: [
        { code: 'NUMBER_INVALID', row: employeeLine + 1 },
        { code: 'NUMBER_OUT_OF_RANGE', row: 7 },
      ],
    },
    {
      file: 'duplicate-staff-ref.csv',
      dataset: 'workforce',
      problem: 'The same staff reference twice',
      bytes: file([...w, w[2] as string]),
      expect: [{ code: 'STAFF_REF_DUPLICATE', row: w.length + 1 }],
    },
    {
      file: 'contract-for-volunteer.csv',
      dataset: 'workforce',
      problem: 'A contract for a volunteer; an employee with no contract',
      bytes: file(
        withLine(volunteerLine, set(volunteerLine, 'contract', 'permanent')).map((l, i) =>
          i === employeeLine ? set(employeeLine, 'contract', '') : l,
        ),
      ),
      expect: [
        { code: 'CONTRACT_NOT_EMPLOYEE', row: volunteerLine + 1 },
        { code: 'VALUE_REQUIRED', row: employeeLine + 1 },
      ],
    },
    {
      file: 'missing-values.csv',
      dataset: 'workforce',
      problem: 'Required values left empty',
      bytes: file(withLine(3, set(3, 'sex', '')).map((l, i) => (i === 8 ? set(8, 'ethnicity', '') : l))),
      expect: [
        { code: 'VALUE_REQUIRED', row: 4 },
        { code: 'VALUE_REQUIRED', row: 9 },
      ],
    },
    {
      file: 'stray-comma.csv',
      dataset: 'workforce',
      problem: 'A value with a comma not in quotes',
      bytes: file(withLine(5, set(5, 'role_title', 'Support worker, early help'))),
      expect: [{ code: 'ROW_FIELD_COUNT', row: 6 }],
    },
    {
      file: 'unclosed-quote.csv',
      dataset: 'workforce',
      problem: 'A quoted value that is never closed',
      bytes: file(withLine(4, set(4, 'role_title', '"Support worker'))),
      expect: [{ code: 'ROW_QUOTES', row: 5 }],
    },
    // Shapes of real exports that are errors: each gets one issue naming what it is.
    {
      file: 'total-row.csv',
      dataset: 'workforce',
      problem: "A spreadsheet's Total row under the data",
      bytes: file([
        ...w,
        ['Total', ...Array.from({ length: Object.keys(WorkforceDataset.columns).length - 1 }, () => '')].join(','),
      ]),
      expect: [{ code: 'ROW_TOTAL', row: w.length + 1 }],
    },
    {
      file: 'dates-with-times.csv',
      dataset: 'workforce',
      problem: 'Start dates exported with a time (01/04/2021 00:00)',
      bytes: file(withLine(employeeLine, set(employeeLine, 'start_date', '01/04/2021 00:00'))),
      expect: [{ code: 'DATE_INVALID', row: employeeLine + 1 }],
    },
    {
      file: 'ethnicity-wordings.csv',
      dataset: 'workforce',
      problem: 'Ethnic groups in Census and DfE wordings, not codes',
      bytes: file(
        withLine(1, set(1, 'ethnicity', 'Indian')).map((l, i) =>
          i === 2 ? set(2, 'ethnicity', 'Any other White background') : l,
        ),
      ),
      expect: [
        { code: 'CODE_UNKNOWN', row: 2 },
        { code: 'CODE_UNKNOWN', row: 3 },
      ],
    },
  ];
  const v = lines(VacanciesDataset, vacancies.slice(0, 6));
  files.push({
    file: 'agency-cover-above-vacancies.csv',
    dataset: 'vacancies',
    problem: 'More agency cover than vacant FTE',
    bytes: file(
      v.map((l, i) =>
        i === 2
          ? setColumn(VacanciesDataset, setColumn(VacanciesDataset, l, 'vacancies_fte', '1'), 'agency_cover_fte', '2')
          : l,
      ),
    ),
    expect: [{ code: 'AGENCY_COVER_EXCEEDS_VACANCIES', row: 3 }],
  });
  const l = lines(LeaversDataset, leavers.slice(0, 6));
  files.push({
    file: 'leaver-outside-year.csv',
    dataset: 'leavers',
    problem: 'A leaver who left before the 12 months to the period',
    bytes: file(
      l.map((line, i) =>
        i === 3 ? setColumn(LeaversDataset, line, 'leave_date', `${Number(period.slice(0, 4)) - 2}-01-15`) : line,
      ),
    ),
    expect: [{ code: 'DATE_OUTSIDE_YEAR', row: 4 }],
  });
  files.push({
    file: 'community-bad-category.csv',
    dataset: 'community_profile',
    problem: 'A sex category in the ethnicity dimension',
    bytes: file([
      'area_code,area_name,dimension,category,population,source',
      'E06000035,Medway,ethnicity,white_british,218953,Census 2021',
      'E06000035,Medway,ethnicity,female,1200,Census 2021',
    ]),
    expect: [{ code: 'CATEGORY_NOT_IN_DIMENSION', row: 3 }],
  });
  return files.map((f) => ({ ...f, period }));
}
