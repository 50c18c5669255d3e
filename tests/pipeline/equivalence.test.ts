import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { submissionTransform } from '../../transforms/aggregate/submission-tables.ts';
import { isDatasetName } from '../../transforms/contract/datasets/registry.ts';
import { validateCsv } from '../../transforms/validation/validate.ts';
import { referenceSubmissionTransform } from '../support/reference-transforms.ts';
import { TODAY } from '../helpers.ts';

const filesUnder = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) =>
    statSync(join(folder, name)).isDirectory() ? filesUnder(join(folder, name)) : [join(folder, name)],
  );

const files = [...filesUnder('sample-data/landing'), ...filesUnder('sample-data/broken')].filter((f) =>
  f.endsWith('.csv'),
);

/** Rows of a table, sorted, numbers to 9 decimal places: the order of additions moves the last bits. */
const canonical = (objects: object[]) =>
  objects
    .map((row) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(row)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v]),
        ),
      ),
    )
    .sort();

describe('The fast ingest path gives exactly what the straightforward one gives', () => {
  it.each(files.map((file) => [relative('sample-data', file), file] as const))('%s', async (_, file) => {
    const [, , dataset, period] = relative('sample-data', file).split('/');
    if (!dataset || !period || !isDatasetName(dataset)) throw new Error(file);
    const fast = submissionTransform(dataset, { partnerId: 'p', period });
    const slow = referenceSubmissionTransform(dataset, { partnerId: 'p', period });

    const report = await validateCsv(createReadStream(file, { highWaterMark: 4096 }), {
      dataset,
      period,
      today: TODAY,
      onRow: (row, valueIds) => fast.add(row, valueIds),
    });
    const reference = await validateCsv(createReadStream(file), {
      dataset,
      period,
      today: TODAY,
      exhaustive: true,
      onRows: (rows) => slow.add(rows),
    });

    expect(report).toEqual(reference);
    if (report.status !== 'accepted') return;
    const ours = fast.finish();
    const theirs = slow.finish();
    expect(ours.map((o) => [o.table.name, o.fileName])).toEqual(theirs.map((o) => [o.table.name, o.fileName]));
    ours.forEach((output, i) => {
      const names = output.table.columns.map((c) => c.name);
      expect(canonical(output.data.select(names).objects())).toEqual(
        canonical((theirs[i] as typeof output).data.select(names).objects()),
      );
    });
  });
});
