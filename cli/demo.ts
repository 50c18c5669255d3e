// `npm run demo`: the pipeline on the sample Trust, then the headline figures from its lake.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDbLake } from '../functions/local/duckdb-lake.ts';
import { parseTrustConfig } from '../transforms/config/trust-config.ts';
import { demoFigures } from './demo-figures.ts';
import { DEMO_LAKE } from './lake.ts';
import { main } from './main.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
// The demo keeps to out/demo, apart from out/ where 'workforce run' writes by default, so that the
// sample Trust never mixes with a Trust's own data; it says so, and how to point the commands at it.
const OUT = dirname(DEMO_LAKE);

const status = await main(['run', 'sample-data/landing', '--config', CONFIG_FILE, '--out', OUT]);
if (status !== 0) process.exit(status);

const config = parseTrustConfig(JSON.parse(readFileSync(CONFIG_FILE, 'utf8')));
const lake = await DuckDbLake.open(DEMO_LAKE, config);
const { period, lines } = await demoFigures(lake, config);
lake.close();
for (const line of lines) console.log(line);

console.log(
  `\nThe needs-analysis report: ${join(OUT, 'reports', period, 'needs-analysis.html')} (and its CSV extracts beside it)`,
);
console.log(`\nThe demo wrote everything under ${OUT}/ (the lake in ${DEMO_LAKE}), not in out/ where
'workforce run' writes by default: give --lake ${DEMO_LAKE} to query it or report on it.
Ask the lake anything, for example:
  npx workforce query "SELECT * FROM data_quality WHERE latest_status <> 'accepted'" --lake ${DEMO_LAKE}
See why a broken file is rejected:
  npx workforce validate sample-data/broken/riverside-youth-trust/workforce/2026-09-30/unknown-codes.csv`);
