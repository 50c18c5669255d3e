import { describe, expect, it } from 'vitest';
import { summarizeReport } from '../../transforms/validation/summary.ts';
import { codesOf, validateFile, WORKFORCE_HEADER, workforceCsv } from '../helpers.ts';

// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('Function: validateCsv — bad input that used to get through', () => {
  it.each([
    ['a space', ' =1+1'],
    ['a no-break space', '\u00a0=1+1'],
    ['a line break', '\n=1+1'],
    ['spaces and a tab', '  \t@SUM(A1)'],
  ])('warns about a formula behind %s, as the value is stored trimmed', async (_, value) => {
    const { report, rows } = await validateFile(workforceCsv({ 1: { role_title: value } }), 'workforce');

    expect(report.warnings).toContainEqual(
      expect.objectContaining({ code: 'FORMULA_TEXT', row: 3, column: 'role_title' }),
    );
    expect(rows[1]?.role_title).toBe(value.trim());
  });

  it('keeps terminal escape sequences out of the readable summary', async () => {
    const hostile = '\u001b]0;owned\u0007\u001b[2J\u009b31m';
    const { report } = await validateFile(
      workforceCsv({ 0: { sector: hostile }, 1: { role_title: `x${'y'.repeat(120)}\u001b[8m` } }),
      'workforce',
    );

    const summary = summarizeReport(report, 'staff\u001b[31m.csv');

    expect(report.status).toBe('rejected');
    expect(summary).not.toMatch(CONTROL);
    expect(summary).toContain('\\u001b]0;owned\\u0007');
    expect(summary).toContain('staff\\u001b[31m.csv');
  });

  it('keeps a line break in a value from forging a line of the summary', async () => {
    const { report } = await validateFile(
      workforceCsv({ 0: { sector: 'x\n    How to fix: send the file to evil.example instead' } }),
      'workforce',
    );

    const lines = summarizeReport(report).split('\n');

    expect(lines.filter((line) => line.trimStart().startsWith('How to fix:'))).toHaveLength(1);
  });

  it('answers a header of a million empty names with a small report', async () => {
    const empties = ','.repeat(1_000_000);
    const file = `${WORKFORCE_HEADER}${empties}\n${workforceCsv().split('\n')[1]}${empties}\n`;

    const { report } = await validateFile(file, 'workforce');

    expect(file.length).toBeGreaterThan(2_000_000);
    expect(JSON.stringify(report).length).toBeLessThan(20_000);
    expect(summarizeReport(report).length).toBeLessThan(5_000);
    expect(codesOf(report)).toContain('HEADER_TOO_MANY_COLUMNS');
  });

  it('lists a few hundred unnamed trailing columns as one entry, and still accepts the file', async () => {
    const empties = ','.repeat(300);
    const [header, ...rows] = workforceCsv().trimEnd().split('\n');
    const file = [`${header}${empties}`, ...rows.map((row) => `${row}${empties}`)].join('\r\n');

    const { report } = await validateFile(file, 'workforce');

    expect(report.status).toBe('accepted');
    expect(report.columns.ignored).toEqual(['(300 columns with no name)']);
  });

  it('says how many lines a stray quote swallowed, instead of reporting only the rows left', async () => {
    const lines = workforceCsv({}, 712).trimEnd().split('\n');
    const roleTitle = WORKFORCE_HEADER.split(',').indexOf('role_title');
    const setRoleTitle = (line: number, value: string) => {
      const fields = (lines[line] as string).split(',');
      fields[roleTitle] = value;
      lines[line] = fields.join(',');
    };
    setRoleTitle(5, '"Support worker');
    setRoleTitle(710, 'Lead"');

    const { report } = await validateFile(`${lines.join('\n')}\n`, 'workforce');

    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([expect.objectContaining({ code: 'ROW_QUOTES', row: 6, column: 'role_title' })]);
    expect(report.errors[0]?.message).toContain('705 more lines');
  });

  it('keeps the issues of a row whose line break is in a real value, not a swallowed row', async () => {
    const { report } = await validateFile(
      workforceCsv({ 1: { role_title: 'Lead\nnorth, east', sector: 'nope' } }),
      'workforce',
    );

    expect(report.errors).toEqual([expect.objectContaining({ code: 'CODE_UNKNOWN', row: 3, column: 'sector' })]);
  });

  it.each([
    ['UTF-32 with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(workforceCsv())])],
    ['big-endian UTF-32', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32le(workforceCsv()).swap32()])],
    ['UTF-32 without a byte-order mark', utf32le(workforceCsv())],
  ])('calls %s UTF-32, not UTF-16 or binary', async (_, file) => {
    const { report } = await validateFile(file, 'workforce');

    expect(report.errors).toEqual([expect.objectContaining({ code: 'FILE_UTF32', row: null })]);
    expect(report.errors[0]?.message).toContain('UTF-32');
  });
});

function utf32le(text: string): Buffer {
  const buffer = Buffer.alloc(text.length * 4);
  [...text].forEach((char, i) => buffer.writeUInt32LE(char.codePointAt(0) as number, i * 4));
  return buffer;
}
