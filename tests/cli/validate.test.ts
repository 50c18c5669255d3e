import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workforceCsv } from '../helpers.ts';

const workforce = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/workforce.mjs', ...args], { encoding: 'utf8' });
const LANDING = 'sample-data/landing/riverside-council/workforce/2026-09-30/workforce.csv';
const BROKEN = 'sample-data/broken/riverside-youth-trust/workforce/2026-09-30/unknown-codes.csv';

describe('Command: workforce validate', () => {
  it('accepts a good file with exit 0, taking dataset and period from its path', () => {
    const result = workforce('validate', LANDING);

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ACCEPTED: workforce\.csv as workforce for period 2026-09-30/);
  });

  it('rejects a broken file with exit 1 and a summary naming the row, the column and the fix', () => {
    const result = workforce('validate', BROKEN);

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('CODE_UNKNOWN');
    expect(result.stdout).toContain("row 3, sector: 'socail_care' is not a sector code. Did you mean 'social_care'?");
    expect(result.stdout).toContain('How to fix:');
  });

  it('prints only the report with --json', () => {
    const result = workforce('validate', BROKEN, '--json');
    const report = JSON.parse(result.stdout);

    expect(result.status).toBe(1);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['status', 'dataset', 'period', 'rows', 'errors', 'warnings']),
    );
    expect(report.errors[0]).toEqual({
      code: 'CODE_UNKNOWN',
      severity: 'error',
      row: 3,
      column: 'sector',
      value: 'socail_care',
      message: expect.any(String),
    });
  });

  it('applies the file limits of the Trust config', () => {
    const folder = mkdtempSync(join(tmpdir(), 'workforce-'));
    const config = {
      trust: 'T',
      communityAreas: ['E06000035'],
      baselinePeriod: '2024-09-30',
      partners: [{ id: 'p', name: 'P' }],
      limits: { maxRows: 2 },
    };
    writeFileSync(join(folder, 'trust.config.json'), JSON.stringify(config));
    writeFileSync(join(folder, 'staff.csv'), workforceCsv({}, 3));

    const result = workforce(
      'validate',
      join(folder, 'staff.csv'),
      '--dataset',
      'workforce',
      '--config',
      join(folder, 'trust.config.json'),
      '--json',
    );

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).errors[0].code).toBe('FILE_TOO_MANY_ROWS');
  });

  it("checks the period against the Trust's collection dates, as the pipeline will, and says which are open", () => {
    const result = workforce(
      'validate',
      LANDING,
      '--period',
      '2026-06-30',
      '--config',
      'sample-data/trust.config.json',
      '--json',
    );

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).errors[0]).toMatchObject({
      code: 'PERIOD_NOT_COLLECTED',
      message: expect.stringContaining('open for upload are 2024-09-30, 2025-09-30'),
    });
  });

  it.each([
    [['validate'], 'Give exactly one file'],
    [['validate', 'staff.csv'], '--dataset'],
    [['validate', LANDING, '--dataset', 'staff'], "'staff' is not a dataset"],
    [['validate', 'no-such-file.csv', '--dataset', 'workforce'], 'Cannot read no-such-file.csv'],
    [['validate', LANDING, '--config', 'no-such-config.json'], 'Cannot read the Trust config'],
    [['validate', LANDING, '--colour'], "'workforce validate' has no option --colour"],
    [['frobnicate'], "Unknown command 'frobnicate'"],
  ])('exits 2 with what to do for a usage or I/O error: %j', (args, message) => {
    const result = workforce(...args);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
