import { BASE_COUNT_QUERIES } from '../disclosure/base-counts.ts';
import { declaredQuery, viewColumnTypes, viewQuery, type RowOf } from '../views/typed-query.ts';
import { typedRows, type RawResult } from '../views/typed-rows.ts';
import { RATES, SUM_COLUMNS } from './rates.ts';
import { SOCIAL_WORK_ROLES } from './social-work.ts';

/**
 * The report's queries: the views (and, for disclosure control, the base counts from the tables),
 * one SQL text each for Athena and DuckDB, with `?` parameters (Athena ExecutionParameters; DuckDB
 * prepared statements), each declared with the columns it returns. Periods come back as text, so
 * that both engines return the same thing.
 */

/** Runs one of the report's queries: Athena in AWS, DuckDB locally. Its rows are checked by typedRows. */
export interface ReportQueryEngine {
  run(name: ReportQueryName, sql: string, parameters: readonly string[]): Promise<RawResult>;
}

const ALL_BUT = (...keep: string[]) =>
  ['partner_id', 'sector', 'employer_type', 'role', 'setting', 'employment_basis']
    .filter((column) => !keep.includes(column))
    .map((column) => `${column} = 'ALL'`)
    .join(' AND ');

/** The counts and rates of recruitment_rates the report reads. */
const RATE_COLUMNS = [...SUM_COLUMNS, ...RATES.map((rate) => rate.key)];
const ONE_PERIOD = 'period = CAST(? AS DATE)';

export const REPORT_QUERIES = {
  ...BASE_COUNT_QUERIES,

  trend: viewQuery('recruitment_rates', ['period', ...RATE_COLUMNS], {
    where: "partner_id = 'ALL' AND sector = 'ALL' AND role = 'ALL'",
    orderBy: 'period',
    keys: ['period'],
  }),

  workforce_trend: viewQuery('workforce_summary', ['period', 'headcount', 'fte'], {
    where: ALL_BUT(),
    orderBy: 'period',
    keys: ['period'],
  }),

  workforce_by_sector_and_employer: viewQuery('workforce_summary', ['sector', 'employer_type', 'headcount', 'fte'], {
    where: `${ONE_PERIOD} AND ${ALL_BUT('sector', 'employer_type')} AND sector <> 'ALL' AND employer_type <> 'ALL'`,
    orderBy: 'sector, employer_type',
    keys: ['sector', 'employer_type'],
  }),

  workforce_by_basis: viewQuery('workforce_summary', ['employment_basis', 'headcount', 'fte'], {
    where: `${ONE_PERIOD} AND ${ALL_BUT('employment_basis')} AND employment_basis <> 'ALL'`,
    orderBy: 'headcount DESC, employment_basis',
    keys: ['employment_basis'],
  }),

  workforce_by_setting: viewQuery('workforce_summary', ['setting', 'headcount', 'fte'], {
    where: `${ONE_PERIOD} AND ${ALL_BUT('setting')} AND setting <> 'ALL'`,
    orderBy: 'headcount DESC, setting',
    keys: ['setting'],
  }),

  rates_by_sector: viewQuery('recruitment_rates', ['sector', ...RATE_COLUMNS], {
    where: `${ONE_PERIOD} AND partner_id = 'ALL' AND sector <> 'ALL' AND role = 'ALL'`,
    orderBy: 'sector',
    keys: ['sector'],
  }),

  social_work: declaredQuery(
    `SELECT ${SUM_COLUMNS.map((c) => `${c.endsWith('headcount') ? `CAST(SUM(${c}) AS BIGINT)` : `SUM(${c})`} AS ${c}`).join(',\n  ')}
FROM recruitment_rates
WHERE ${ONE_PERIOD} AND partner_id = 'ALL' AND sector = 'ALL' AND role IN (${SOCIAL_WORK_ROLES.map((r) => `'${r}'`).join(', ')})`,
    viewColumnTypes('recruitment_rates', SUM_COLUMNS),
  ),

  rates_by_role: viewQuery('recruitment_rates', ['role', ...RATE_COLUMNS], {
    where: `${ONE_PERIOD} AND partner_id = 'ALL' AND sector = 'ALL' AND role <> 'ALL'`,
    orderBy: 'role',
    keys: ['role'],
  }),

  diversity: viewQuery(
    'diversity_vs_community',
    [
      'dimension',
      'category',
      'workforce_headcount',
      'workforce_known_headcount',
      'workforce_share_base',
      'not_known_share',
      'workforce_share',
      'share_ci_low',
      'share_ci_high',
      'community_population',
      'community_share',
      'community_basis',
      'community_source',
      'representation_ratio',
      'assessment',
    ],
    { where: `${ONE_PERIOD} AND partner_id = 'ALL'`, orderBy: 'dimension, category', keys: ['dimension', 'category'] },
  ),

  diversity_trend: viewQuery(
    'diversity_vs_community',
    [
      'period',
      'category',
      'workforce_headcount',
      'workforce_known_headcount',
      'workforce_share',
      'community_share',
      'representation_ratio',
    ],
    {
      where: "partner_id = 'ALL' AND dimension = 'ethnic_group' AND workforce_share IS NOT NULL",
      orderBy: 'category, period',
      keys: ['period', 'category'],
    },
  ),

  coverage: viewQuery(
    'data_quality',
    [
      'partner_id',
      'dataset',
      'latest_status',
      'in_force',
      'submission_count',
      'rejected_count',
      'rows',
      'errors',
      'warnings',
      'ethnicity_not_known_share',
      'disability_not_known_share',
      'sex_not_known_share',
    ],
    { where: ONE_PERIOD, orderBy: 'partner_id, dataset', keys: ['partner_id', 'dataset', 'latest_status', 'in_force'] },
  ),
} as const;

export type ReportQueryName = keyof typeof REPORT_QUERIES;

/** A row of one of the report's queries, typed from its declaration. */
export type ReportRow<N extends ReportQueryName> = RowOf<(typeof REPORT_QUERIES)[N]>;

/** Runs one of the report's queries, its rows checked against its declaration and typed. */
export async function runReportQuery<N extends ReportQueryName>(
  engine: ReportQueryEngine,
  name: N,
  parameters: readonly string[],
): Promise<ReportRow<N>[]> {
  const query = REPORT_QUERIES[name];
  return typedRows(name, query, await engine.run(name, query.sql, parameters));
}
