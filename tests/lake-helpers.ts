import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as aq from 'arquero';
import type { TrustConfig } from '../transforms/config/trust-config.ts';
import { lakeKey, type TableDefinition } from '../transforms/tables/definitions.ts';
import { toParquet } from '../transforms/tables/parquet.ts';

/** The sample Trust's config, as a file. */
export const SAMPLE_CONFIG_FILE = 'sample-data/trust.config.json';

type TestSettings = Pick<TrustConfig, 'communityAreas' | 'partners' | 'suppressionThreshold' | 'baselinePeriod'>;

export const TEST_SETTINGS: TestSettings = {
  communityAreas: ['E06000035'],
  baselinePeriod: '2024-09-30',
  partners: [
    { id: 'partner-a', name: 'Partner A' },
    { id: 'partner-b', name: 'Partner B' },
  ],
  suppressionThreshold: 5,
};

export function temporaryFolder(prefix = 'workforce-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes rows as one Parquet file of a table, where the pipeline would put it, under outDir/lake. */
export function writeLakeFile(
  outDir: string,
  table: TableDefinition,
  period: string,
  fileName: string,
  rows: readonly Record<string, unknown>[],
): void {
  const path = join(outDir, lakeKey(table, period, fileName));
  mkdirSync(dirname(path), { recursive: true });
  const columns = Object.fromEntries(table.columns.map((c) => [c.name, rows.map((row) => row[c.name] ?? null)]));
  writeFileSync(path, toParquet(aq.table(columns), table));
}
