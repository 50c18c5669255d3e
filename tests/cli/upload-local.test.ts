import { spawnSync } from 'node:child_process';
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
});
