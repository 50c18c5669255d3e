import { BASE_COUNT_QUERIES } from '../disclosure/base-counts.ts';
import { RATES, SUM_COLUMNS } from './rates.ts';
import { SOCIAL_WORK_ROLES } from './social-work.ts';

/**
 * The report's queries: the views (and, for disclosure control, the base counts from the tables),
 * one SQL text each for Athena and DuckDB, with `?`
 * parameters (Athena ExecutionParameters; DuckDB prepared statements). Periods come back as
 * text, so that both engines return the same thing.
 */
export type QueryRow = Readonly<Record<string, string | number | boolean | null>>;

/** Runs one of the report's queries: Athena in AWS, DuckDB locally. */
export interface ReportQueryEngine {
  run(name: ReportQueryName, sql: string, parameters: readonly string[]): Promise<QueryRow[]>;
}

const ALL_BUT = (...keep: string[]) =>
  ['partner_id', 'sector', 'employer_type', 'role', 'setting', 'employment_basis']
    .filter((column) => !keep.includes(column))
    .map((column) => `${column} = 'ALL'`)
    .join(' AND ');

const RATE_COLUMNS = `${SUM_COLUMNS.join(', ')},
  ${RATES.map((rate) => rate.key).join(', ')}`;

export const REPORT_QUERIES = {
  ...BASE_COUNT_QUERIES,

  trend: `SELECT CAST(period AS VARCHAR) AS period, ${RATE_COLUMNS}
FROM recruitment_rates
WHERE partner_id = 'ALL' AND sector = 'ALL' AND role = 'ALL'
ORDER BY period`,

  workforce_trend: `SELECT CAST(period AS VARCHAR) AS period, headcount, fte
FROM workforce_summary
WHERE ${ALL_BUT()}
ORDER BY period`,

  workforce_by_sector_and_employer: `SELECT sector, employer_type, headcount, fte
FROM workforce_summary
WHERE period = CAST(? AS DATE) AND ${ALL_BUT('sector', 'employer_type')} AND sector <> 'ALL' AND employer_type <> 'ALL'
ORDER BY sector, employer_type`,

  workforce_by_basis: `SELECT employment_basis, headcount, fte
FROM workforce_summary
WHERE period = CAST(? AS DATE) AND ${ALL_BUT('employment_basis')} AND employment_basis <> 'ALL'
ORDER BY headcount DESC, employment_basis`,

  workforce_by_setting: `SELECT setting, headcount, fte
FROM workforce_summary
WHERE period = CAST(? AS DATE) AND ${ALL_BUT('setting')} AND setting <> 'ALL'
ORDER BY headcount DESC, setting`,

  rates_by_sector: `SELECT sector, ${RATE_COLUMNS}
FROM recruitment_rates
WHERE period = CAST(? AS DATE) AND partner_id = 'ALL' AND sector <> 'ALL' AND role = 'ALL'
ORDER BY sector`,

  social_work: `SELECT ${SUM_COLUMNS.map((c) => `${c.endsWith('headcount') ? `CAST(SUM(${c}) AS BIGINT)` : `SUM(${c})`} AS ${c}`).join(',\n  ')}
FROM recruitment_rates
WHERE period = CAST(? AS DATE) AND partner_id = 'ALL' AND sector = 'ALL' AND role IN (${SOCIAL_WORK_ROLES.map((r) => `'${r}'`).join(', ')})`,

  rates_by_role: `SELECT role, ${RATE_COLUMNS}
FROM recruitment_rates
WHERE period = CAST(? AS DATE) AND partner_id = 'ALL' AND sector = 'ALL' AND role <> 'ALL'
ORDER BY role`,

  diversity: `SELECT dimension, category, workforce_headcount, workforce_known_headcount, workforce_share_base, not_known_share, workforce_share,
  share_ci_low, share_ci_high, community_population, community_share, community_basis, community_source, representation_ratio, assessment
FROM diversity_vs_community
WHERE period = CAST(? AS DATE) AND partner_id = 'ALL'
ORDER BY dimension, category`,

  diversity_trend: `SELECT CAST(period AS VARCHAR) AS period, category, workforce_headcount, workforce_known_headcount, workforce_share, community_share, representation_ratio
FROM diversity_vs_community
WHERE partner_id = 'ALL' AND dimension = 'ethnic_group' AND workforce_share IS NOT NULL
ORDER BY category, period`,

  coverage: `SELECT partner_id, dataset, latest_status, in_force, submission_count, rejected_count, rows, errors, warnings,
  ethnicity_not_known_share, disability_not_known_share, sex_not_known_share
FROM data_quality
WHERE period = CAST(? AS DATE)
ORDER BY partner_id, dataset`,
} as const;

export type ReportQueryName = keyof typeof REPORT_QUERIES;
