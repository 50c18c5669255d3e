import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from '../lake-helpers.ts';

const BROKEN = 'sample-data/broken/riverside-youth-trust/workforce/2026-09-30/unknown-codes.csv';
const workforce = (...args: string[]) => spawnSync('node', ['cli/workforce.mjs', ...args], { encoding: 'utf8' });

describe('workforce upload to the local stack', () => {
  it('checks the same rejected file again when it is sent again, and prints its report each time', () => {
    const data = temporaryFolder('upload-');
    const send = () =>
      workforce(
        'upload',
        BROKEN,
        '--partner',
        'riverside-youth-trust',
        '--dataset',
        'workforce',
        '--period',
        '2026-09-30',
        '--data',
        data,
        '--config',
        'sample-data/trust.config.json',
      );

    const first = send();
    const second = send();

    for (const result of [first, second]) {
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('unknown-codes.csv: rejected.');
      expect(result.stdout).toContain("row 3, sector: 'socail_care' is not a sector code.");
      expect(result.stdout).toMatch(
        new RegExp(
          `This report: ${join(data, 'validation/riverside-youth-trust/workforce/2026-09-30/')}[0-9a-f]{24}\\.txt`,
        ),
      );
    }
    expect(first.stdout.match(/This report: (\S+)/)?.[1]).not.toBe(second.stdout.match(/This report: (\S+)/)?.[1]);
  });

  const GOOD = 'sample-data/landing/riverside-council/workforce/2026-09-30/workforce.csv';
  const asPartner = (data: string, dataset: string, period: string) =>
    workforce(
      'upload',
      GOOD,
      '--partner',
      'riverside-council',
      '--dataset',
      dataset,
      '--period',
      period,
      '--data',
      data,
      '--config',
      'sample-data/trust.config.json',
    );

  it.each([
    [
      'community_profile',
      '2026-09-30',
      /'community_profile' is the Trust's own data, uploaded by the Trust, not by a partner/,
    ],
    [
      'workforce',
      '2026-10-31',
      /2026-10-31 is not one of the Trust's collection dates\. The periods open for upload are/,
    ],
    ['workforce', '2099-09-30', /The period 2099-09-30 is after today .*The periods open for upload are/],
  ])('refuses a partner upload of %s for %s, saying why, and stores nothing', (dataset, period, message) => {
    const data = temporaryFolder('upload-');
    const result = asPartner(data, dataset, period);

    expect(result.status).toBe(2);
    expect(result.stderr + result.stdout).toMatch(message);
    // Refused before anything is stored: the data folder is as it was, empty.
    expect(readdirSync(data)).toEqual([]);
  });
});
