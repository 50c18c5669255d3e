// The whole run's reference: what `workforce run` does, done by DuckDB with one thread in its own
// process. The ingest's work (read the CSV as text, check every column, cast, group, write the
// three tables as Parquet into the lake's folders: bench/duckdb-ingest.ts), then the report's
// queries, every one, over the lake's views (the views' own SQL, as the report runs them). It does
// not write the versioned store, the validation report or the report's pages: less work than ours.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbLake } from '../functions/local/duckdb-lake.ts';
import { parseTrustConfig } from '../transforms/config/trust-config.ts';
import { REPORT_QUERIES, type ReportQueryName } from '../transforms/report/queries.ts';
import { duckdbIngest } from './duckdb-ingest.ts';

const [file, lakeDir, period, configFile, partnerId] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const db = await instance.connect();
const checks = await duckdbIngest(db, {
  file,
  period,
  partnerId,
  target: (table) => {
    const folder = join(lakeDir, table, `period=${period}`);
    mkdirSync(folder, { recursive: true });
    return join(folder, `${partnerId}.parquet`);
  },
});
db.closeSync();
instance.closeSync();

const config = parseTrustConfig(JSON.parse(readFileSync(configFile, 'utf8')));
const lake = await DuckDbLake.open(lakeDir, config);
let reportRows = 0;
for (const name of Object.keys(REPORT_QUERIES) as ReportQueryName[]) {
  const sql = REPORT_QUERIES[name].sql;
  reportRows += (await lake.query(sql, sql.includes('?') ? [period] : [])).rows.length;
}
lake.close();
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    seconds,
    rows: Number(checks.rows),
    checks,
    reportRows,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
