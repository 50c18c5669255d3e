// One timed run of the ingest path, as the function runs it: stream the file, validate, transform, write Parquet.
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { submissionTransform } from '../transforms/aggregate/submission-tables.ts';
import { toParquet } from '../transforms/tables/parquet.ts';
import { validateCsv } from '../transforms/validation/validate.ts';

const [file, outDir, period] = process.argv.slice(2) as [string, string, string];
mkdirSync(outDir, { recursive: true });
const started = performance.now();
const transform = submissionTransform('workforce', { partnerId: 'bench-partner', period });
const report = await validateCsv(createReadStream(file, { highWaterMark: 256 * 1024 }), {
  dataset: 'workforce',
  period,
  today: '2026-11-22',
  onRow: (row, valueIds) => transform.add(row, valueIds),
});
let outputRows = 0;
if (report.status === 'accepted') {
  for (const output of transform.finish()) {
    outputRows += output.data.numRows();
    writeFileSync(join(outDir, `${output.table.name}.parquet`), toParquet(output.data, output.table));
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    seconds,
    rows: report.rows.read,
    status: report.status,
    errors: report.errors.length,
    warnings: report.issueCounts,
    outputRows,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
