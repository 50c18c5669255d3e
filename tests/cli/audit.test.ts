import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../lake-helpers.ts';
import { workforceCsv } from '../helpers.ts';

const workforce = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/workforce.mjs', ...args], { encoding: 'utf8' });

describe('Command: workforce audit', () => {
  const out = temporaryFolder();
  const config = join(out, 'trust.config.json');
  const lake = join(out, 'result', 'lake');
  let reportDir: string;

  beforeAll(() => {
    const landing = join(out, 'landing');
    const place = (path: string, text: string) => {
      mkdirSync(join(landing, path, '..'), { recursive: true });
      writeFileSync(join(landing, path), text);
    };
    // A small Trust: three Indian staff among thirty, two personal advisers among twenty.
    place(
      'alpha/workforce/2025-09-30/staff.csv',
      workforceCsv(
        { 0: { ethnicity: 'asian_indian' }, 1: { ethnicity: 'asian_indian' }, 2: { ethnicity: 'asian_indian' } },
        30,
      ),
    );
    place(
      'beta/workforce/2025-09-30/staff.csv',
      workforceCsv(
        { 0: { role: 'personal_adviser', staff_ref: 'B1' }, 1: { role: 'personal_adviser', staff_ref: 'B2' } },
        20,
      ).replaceAll('RC', 'BB'),
    );
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
    expect(workforce('run', landing, '--config', config, '--out', join(out, 'result')).status).toBe(0);
    reportDir = join(out, 'result', 'reports', '2025-09-30');
  }, 120_000);

  it('finds every withheld count protected, printing the range each could lie in', () => {
    const result = workforce('audit', reportDir, '--lake', lake, '--config', config);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/withheld counts, every one protected/);
    expect(result.stdout).toMatch(
      /diversity-ethnicity · Asian, Asian British or Asian Welsh: Indian · People\s+0 to \d+\s+protected/,
    );
  });

  it('exits 1 and names the counts an attacker could pin when the protection falls short', () => {
    // The same tables held to a higher threshold: some withheld counts cannot reach it.
    const strict = join(out, 'strict');
    mkdirSync(strict);
    for (const file of readdirSync(reportDir)) writeFileSync(join(strict, file), readFileSync(join(reportDir, file)));
    const json = JSON.parse(readFileSync(join(strict, 'needs-analysis.json'), 'utf8'));
    writeFileSync(join(strict, 'needs-analysis.json'), JSON.stringify({ ...json, suppressionThreshold: 60 }));

    const result = workforce('audit', strict, '--lake', lake, '--config', config);

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/NOT protected/);
    expect(result.stdout).toMatch(/BREACH: could be worked out/);
  });

  it('exits 1 when a CSV says something the JSON does not', () => {
    const edited = join(out, 'edited');
    mkdirSync(edited);
    for (const file of readdirSync(reportDir)) writeFileSync(join(edited, file), readFileSync(join(reportDir, file)));
    const csv = readFileSync(join(edited, 'diversity-ethnicity.csv'), 'utf8');
    writeFileSync(join(edited, 'diversity-ethnicity.csv'), csv.replace('[c]', '3'));

    const result = workforce('audit', edited, '--lake', lake, '--config', config, '--json');

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).disagreements).toEqual(['diversity-ethnicity.csv differs from the JSON.']);
  });
});
