// The ingest row's reference: the ingest's work in DuckDB, one thread (bench/duckdb-ingest.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbIngest } from './duckdb-ingest.ts';

const [file, outDir, period] = process.argv.slice(2) as [string, string, string];
mkdirSync(outDir, { recursive: true });
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const db = await instance.connect();
const checks = await duckdbIngest(db, {
  file,
  period,
  partnerId: 'bench-partner',
  target: (table) => join(outDir, `${table}.parquet`),
});
const seconds = (performance.now() - started) / 1000;
db.closeSync();
instance.closeSync();
console.log(
  JSON.stringify({ seconds, rows: Number(checks.rows), checks, peakRssBytes: process.resourceUsage().maxRSS * 1024 }),
);
