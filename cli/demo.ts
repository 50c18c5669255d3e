// `npm run demo`: the pipeline on the sample Trust, then the headline figures from its lake.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDbLake, type JsonValue } from '../functions/local/duckdb-lake.ts';
import { parseTrustConfig } from '../transforms/config/trust-config.ts';
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
const query = async (sql: string) => (await lake.query(sql)).rows;
const pct = (value: JsonValue | undefined) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '–');
const points = (now: JsonValue | undefined, then: JsonValue | undefined) =>
  typeof now === 'number' && typeof then === 'number' ? `${now - then >= 0 ? '+' : ''}${(now - then).toFixed(1)}` : '–';

const [latest] = await query(`SELECT strftime(max(period), '%Y-%m-%d') AS period FROM recruitment_rates`);
const period = latest?.period as string;
const trustWide = await query(`SELECT strftime(period, '%Y-%m-%d') AS period, * EXCLUDE (period) FROM recruitment_rates WHERE partner_id = 'ALL' AND sector = 'ALL' AND role = 'ALL' ORDER BY period`);
const now = trustWide.find((r) => r.period === period);
const baseline = trustWide.find((r) => r.period === config.baselinePeriod);

console.log(`\n${config.trust} — headline figures for ${period} (change since the ${config.baselinePeriod} baseline, in points)\n`);
const headline: [string, string][] = [
  ['Turnover (leavers FTE / employees FTE)', 'turnover_rate'],
  ['Vacancy rate', 'vacancy_rate'],
  ['Agency rate', 'agency_rate'],
  ['Hard-to-fill share of vacancies', 'hard_to_fill_rate'],
  ['Replacement demand (employees aged 55+)', 'replacement_demand_rate'],
  ['Qualification gap', 'qualification_gap_rate'],
  ['Sickness absence', 'absence_rate'],
];
console.log(`  Employees ${now?.employees_headcount} (${Number(now?.employees_fte).toFixed(0)} FTE), agency workers ${now?.agency_headcount}, vacancies ${Number(now?.vacancies_fte).toFixed(1)} FTE`);
for (const [label, column] of headline) console.log(`  ${label.padEnd(44)}${pct(now?.[column]).padStart(7)}   ${points(now?.[column], baseline?.[column]).padStart(5)}`);

console.log('\nRoles under most pressure (vacancy rate; roles with at least 10 employees)\n');
const roles = await query(
  `SELECT role, employees_headcount, vacancy_rate, turnover_rate, agency_rate, hard_to_fill_rate FROM recruitment_rates
   WHERE period = DATE '${period}' AND partner_id = 'ALL' AND sector = 'ALL' AND role <> 'ALL' AND employees_headcount >= 10
   ORDER BY vacancy_rate DESC NULLS LAST LIMIT 5`,
);
console.log(`  ${'role'.padEnd(28)}${'employees'.padStart(10)}${'vacancy'.padStart(9)}${'turnover'.padStart(10)}${'agency'.padStart(8)}${'hard to fill'.padStart(14)}`);
for (const r of roles) {
  console.log(`  ${String(r.role).padEnd(28)}${String(r.employees_headcount).padStart(10)}${pct(r.vacancy_rate).padStart(9)}${pct(r.turnover_rate).padStart(10)}${pct(r.agency_rate).padStart(8)}${pct(r.hard_to_fill_rate).padStart(14)}`);
}

console.log(`\nThe workforce against the community (${config.communityAreas.join(', ')}, Census 2021), by ethnic group\n`);
const diversity = await query(
  `SELECT category, workforce_headcount, workforce_share, share_ci_low, share_ci_high, community_share, representation_ratio, assessment
   FROM diversity_vs_community WHERE period = DATE '${period}' AND partner_id = 'ALL' AND dimension = 'ethnic_group' AND workforce_share IS NOT NULL ORDER BY category`,
);
console.log(`  ${'group'.padEnd(10)}${'people'.padStart(8)}${'workforce'.padStart(11)}${'95% interval'.padStart(17)}${'community'.padStart(11)}${'ratio'.padStart(7)}  assessment`);
for (const r of diversity) {
  const interval = `${Number(r.share_ci_low).toFixed(1)}–${Number(r.share_ci_high).toFixed(1)}%`;
  console.log(
    `  ${String(r.category).padEnd(10)}${String(r.workforce_headcount).padStart(8)}${pct(r.workforce_share).padStart(11)}${interval.padStart(17)}${pct(r.community_share).padStart(11)}${Number(r.representation_ratio).toFixed(2).padStart(7)}  ${r.assessment}`,
  );
}
lake.close();

console.log(`\nThe needs-analysis report: ${join(OUT, 'reports', period, 'needs-analysis.html')} (and its CSV extracts beside it)`);
console.log(`\nThe demo wrote everything under ${OUT}/ (the lake in ${DEMO_LAKE}), not in out/ where
'workforce run' writes by default: give --lake ${DEMO_LAKE} to query it or report on it.
Ask the lake anything, for example:
  npx workforce query "SELECT * FROM data_quality WHERE latest_status <> 'accepted'" --lake ${DEMO_LAKE}
See why a broken file is rejected:
  npx workforce validate sample-data/broken/riverside-youth-trust/workforce/2026-09-30/unknown-codes.csv`);
