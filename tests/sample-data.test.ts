import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDatasetName } from '../transforms/contract/datasets/registry.ts';
import { parseTrustConfig } from '../transforms/config/trust-config.ts';
import { validateCsv } from '../transforms/validation/validate.ts';
import { LANDING_REJECTED, sampleDataFiles } from '../sample-data/generator/sample-files.ts';
import { TODAY } from './helpers.ts';

const ROOT = 'sample-data';
const generated = sampleDataFiles();

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(ROOT, path)];
  });
}

/** partner/dataset/period of a path laid out as uploads are. */
function layout(path: string) {
  const [, partner, dataset, period] = path.split('/');
  if (!dataset || !isDatasetName(dataset))
    throw new Error(`${path} is not laid out <partner>/<dataset>/<period>/<file>.csv`);
  return { partner: partner as string, dataset, period: period as string };
}

async function validatePath(path: string) {
  const { dataset, period } = layout(path);
  return validateCsv(createReadStream(join(ROOT, path)), { dataset, period, today: TODAY });
}

describe('Sample data', () => {
  it('is exactly what the seeded generator writes (run `npm run generate` after changing it)', () => {
    const onDisk = [
      ...filesUnder(join(ROOT, 'landing')),
      ...filesUnder(join(ROOT, 'broken')),
      'trust.config.json',
    ].sort();

    expect(onDisk).toEqual([...generated.keys()].sort());
    for (const [path, bytes] of generated)
      expect(Buffer.compare(readFileSync(join(ROOT, path)), Buffer.from(bytes)), path).toBe(0);
  });

  it('describes a Trust of 8–10 partners across sectors and employer types, over three periods, with a valid config', async () => {
    const config = parseTrustConfig(JSON.parse(readFileSync(join(ROOT, 'trust.config.json'), 'utf8')));
    const landing = [...generated.keys()].filter((path) => path.startsWith('landing/')).map(layout);
    const rows: { sector: string; employer_type: string }[] = [];
    for (const path of [...generated.keys()].filter((p) => p.startsWith('landing/') && p.includes('/workforce/'))) {
      await validateCsv(createReadStream(join(ROOT, path)), {
        dataset: 'workforce',
        onRows: (batch) => rows.push(...batch),
      });
    }

    expect(config.partners.length).toBeGreaterThanOrEqual(8);
    expect(config.partners.length).toBeLessThanOrEqual(10);
    expect(new Set(landing.map((f) => f.partner))).toEqual(new Set(config.partners.map((p) => p.id)));
    expect(new Set(landing.map((f) => f.period)).size).toBe(3);
    expect(rows.length).toBeGreaterThan(5000);
    expect(new Set(rows.map((r) => r.employer_type))).toEqual(new Set(['statutory', 'voluntary', 'private']));
    expect(new Set(rows.map((r) => r.sector)).size).toBeGreaterThanOrEqual(6);
  });

  it('is accepted, every file of it but the one a partner got wrong, which is rejected for what it names', async () => {
    const landing = [...generated.keys()].filter((path) => path.startsWith('landing/'));
    const rejected = new Map<string, (typeof LANDING_REJECTED)[number]>(LANDING_REJECTED.map((r) => [r.path, r]));
    expect(landing).toEqual(expect.arrayContaining([...rejected.keys()]));
    for (const path of landing) {
      const report = await validatePath(path);
      const spoilt = rejected.get(path);
      if (spoilt) {
        expect(report.status, path).toBe('rejected');
        for (const issue of spoilt.expect) expect(report.errors).toContainEqual(expect.objectContaining(issue));
        continue;
      }
      expect(report.errors, path).toEqual([]);
      expect(report.status).toBe('accepted');
    }
  });

  const manifest: { path: string; expect: { code: string; row: number | null }[] }[] = JSON.parse(
    readFileSync(join(ROOT, 'broken/manifest.json'), 'utf8'),
  );

  it.each(manifest.map((entry) => [entry.path, entry] as const))(
    'rejects %s with the issues its manifest names',
    async (path, entry) => {
      const report = await validatePath(path);

      expect(report.status).toBe('rejected');
      for (const expected of entry.expect) expect(report.errors).toContainEqual(expect.objectContaining(expected));
    },
  );
});
