// `npm run demo`: validates every sample partner file, then every broken one, as partners would.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDatasetName } from '../transforms/contract/datasets/registry.ts';
import { validateCsv } from '../transforms/validation/validate.ts';
import type { ValidationReport } from '../transforms/validation/report.ts';

const filesUnder = (folder: string): string[] =>
  readdirSync(folder)
    .sort()
    .flatMap((name) => (statSync(join(folder, name)).isDirectory() ? filesUnder(join(folder, name)) : [join(folder, name)]));

async function validateLanding(root: string): Promise<{ path: string; partner: string; report: ValidationReport }[]> {
  const results = [];
  for (const path of filesUnder(root).filter((p) => p.endsWith('.csv'))) {
    const [partner, dataset, period] = relative(root, path).split('/');
    if (!partner || !dataset || !period || !isDatasetName(dataset)) continue;
    results.push({ path, partner, report: await validateCsv(createReadStream(path), { dataset, period }) });
  }
  return results;
}

const pad = (text: string | number, width: number) => String(text).padEnd(width);
const started = performance.now();

console.log('Validating the sample Trust\'s partner files (sample-data/landing)…\n');
const landing = await validateLanding('sample-data/landing');
console.log(`${pad('partner', 28)}${pad('files', 7)}${pad('accepted', 10)}${pad('rejected', 10)}${pad('rows', 9)}warnings`);
for (const partner of [...new Set(landing.map((r) => r.partner))]) {
  const mine = landing.filter((r) => r.partner === partner);
  const count = (f: (r: ValidationReport) => number) => mine.reduce((sum, r) => sum + f(r.report), 0);
  console.log(
    `${pad(partner, 28)}${pad(mine.length, 7)}${pad(count((r) => Number(r.status === 'accepted')), 10)}${pad(count((r) => Number(r.status === 'rejected')), 10)}${pad(count((r) => r.rows.read).toLocaleString('en-GB'), 9)}${count((r) => r.warnings.length)}`,
  );
}

console.log('\nValidating one broken file for each class of error (sample-data/broken)…\n');
for (const { path, report } of await validateLanding('sample-data/broken')) {
  const first = report.errors[0];
  console.log(`${pad(report.status.toUpperCase(), 10)}${pad(relative('sample-data/broken', path), 82)}${first ? `${first.code}${first.row === null ? '' : ` row ${first.row}`}` : ''}`);
}
const rows = landing.reduce((sum, r) => sum + r.report.rows.read, 0);
console.log(`\n${landing.length} sample files (${rows.toLocaleString('en-GB')} rows) checked in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
console.log('See why a file was rejected:  npx workforce validate sample-data/broken/riverside-youth-trust/workforce/2026-09-30/unknown-codes.csv');
