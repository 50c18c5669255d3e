import { describe, expect, it } from 'vitest';
import type { IssueCode } from '../../transforms/contract/issue-codes.ts';
import { codesOf, GOOD_EMPLOYEE, validateFile, WORKFORCE_HEADER, workforceCsv } from '../helpers.ts';

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('Function: validateCsv — what kind of file it is', () => {
  it.each<[string, Uint8Array, IssueCode]>([
    ['an empty file', bytes(''), 'FILE_EMPTY'],
    ['a file of blank lines', bytes('\r\n\n   \n,,,\n'), 'FILE_EMPTY'],
    ['a header with no rows', bytes(`${WORKFORCE_HEADER}\n\n`), 'FILE_NO_ROWS'],
    ['an Excel workbook', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], '[Content_Types].xml'), 'FILE_EXCEL_WORKBOOK'],
    [
      'an Excel 97–2003 workbook',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
      'FILE_EXCEL_WORKBOOK',
    ],
    ['a PDF', bytes('%PDF-1.4\n%âãÏÓ\n'), 'FILE_PDF'],
    ['UTF-16 with a byte-order mark', bytes([0xff, 0xfe], Buffer.from(workforceCsv(), 'utf16le')), 'FILE_UTF16'],
    ['UTF-16 without a byte-order mark', Buffer.from(workforceCsv(), 'utf16le'), 'FILE_UTF16'],
    ['big-endian UTF-16', bytes([0xfe, 0xff], Buffer.from(workforceCsv(), 'utf16le').swap16()), 'FILE_UTF16'],
    ['binary data', bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]), 'FILE_BINARY'],
    ['a NUL byte far into a text file', bytes(workforceCsv({}, 2000), [0], 'x\n'), 'FILE_BINARY'],
    [
      'UTF-8 with Windows-1252 bytes later on',
      bytes(
        workforceCsv({ 0: { role_title: 'Crèche lead' } }, 2000),
        'RC99999,social_care,statutory,other,Caf',
        [0xe9],
        ',,employee\n',
      ),
      'FILE_ENCODING_MIXED',
    ],
  ])('rejects %s, saying what it is', async (_, file, code) => {
    const { report, rows } = await validateFile(file, 'workforce');

    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatchObject({ code, row: null });
    expect(report.errors[0]?.message).toMatch(/\w+/);
    expect(rows.length === 0 || code === 'FILE_BINARY' || code === 'FILE_ENCODING_MIXED').toBe(true);
  });

  it('reads UTF-8 with a byte-order mark and CRLF line endings', async () => {
    const file = bytes(
      [0xef, 0xbb, 0xbf],
      workforceCsv({ 0: { role_title: 'Crèche lead – “north”' } }).replaceAll('\n', '\r\n'),
    );

    const { report, rows } = await validateFile(file, 'workforce');

    expect(report).toMatchObject({ status: 'accepted', encoding: 'utf-8-bom', errors: [], warnings: [] });
    expect(rows[0]?.role_title).toBe('Crèche lead – “north”');
    expect(rows[0]?.days_sick).toBe(4);
  });

  it('falls back to Windows-1252 with a warning, decoding its own characters', async () => {
    // "Crèche – €5 “lead”" as Excel's plain "CSV (Comma delimited)" writes it
    const title = bytes([
      0x43, 0x72, 0xe8, 0x63, 0x68, 0x65, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x93, 0x6c, 0x65, 0x61, 0x64, 0x94,
    ]);
    const file = bytes(
      `${WORKFORCE_HEADER}\r\nRC1,social_care,statutory,social_worker,`,
      title,
      ',office_locality,employee,permanent,1,2019-04-01,35_44,F,A,N,6,yes,Chatham,2\r\n',
    );

    const { report, rows } = await validateFile(file, 'workforce');

    expect(report.status).toBe('accepted');
    expect(report.encoding).toBe('windows-1252');
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'FILE_WINDOWS_1252', row: null }));
    expect(rows[0]?.role_title).toBe('Crèche – €5 “lead”');
  });

  it('gives the same report and rows however the stream is chunked', async () => {
    const file = bytes(
      [0xef, 0xbb, 0xbf],
      workforceCsv({ 1: { role_title: 'Crèche lead, "north"\nsecond line' }, 3: { sector: 'nope' } }, 8).replaceAll(
        '\n',
        '\r\n',
      ),
    );

    const whole = await validateFile(file, 'workforce');
    const results = await Promise.all(
      [1, 2, 3, 7, 64].map((chunkSize) => validateFile(file, 'workforce', { chunkSize })),
    );

    for (const result of results) {
      expect(result.report).toEqual(whole.report);
      expect(result.rows).toEqual(whole.rows);
    }
    expect(whole.rows[1]?.role_title).toBe('Crèche lead, "north"\r\nsecond line');
  });

  it('reads old Mac files that end lines with CR alone', async () => {
    const { report, rows } = await validateFile(workforceCsv().replaceAll('\n', '\r'), 'workforce');

    expect(report.status).toBe('accepted');
    expect(rows).toHaveLength(3);
  });
});

describe('Function: validateCsv — rows and the header', () => {
  it('numbers rows as a spreadsheet does: blank lines and multi-line values count once', async () => {
    const csv = `${WORKFORCE_HEADER}\n\nRC1,social_care,statutory,social_worker,"two\nlines",,employee,permanent,1,2019-04-01,35_44,female,white_british,no,,,,\n\nRC2,nope,statutory,social_worker,,,employee,permanent,1,2019-04-01,35_44,female,white_british,no,,,,\n`;

    const { report } = await validateFile(csv, 'workforce');

    expect(report.errors).toMatchObject([{ code: 'CODE_UNKNOWN', row: 5, column: 'sector' }]);
    expect(report.rows.read).toBe(2);
  });

  it('keeps leading zeros, reads labels, aliases and UK dates, and types the values', async () => {
    const csv = `Staff Ref, SECTOR ,employer-type,Role,role title,setting,Employment Basis,contract,FTE,start_date,age_band,sex,ethnicity,disability,qualification_level,meets_role_qualification,locality,days_sick
00123,"Social care, family and community support",Independent,Social Worker,,Office or locality base,Employee,Permanent,0.50,01/04/2019,35_44,F,WBRI,Y,level 6,In training,Chatham,
00124,early_years,private,early_years_practitioner,,early_years_setting,agency,,1,,25_34,m,13,refused,not_known,,,
00125,Early years and childcare,voluntary,play_worker,,,volunteer,,,,16_24,X,A,n,,,,`;

    const { report, rows } = await validateFile(csv, 'workforce');

    expect(report.errors).toEqual([]);
    expect(rows[0]).toEqual({
      staff_ref: '00123',
      sector: 'social_care',
      employer_type: 'private',
      role: 'social_worker',
      role_title: null,
      setting: 'office_locality',
      employment_basis: 'employee',
      contract: 'permanent',
      fte: 0.5,
      start_date: '2019-04-01',
      age_band: '35_44',
      sex: 'female',
      ethnicity: 'white_british',
      disability: 'yes',
      qualification_level: '6',
      meets_role_qualification: 'in_training',
      locality: 'Chatham',
      days_sick: null,
    });
    expect(rows.map((row) => [row.staff_ref, row.sex, row.ethnicity, row.disability])).toEqual([
      ['00123', 'female', 'white_british', 'yes'],
      ['00124', 'male', 'white_british', 'refused'],
      ['00125', 'other', 'white_british', 'no'],
    ]);
  });

  it('takes the columns in any order', async () => {
    const columns = WORKFORCE_HEADER.split(',').reverse();
    const csv = `${columns.join(',')}\n${columns.map((c) => GOOD_EMPLOYEE[c]).join(',')}\n`;

    const { report, rows } = await validateFile(csv, 'workforce');

    expect(report.status).toBe('accepted');
    expect(rows[0]?.staff_ref).toBe('RC00001');
  });

  it.each<[string, string, IssueCode, string]>([
    ['a missing required column', WORKFORCE_HEADER.replace(',ethnicity', ''), 'HEADER_MISSING_COLUMN', 'ethnicity'],
    ['a column given twice', `${WORKFORCE_HEADER},Sector`, 'HEADER_DUPLICATE_COLUMN', 'sector'],
    ['a name column', `${WORKFORCE_HEADER},Surname`, 'HEADER_IDENTIFIER_COLUMN', 'Surname'],
    ['a date of birth column', `${WORKFORCE_HEADER},Date of Birth`, 'HEADER_IDENTIFIER_COLUMN', 'Date of Birth'],
    ['an NI number column', `${WORKFORCE_HEADER},NI Number`, 'HEADER_IDENTIFIER_COLUMN', 'NI Number'],
    ['an email column', `${WORKFORCE_HEADER},Work Email`, 'HEADER_IDENTIFIER_COLUMN', 'Work Email'],
    ['a postcode column', `${WORKFORCE_HEADER},Post Code`, 'HEADER_IDENTIFIER_COLUMN', 'Post Code'],
    ['an NHS number column', `${WORKFORCE_HEADER},NHS Number`, 'HEADER_IDENTIFIER_COLUMN', 'NHS Number'],
  ])('rejects a header with %s, naming the column', async (_, header, code, column) => {
    const width = header.split(',').length;
    const values = WORKFORCE_HEADER.split(',').map((c) => GOOD_EMPLOYEE[c] as string);
    const csv = `${header}\n${[...values, ...Array(Math.max(0, width - values.length)).fill('x')].slice(0, width).join(',')}\n`;

    const { report } = await validateFile(csv, 'workforce');

    expect(report.status).toBe('rejected');
    expect(report.errors).toContainEqual(expect.objectContaining({ code, row: 1, column }));
  });

  it('ignores an unknown column with a warning, and never returns its values', async () => {
    const csv = `${WORKFORCE_HEADER},Team\n${WORKFORCE_HEADER.split(',')
      .map((c) => GOOD_EMPLOYEE[c])
      .join(',')},Early help\n`;

    const { report, rows } = await validateFile(csv, 'workforce');

    expect(report.status).toBe('accepted');
    expect(report.warnings).toMatchObject([{ code: 'HEADER_UNKNOWN_COLUMN', row: 1, column: 'Team' }]);
    expect(report.rows.withWarnings).toBe(0);
    expect(Object.keys(rows[0] ?? {})).not.toContain('Team');
    expect(JSON.stringify(rows)).not.toContain('Early help');
  });

  it('still refuses an identifier in an unknown column', async () => {
    const csv = `${WORKFORCE_HEADER},Contact\n${WORKFORCE_HEADER.split(',')
      .map((c) => GOOD_EMPLOYEE[c])
      .join(',')},sam@example.org\n`;

    const { report } = await validateFile(csv, 'workforce');

    expect(report.errors).toMatchObject([{ code: 'IDENTIFIER_VALUE', row: 2, column: 'Contact' }]);
  });

  it.each<[string, string, IssueCode]>([
    [
      'a stray comma',
      'RC9,social_care,statutory,social_worker,Lead, north,,employee,permanent,1,2019-04-01,35_44,female,white_british,no,,,,',
      'ROW_FIELD_COUNT',
    ],
    ['a missing field', 'RC9,social_care,statutory', 'ROW_FIELD_COUNT'],
    [
      'a stray quote after a quoted value',
      'RC9,social_care,statutory,social_worker,"Lead"x,,employee,permanent,1,2019-04-01,35_44,female,white_british,no,,,,',
      'ROW_QUOTES',
    ],
  ])('rejects a row with %s', async (_, line, code) => {
    const { report } = await validateFile(`${workforceCsv({}, 1)}${line}\n`, 'workforce');

    expect(report.errors).toContainEqual(expect.objectContaining({ code, row: 3 }));
  });

  it('rejects an unclosed quote without reading the rest of a large file into memory', async () => {
    const file = `${workforceCsv({}, 1)}RC9,social_care,statutory,social_worker,"Lead${'x'.repeat(2 * 1024 * 1024)}\n`;

    const { report } = await validateFile(file, 'workforce');

    expect(report.errors).toContainEqual(expect.objectContaining({ code: 'ROW_TOO_LONG', row: 3 }));
  });

  it('applies the Trust limits on rows and bytes', async () => {
    const tooManyRows = await validateFile(workforceCsv({}, 20), 'workforce', { limits: { maxRows: 10 } });
    const tooLarge = await validateFile(workforceCsv({}, 20), 'workforce', { limits: { maxFileBytes: 1000 } });

    expect(tooManyRows.report.errors).toMatchObject([{ code: 'FILE_TOO_MANY_ROWS', row: 12 }]);
    expect(tooManyRows.report.rows.read).toBe(10);
    expect(tooLarge.report.errors).toMatchObject([{ code: 'FILE_TOO_LARGE', row: null }]);
  });

  it('never throws on arbitrary bytes', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const good = Buffer.from(workforceCsv({}, 20));
    for (let i = 0; i < 300; i++) {
      const file =
        i % 2 === 0
          ? Buffer.from(Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256)))
          : Buffer.from(good);
      if (i % 2 === 1)
        for (let k = 0; k < 10; k++)
          file[Math.floor(random() * file.length)] = [0x22, 0x2c, 0x0a, 0x0d, 0xff, 0xe2, 0x40, 0x3d][
            Math.floor(random() * 8)
          ] as number;

      const { report } = await validateFile(file, 'workforce', { chunkSize: 1 + Math.floor(random() * 100) });

      expect(['accepted', 'rejected']).toContain(report.status);
      expect(report.errors.every((issue) => typeof issue.message === 'string' && issue.message.length > 0)).toBe(true);
    }
    expect(codesOf((await validateFile(good, 'workforce')).report)).toEqual([]);
  });
});
