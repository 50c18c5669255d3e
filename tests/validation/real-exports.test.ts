import { describe, expect, it } from 'vitest';
import { MAC_ROMAN_HIGH } from '../../transforms/validation/single-byte.ts';
import { summarizeReport } from '../../transforms/validation/summary.ts';
import { codesOf, GOOD_EMPLOYEE, validateFile, WORKFORCE_HEADER, workforceCsv } from '../helpers.ts';

const COLUMNS = WORKFORCE_HEADER.split(',');
/** The way a spreadsheet titles the columns it was given. */
const TITLED =
  'Staff Ref,Sector,Employer Type,Role,Role Title,Setting,Employment Basis,Contract,FTE,Start Date,Age Band,Sex,Ethnicity,Disability,Qualification Level,Meets Role Qualification,Locality,Days Sick';
const employee = (n: number, changes: Record<string, string> = {}) =>
  COLUMNS.map((c) => ({ ...GOOD_EMPLOYEE, staff_ref: `BS${String(n).padStart(4, '0')}`, ...changes })[c] as string);
const emptyRow = (first: string, at: Record<number, string> = {}) =>
  COLUMNS.map((_, i) => (i === 0 ? first : (at[i] ?? '')));
const BOM = '\uFEFF';

/** Encodes text in Mac OS Roman, as Excel for Mac's plain "Comma Separated Values" does. */
function macRoman(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((char) => (char.charCodeAt(0) < 0x80 ? char.charCodeAt(0) : 0x80 + MAC_ROMAN_HIGH.indexOf(char))),
  );
}

describe("Function: validateCsv — files as partners' systems export them", () => {
  it('reads a semicolon file from Excel in a European locale (BOM, CRLF, decimal commas) with one warning', async () => {
    const lines = [
      TITLED,
      employee(1, { fte: '0,5' }),
      employee(2, { fte: '1' }),
      employee(3, { fte: '0,75', days_sick: '2,5' }),
    ];
    const file = `${BOM}${lines.map((line) => (Array.isArray(line) ? line.join(';') : line.replaceAll(',', ';'))).join('\r\n')}\r\n`;

    const { report, rows } = await validateFile(file, 'workforce');

    expect(report.status).toBe('accepted');
    expect(codesOf(report)).toEqual(['FILE_DELIMITER']);
    expect(report.warnings[0]?.message).toContain('semicolons (;)');
    expect(report.warnings[0]?.message).toContain('decimal comma (0,5) were read as 0.5');
    expect(rows.map((row) => row.fte)).toEqual([0.5, 1, 0.75]);
    expect(rows[2]?.days_sick).toBe(2.5);
  });

  it('reads a tab-separated export (Excel "Text (Tab delimited)") with one warning naming tabs', async () => {
    const file = `${[COLUMNS, employee(1), employee(2, { role_title: 'Lead, early help' })].map((cells) => cells.join('\t')).join('\r\n')}\r\n`;

    const { report, rows } = await validateFile(file, 'workforce');

    expect(report.status).toBe('accepted');
    expect(codesOf(report)).toEqual(['FILE_DELIMITER']);
    expect(report.warnings[0]?.message).toContain('separated by tabs');
    expect(rows[1]?.role_title).toBe('Lead, early help');
  });

  it("finds the header below an HR system's title rows, says which row it is on and what to delete", async () => {
    const title = `BrightStart Nurseries Ltd - Staff list as at 30/09/2026${','.repeat(COLUMNS.length - 1)}`;
    const file = [
      title,
      `Printed 01/10/2026 09:14${','.repeat(COLUMNS.length - 1)}`,
      '',
      TITLED,
      employee(1).join(','),
      employee(2, { sector: 'nope' }).join(','),
    ].join('\r\n');

    const { report, rows } = await validateFile(file, 'workforce');

    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'HEADER_NOT_FIRST_ROW',
        row: 1,
        value: 'BrightStart Nurseries Ltd - Staff list as at 30/09/2026',
      }),
    ]);
    expect(report.warnings[0]?.message).toBe(
      "The header is on row 4, not row 1: rows 1–3 above it (row 1 reads 'BrightStart Nurseries Ltd - Staff list as at 30/09/2026') were skipped. Delete rows 1–3 so the header is the first row.",
    );
    expect(report.errors).toEqual([expect.objectContaining({ code: 'CODE_UNKNOWN', row: 6, column: 'sector' })]);
    expect(report.rows.read).toBe(2);
    expect(rows).toHaveLength(1);
  });

  it('gives a Total row one issue, not a cascade, and checks the rows above it as usual', async () => {
    const file = [
      WORKFORCE_HEADER,
      employee(1).join(','),
      employee(2, { fte: '0.9' }).join(','),
      emptyRow('Total', { 8: '1.9', 17: '8' }).join(','),
    ].join('\r\n');

    const { report } = await validateFile(file, 'workforce');

    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      expect.objectContaining({ code: 'ROW_TOTAL', row: 4, column: 'staff_ref', value: 'Total' }),
    ]);
    expect(report.errors[0]?.message).toBe("Row 4 is a total ('Total'), not a row of data; delete it.");
    expect(report.rows).toEqual({ read: 3, withErrors: 1, withWarnings: 0 });
  });

  it.each([
    ['a subtotal with a label', ['Sub-total: early years', '', '', '', '', '', '', '', '3.5'], 'ROW_TOTAL'],
    ['a grand total on a short line', ['Grand Total', '12'], 'ROW_TOTAL'],
    [
      'a footer a reporting tool writes',
      [`Report generated 30/09/2026 09:14 by iTrent${','.repeat(COLUMNS.length - 1)}`],
      'ROW_NOTE',
    ],
    ['a page footer', ['Page 1 of 1'], 'ROW_NOTE'],
  ])('gives %s one issue saying what it is', async (_, cells, code) => {
    const file = [WORKFORCE_HEADER, employee(1).join(','), '', cells.join(',')].join('\n');

    const { report } = await validateFile(file, 'workforce');

    expect(report.errors).toEqual([expect.objectContaining({ code, row: 4 })]);
  });

  it('reads Excel\'s "CSV UTF-8" (byte-order mark, titled columns, labels) without a word', async () => {
    const row = employee(1, {
      sector: 'Social care, family and community support',
      role: 'Social worker',
      sex: 'Female',
      ethnicity: 'WBRI',
    });
    const file = `${BOM}${[TITLED, row.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')].join('\r\n')}\r\n`;

    const { report, rows } = await validateFile(file, 'workforce');

    expect(report).toMatchObject({ status: 'accepted', encoding: 'utf-8-bom', errors: [], warnings: [] });
    expect(rows[0]).toMatchObject({
      sector: 'social_care',
      role: 'social_worker',
      sex: 'female',
      ethnicity: 'white_british',
    });
  });

  it('reads plain "CSV" from Excel on Windows (Windows-1252), with a warning', async () => {
    const text = `${[TITLED, employee(1, { role_title: 'Children’s centre lead – £ band' }).join(',')].join('\r\n')}\r\n`;
    const file = Buffer.from(text.replace('’', '\u0092').replace('–', '\u0096').replace('£', '\u00a3'), 'latin1');

    const { report, rows } = await validateFile(file, 'workforce');

    expect(report.encoding).toBe('windows-1252');
    expect(codesOf(report)).toEqual(['FILE_WINDOWS_1252']);
    expect(rows[0]?.role_title).toBe('Children’s centre lead – £ band');
  });

  it('reads plain "CSV" from Excel on a Mac (Mac OS Roman, CR line ends), with a warning', async () => {
    const text = [
      TITLED,
      employee(1, { role_title: 'Crèche lead – Children’s centre' }).join(','),
      employee(2, { locality: 'Gillingham Café' }).join(','),
    ].join('\r');

    const { report, rows } = await validateFile(macRoman(`${text}\r`), 'workforce');

    expect(report.encoding).toBe('mac-roman');
    expect(codesOf(report)).toEqual(['FILE_MAC_ROMAN']);
    expect(rows.map((row) => [row.role_title, row.locality])).toEqual([
      ['Crèche lead – Children’s centre', 'Chatham'],
      [null, 'Gillingham Café'],
    ]);
  });

  it.each([
    ['0.5 FTE', 'fte', "'0.5 FTE' has a unit (FTE) after the number; write the number alone, 0.5."],
    ['50%', 'fte', "'50%' is a percentage; write it as a fraction, 0.5."],
    ['1,234', 'days_sick', "'1,234' has a thousands separator; write 1234."],
    ['3 days', 'days_sick', "'3 days' has a unit (days) after the number; write the number alone, 3."],
  ])('says what to write for a number a spreadsheet formatted (%s)', async (value, column, message) => {
    const { report } = await validateFile(workforceCsv({ 1: { [column]: value } }), 'workforce');

    expect(report.errors).toEqual([expect.objectContaining({ code: 'NUMBER_INVALID', row: 3, column, message })]);
  });

  it.each([
    ['01/04/2021 00:00', '01/04/2021'],
    ['2021-04-01 00:00:00', '2021-04-01'],
    ['01/04/2021 09:30:00', '01/04/2021'],
    ['1/4/2021 9:30 AM', '1/4/2021'],
    ['2021-04-01T00:00:00', '2021-04-01'],
  ])('says a date with a time (%s) has a time, and gives the date to write', async (value, date) => {
    const { report } = await validateFile(workforceCsv({ 1: { start_date: value } }), 'workforce');

    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'DATE_INVALID',
        row: 3,
        message: `'${value}' has a time; give the date alone, ${date}.`,
      }),
    ]);
  });
});

describe('Function: validateCsv — messages that fit what they are about', () => {
  it.each([
    ['Indian', 'asian_indian'],
    ['White and Black Caribbean', 'mixed_white_black_caribbean'],
    ['Any other White background', 'white_other'],
    ['Black or Black British - Caribbean', 'black_caribbean'],
    ['Not stated', 'not_known'],
  ])('suggests the ethnicity code for the wording %s', async (value, code) => {
    const { report } = await validateFile(workforceCsv({ 0: { ethnicity: value } }), 'workforce');

    expect(report.errors[0]?.message).toMatch(
      new RegExp(`^'${value}' is not an ethnicity code\\. Did you mean '${code}' \\(.+\\)\\?`),
    );
  });

  it('says a value of another column is probably in the wrong column, grammatically', async () => {
    const { report } = await validateFile(workforceCsv({ 0: { ethnicity: 'female' } }), 'workforce');

    expect(report.errors[0]?.message).toContain(
      "'female' is not an ethnicity code. It is a sex value: is it in the right column?",
    );
  });

  it('tells of an email in locality what locality is for, not to use a staff reference', async () => {
    const { report } = await validateFile(workforceCsv({ 0: { locality: 'sam.jones@example.org' } }), 'workforce');

    expect(report.errors[0]?.message).toBe(
      'The value looks like an email address (shown masked). Remove it: locality holds a locality the Trust reports on, where the person mainly works.',
    );
  });

  it('still tells of an NI number as a staff reference to use a pseudonymous one', async () => {
    const { report } = await validateFile(workforceCsv({ 0: { staff_ref: 'QQ123456C' } }), 'workforce');

    expect(report.errors[0]?.message).toContain('Use a partner-local pseudonymous staff reference instead.');
  });

  it('does not call the warnings of a rejected file accepted', async () => {
    const rejected = await validateFile(workforceCsv({ 0: { sector: 'nope' }, 1: { fte: '1.2' } }), 'workforce');
    const accepted = await validateFile(workforceCsv({ 1: { fte: '1.2' } }), 'workforce');

    expect(summarizeReport(rejected.report)).not.toContain('the file is accepted');
    expect(summarizeReport(rejected.report)).toContain('Warnings (check these too');
    expect(summarizeReport(accepted.report)).toContain('Warnings (the file is accepted; check these)');
  });
});
