import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../lake-helpers.ts';
import { workforceCsv } from '../helpers.ts';

const workforce = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/workforce.mjs', ...args], { encoding: 'utf8' });

describe('Commands: workforce run and workforce query', () => {
  const out = temporaryFolder();
  const landing = join(out, 'landing');
  const config = join(out, 'trust.config.json');
  let run: ReturnType<typeof workforce>;

  beforeAll(() => {
    const place = (path: string, text: string) => {
      mkdirSync(join(landing, path, '..'), { recursive: true });
      writeFileSync(join(landing, path), text);
    };
    place('alpha/workforce/2025-09-30/staff.csv', workforceCsv({ 0: { role_title: '=1+2' } }, 12));
    place('beta/workforce/2025-09-30/staff.csv', workforceCsv({ 1: { sector: 'nope' } }, 8));
    place('beta/staff.csv', workforceCsv({}, 2));
    place('README.md', '# Files for the Trust\n');
    place('manifest.json', '{}');
    place('alpha/workforce/2025-09-30/~$staff.csv', 'lock');
    place('alpha/workforce/2025-09-30/notes.txt', 'sent on Monday');
    writeFileSync(
      config,
      JSON.stringify({
        trust: 'Test Trust',
        communityAreas: ['E06000035'],
        baselinePeriod: '2025-09-30',
        partners: [
          { id: 'alpha', name: 'Alpha' },
          { id: 'beta', name: 'Beta' },
        ],
      }),
    );
    run = workforce('run', landing, '--config', config, '--out', join(out, 'result'));
  });

  it('runs the pipeline, showing each file and the outcome per partner, and exits 0 even with rejections', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/accepted\s+alpha\/workforce\/2025-09-30\/staff\.csv/);
    expect(run.stdout).toMatch(/rejected\s+beta\/workforce\/2025-09-30\/staff\.csv/);
    expect(run.stdout).toMatch(/rejected\s+beta\/staff\.csv/);
    expect(run.stdout).toMatch(/alpha\s+1\s+0\s+0/);
    expect(run.stdout).toMatch(/beta\s+0\s+2\s+0/);
    expect(existsSync(join(out, 'result', 'lake', 'workforce_by_type', 'period=2025-09-30', 'alpha.parquet'))).toBe(
      true,
    );
    expect(existsSync(join(out, 'result', 'validation', 'beta', 'workforce', '2025-09-30'))).toBe(true);
  });

  it('leaves out files that are not partner CSVs, and says which', () => {
    expect(run.stdout).toContain('Left out 4 files that are not partner CSV files:');
    expect(run.stdout).toContain('  README.md (not a CSV file)');
    expect(run.stdout).toContain('  manifest.json (not a CSV file)');
    expect(run.stdout).toContain('  alpha/workforce/2025-09-30/~$staff.csv (an Excel lock file)');
    expect(run.stdout).toContain('  alpha/workforce/2025-09-30/notes.txt (not a CSV file)');
    expect(run.stdout).not.toMatch(/^(README\.md|manifest\.json)\s/m);
    expect(run.stdout).toMatch(/^3 files processed/m);
  });

  it('answers SQL as JSON with numbers as numbers and dates as YYYY-MM-DD', () => {
    const result = workforce(
      'query',
      'SELECT period, partner_id, CAST(sum(headcount) AS BIGINT) AS people, sum(fte) AS fte FROM workforce_by_type GROUP BY ALL',
      '--lake',
      join(out, 'result', 'lake'),
      '--format',
      'json',
    );

    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ period: '2025-09-30', partner_id: 'alpha', people: 12, fte: 12 }]);
  });

  it('answers as CSV that a spreadsheet will not run, and as a table', () => {
    const csv = workforce(
      'query',
      "SELECT '=1+2' AS title, 5 AS n",
      '--lake',
      join(out, 'result', 'lake'),
      '--format',
      'csv',
    );
    const table = workforce(
      'query',
      'SELECT dataset, latest_status FROM data_quality ORDER BY ALL',
      '--lake',
      join(out, 'result', 'lake'),
    );

    expect(csv.stdout.trim()).toBe("title,n\n'=1+2,5");
    expect(table.stdout).toMatch(/workforce\s+rejected/);
    expect(table.stdout).toContain('(6 rows)');
  });

  it('uploads one more file to the local stack, processes it, and refuses a partner the Trust does not know', () => {
    const file = join(out, 'alpha-2026.csv');
    writeFileSync(file, workforceCsv({}, 9));

    const result = workforce(
      'upload',
      file,
      '--partner',
      'alpha',
      '--dataset',
      'workforce',
      '--period',
      '2026-09-30',
      '--out',
      join(out, 'result'),
      '--config',
      config,
    );
    const stranger = workforce(
      'upload',
      file,
      '--partner',
      'gamma',
      '--dataset',
      'workforce',
      '--period',
      '2026-09-30',
      '--out',
      join(out, 'result'),
      '--config',
      config,
    );
    const people = workforce(
      'query',
      "SELECT CAST(sum(headcount) AS BIGINT) AS n FROM workforce_by_type WHERE period = DATE '2026-09-30'",
      '--lake',
      join(out, 'result', 'lake'),
      '--format',
      'json',
    );

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('as uploads/alpha/workforce/2026-09-30/alpha-2026.csv: accepted');
    expect(result.stdout).toMatch(/Needs-analysis report: .*2026-09-30\/needs-analysis\.html/);
    expect(JSON.parse(people.stdout)).toEqual([{ n: 9 }]);
    expect(stranger.status).toBe(2);
    expect(stranger.stderr).toContain("'gamma' is not a partner the Trust has configured");
  });

  it("exits 1 with the engine's message on a SQL error, and 2 when there is no lake", () => {
    const bad = workforce('query', 'SELECT nothing FROM nowhere', '--lake', join(out, 'result', 'lake'));
    const noLake = workforce('query', 'SELECT 1', '--lake', join(out, 'missing'), '--config', config);

    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/nowhere/);
    expect(noLake.status).toBe(2);
    expect(noLake.stderr).toContain("run 'workforce run <landing-dir>' first");
  });
});
