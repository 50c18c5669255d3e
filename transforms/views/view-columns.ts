import type { ViewName } from './views.ts';

/** A type a view's column may be declared with: Trino's (Athena engine 3) names. */
export type ViewColumnType = 'varchar' | 'bigint' | 'double' | 'boolean' | 'date';

/**
 * Each view's output columns, in order, with their types: what the Glue views declare (a Presto
 * view spells its columns out). Held to the SQL by tests: the types DuckDB describes, and the
 * types Trino's rules give the same SQL (tests/views/view-types.test.ts).
 */
export const VIEW_COLUMNS = {
  workforce_summary: {
    period: 'date',
    partner_id: 'varchar',
    sector: 'varchar',
    employer_type: 'varchar',
    role: 'varchar',
    setting: 'varchar',
    employment_basis: 'varchar',
    headcount: 'bigint',
    fte: 'double',
    suppressed: 'boolean',
  },
  recruitment_rates: {
    period: 'date',
    partner_id: 'varchar',
    sector: 'varchar',
    role: 'varchar',
    employees_headcount: 'bigint',
    employees_fte: 'double',
    agency_headcount: 'bigint',
    agency_fte: 'double',
    vacancies_fte: 'double',
    vacancies_agency_cover_fte: 'double',
    hard_to_fill_vacancies_fte: 'double',
    leavers_headcount: 'bigint',
    leavers_fte: 'double',
    starters_headcount: 'bigint',
    starters_fte: 'double',
    aged_55_plus_headcount: 'bigint',
    qualification_known_headcount: 'bigint',
    qualification_gap_headcount: 'bigint',
    sickness_days: 'double',
    sickness_recorded_fte: 'double',
    turnover_rate: 'double',
    turnover_rate_headcount: 'double',
    vacancy_rate: 'double',
    agency_rate: 'double',
    agency_cover_rate: 'double',
    vacancy_cover_rate: 'double',
    hard_to_fill_rate: 'double',
    starter_rate: 'double',
    replacement_demand_rate: 'double',
    qualification_gap_rate: 'double',
    absence_rate: 'double',
    suppressed: 'boolean',
  },
  diversity_vs_community: {
    period: 'date',
    partner_id: 'varchar',
    dimension: 'varchar',
    category: 'varchar',
    workforce_headcount: 'bigint',
    workforce_known_headcount: 'bigint',
    workforce_share_base: 'bigint',
    not_known_share: 'double',
    workforce_share: 'double',
    share_ci_low: 'double',
    share_ci_high: 'double',
    community_population: 'bigint',
    community_share: 'double',
    community_basis: 'varchar',
    community_source: 'varchar',
    representation_ratio: 'double',
    assessment: 'varchar',
    suppressed: 'boolean',
  },
  data_quality: {
    period: 'date',
    partner_id: 'varchar',
    dataset: 'varchar',
    latest_status: 'varchar',
    in_force: 'boolean',
    submission_count: 'bigint',
    rejected_count: 'bigint',
    rows: 'bigint',
    errors: 'bigint',
    warnings: 'bigint',
    latest_received_at: 'varchar',
    order_note: 'varchar',
    ethnicity_not_known_share: 'double',
    disability_not_known_share: 'double',
    sex_not_known_share: 'double',
  },
} as const satisfies Record<ViewName, Readonly<Record<string, ViewColumnType>>>;

/** A view's columns, in order. */
export function viewColumns(name: ViewName): { readonly name: string; readonly type: ViewColumnType }[] {
  return Object.entries(VIEW_COLUMNS[name]).map(([column, type]) => ({ name: column, type }));
}
