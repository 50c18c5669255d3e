import type { DuckDbLake } from '../functions/local/duckdb-lake.ts';
import { runTypedQuery } from '../functions/local/duckdb-report-engine.ts';
import type { TrustConfig } from '../transforms/config/trust-config.ts';
import { RATES, REPORTED_RATES, type RateKey } from '../transforms/report/rates.ts';
import { viewQuery } from '../transforms/views/typed-query.ts';

/** The demo's headline figures from the views: the Trust's rates, the roles under most pressure, diversity. */
const TRUST_WIDE = viewQuery(
  'recruitment_rates',
  ['period', 'employees_headcount', 'employees_fte', 'agency_headcount', 'vacancies_fte', ...RATES.map((r) => r.key)],
  { where: "partner_id = 'ALL' AND sector = 'ALL' AND role = 'ALL'", orderBy: 'period', keys: ['period'] },
);
const ROLE_RATES = ['vacancy_rate', 'turnover_rate', 'agency_rate', 'hard_to_fill_rate'] as const satisfies RateKey[];
const ROLE_HEADINGS = [
  ['employees', 10],
  ['vacancy', 9],
  ['turnover', 10],
  ['agency', 8],
  ['hard to fill', 14],
] as const;
const ROLES = viewQuery('recruitment_rates', ['role', 'employees_headcount', ...ROLE_RATES], {
  where:
    "period = CAST(? AS DATE) AND partner_id = 'ALL' AND sector = 'ALL' AND role <> 'ALL' AND employees_headcount >= 10",
  orderBy: 'vacancy_rate DESC NULLS LAST',
  limit: 5,
  keys: ['role'],
});
const DIVERSITY = viewQuery(
  'diversity_vs_community',
  [
    'category',
    'workforce_headcount',
    'workforce_share',
    'share_ci_low',
    'share_ci_high',
    'community_share',
    'representation_ratio',
    'assessment',
  ],
  {
    where:
      "period = CAST(? AS DATE) AND partner_id = 'ALL' AND dimension = 'ethnic_group' AND workforce_share IS NOT NULL",
    orderBy: 'category',
    keys: ['category'],
  },
);

/** Cells right-aligned to their widths. */
const right = (cells: readonly (readonly [string, number])[]) =>
  cells.map(([text, width]) => text.padStart(width)).join('');
const DIVERSITY_HEADINGS = [
  ['people', 8],
  ['workforce', 11],
  ['95% interval', 17],
  ['community', 11],
  ['ratio', 7],
] as const;
const pct = (value: number | null | undefined) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '–');
const points = (now: number | null | undefined, then: number | null | undefined) =>
  typeof now === 'number' && typeof then === 'number' ? `${now - then >= 0 ? '+' : ''}${(now - then).toFixed(1)}` : '–';

/** The lines the demo prints about the latest period, every rate the report shows among them. */
export async function demoFigures(lake: DuckDbLake, config: TrustConfig): Promise<{ period: string; lines: string[] }> {
  const trustWide = await runTypedQuery(lake, 'trust_wide', TRUST_WIDE);
  const now = trustWide.at(-1);
  if (now === undefined) throw new Error('The lake holds no figures yet.');
  const period = now.period;
  const baseline = trustWide.find((r) => r.period === config.baselinePeriod);
  const lines = [
    `\n${config.trust} — headline figures for ${period} (change since the ${config.baselinePeriod} baseline, in points)\n`,
    `  Employees ${now.employees_headcount} (${(now.employees_fte ?? 0).toFixed(0)} FTE), ` +
      `agency workers ${now.agency_headcount}, vacancies ${(now.vacancies_fte ?? 0).toFixed(1)} FTE`,
    ...REPORTED_RATES.map(
      ({ key, label }) =>
        `  ${label.padEnd(44)}${pct(now[key]).padStart(7)}   ${points(now[key], baseline?.[key]).padStart(5)}`,
    ),
    '\nRoles under most pressure (vacancy rate; roles with at least 10 employees)\n',
    `  ${'role'.padEnd(28)}${right(ROLE_HEADINGS)}`,
  ];
  for (const r of await runTypedQuery(lake, 'roles', ROLES, [period])) {
    const rates = ROLE_RATES.map((key, i) => [pct(r[key]), ROLE_HEADINGS[i + 1]?.[1] ?? 0] as const);
    lines.push(`  ${r.role.padEnd(28)}${right([[String(r.employees_headcount), 10], ...rates])}`);
  }
  lines.push(
    `\nThe workforce against the community (${config.communityAreas.join(', ')}, Census 2021), by ethnic group\n`,
    `  ${'group'.padEnd(10)}${right(DIVERSITY_HEADINGS)}  assessment`,
  );
  for (const r of await runTypedQuery(lake, 'diversity', DIVERSITY, [period])) {
    const interval = `${(r.share_ci_low ?? 0).toFixed(1)}–${(r.share_ci_high ?? 0).toFixed(1)}%`;
    const cells = [
      String(r.workforce_headcount),
      pct(r.workforce_share),
      interval,
      pct(r.community_share),
      (r.representation_ratio ?? 0).toFixed(2),
    ];
    const widths = cells.map((text, i) => [text, DIVERSITY_HEADINGS[i]?.[1] ?? 0] as const);
    lines.push(`  ${r.category.padEnd(10)}${right(widths)}  ${r.assessment}`);
  }
  return { period, lines };
}
