import type { TrustConfig } from '../config/trust-config.ts';
import { labelOf } from './labels.ts';
import { count, derived, hidden, label, plain, RATES } from './columns.ts';
import type { ModelContext, QueryResults, ReportModel, Section } from './model.ts';
import { REPORT_QUERIES, type QueryRow, type ReportQueryEngine, type ReportQueryName } from './queries.ts';
import type { ReportColumn, ReportRow, ReportTable } from './report-table.ts';
import { coverageSection, diversitySection, methodologySection, progressSection } from './sections-people.ts';

export interface ReportRequest {
  /** @default the latest period held */
  readonly period?: string;
  /** @default the config's baselinePeriod */
  readonly baseline?: string;
  readonly generatedAt: Date;
}

export class ReportDataError extends Error {
  override readonly name = 'ReportDataError';
}

/** Builds the needs-analysis report for a period, only from the views, before disclosure control. */
export async function buildReportModel(engine: ReportQueryEngine, config: TrustConfig, request: ReportRequest): Promise<ReportModel> {
  const trend = await engine.run('trend', REPORT_QUERIES.trend, []);
  const periods = trend.map((row) => String(row.period));
  if (periods.length === 0) throw new ReportDataError('The lake holds no accepted workforce data yet: run the pipeline first.');
  const period = request.period ?? (periods.at(-1) as string);
  if (!periods.includes(period)) throw new ReportDataError(`The lake has no data for ${period}; it holds ${periods.join(', ')}.`);
  const previousPeriod = periods.filter((p) => p < period).at(-1) ?? null;
  const wantedBaseline = request.baseline ?? config.baselinePeriod;
  const baselinePeriod = periods.includes(wantedBaseline) && wantedBaseline < period ? wantedBaseline : null;

  const at = [period];
  const results = { trend } as QueryResults;
  const names = Object.keys(REPORT_QUERIES).filter((name) => name !== 'trend') as ReportQueryName[];
  for (const name of names) {
    const parameters = REPORT_QUERIES[name].includes('?') ? at : [];
    results[name] = await engine.run(name, REPORT_QUERIES[name], parameters);
  }

  const context = { config, period, previousPeriod, baselinePeriod, periods, results };
  const sections: Section[] = [
    headlineSection(context),
    workforceSection(context),
    pressuresSection(context),
    diversitySection(context),
    progressSection(context),
    coverageSection(context),
    methodologySection(context),
  ];
  return {
    trust: config.trust,
    period,
    previousPeriod,
    baselinePeriod,
    periods,
    communityAreas: config.communityAreas,
    suppressionThreshold: config.suppressionThreshold,
    generatedAt: request.generatedAt.toISOString(),
    sections,
  };
}

/** The counts and rates of recruitment_rates; `additive` when the rows are parts of the Trust. */
function rateColumns(additive: boolean): ReportColumn[] {
  return [
    count('employees_headcount', 'Employees', { additive }),
    derived('employees_fte', 'Employees (FTE)', ['employees_headcount'], 'decimal'),
    count('agency_headcount', 'Agency workers', { additive }),
    plain('vacancies_fte', 'Vacant FTE', 'decimal'),
    count('leavers_headcount', 'Leavers', { additive }),
    ...RATES.map((rate) => derived(rate.key, rate.label, rate.basis)),
    ...['starters_headcount', 'aged_55_plus_headcount', 'qualification_gap_headcount', 'qualification_known_headcount'].map(hidden),
  ];
}

function headlineSection({ results, period, previousPeriod, baselinePeriod }: ModelContext): Section {
  const wanted = [baselinePeriod, previousPeriod, period].filter((p): p is string => p !== null);
  const people = new Map(results.workforce_trend.map((row) => [row.period, row]));
  const rows = results.trend
    .filter((row) => wanted.includes(String(row.period)))
    .map((row): ReportRow => ({ ...row, workforce_headcount: people.get(row.period)?.headcount ?? null, workforce_fte: people.get(row.period)?.fte ?? null }));
  const table: ReportTable = {
    id: 'headline',
    title: 'Headline figures',
    caption: `The whole children's workforce and its pressures on ${period}${previousPeriod ? `, the previous period (${previousPeriod})` : ''}${baselinePeriod ? ` and the baseline (${baselinePeriod})` : ''}. Rates are percentages of employees, as the DfE defines them.`,
    columns: [
      label('period', 'Period'),
      // The total of the whole workforce is the one count exempt from suppression.
      plain('workforce_headcount', 'Whole workforce (people)', 'integer'),
      plain('workforce_fte', 'Whole workforce (FTE)', 'decimal'),
      ...rateColumns(false),
    ],
    rows,
  };
  const now = rows.find((row) => row.period === period);
  const findings = now ? [`On ${period} the children's workforce numbered ${Number(now.workforce_headcount).toLocaleString('en-GB')} people (${Math.round(Number(now.workforce_fte)).toLocaleString('en-GB')} FTE) across ${results.coverage.filter((c) => c.dataset === 'workforce' && c.in_force).length} partners.`] : [];
  return { id: 'headline', title: 'Headline figures', findings, blocks: [{ table }] };
}

function workforceSection({ results, period }: ModelContext): Section {
  const employers = ['statutory', 'voluntary', 'private'];
  const sectors = [...new Set(results.workforce_by_sector_and_employer.map((row) => String(row.sector)))];
  const bySector: ReportTable = {
    id: 'workforce-by-sector-and-employer',
    title: 'Workforce by sector and employer type',
    caption: `People in the workforce on ${period}, by sector and type of employer.`,
    columns: [label('sector', 'Sector'), ...employers.map((e) => count(e, labelOf('employer_type', e))), count('all', 'All employers')],
    rows: sectors.map((sector) => {
      const cells = Object.fromEntries(employers.map((e) => [e, Number(results.workforce_by_sector_and_employer.find((r) => r.sector === sector && r.employer_type === e)?.headcount ?? 0)]));
      return { sector: labelOf('sector', sector), ...cells, all: employers.reduce((sum, e) => sum + (cells[e] as number), 0) };
    }),
    rowSums: [{ parts: employers, total: 'all' }],
  };
  const byBasis: ReportTable = {
    id: 'workforce-by-basis',
    title: 'Workforce by employment basis',
    caption: 'Employees, agency workers, the self-employed, volunteers and carers.',
    columns: [label('employment_basis', 'Basis'), count('headcount', 'People'), derived('fte', 'FTE', ['headcount'], 'decimal')],
    rows: results.workforce_by_basis.map((row) => ({ ...row, employment_basis: labelOf('employment_basis', String(row.employment_basis)) })),
  };
  const bySetting: ReportTable = {
    id: 'workforce-by-setting',
    title: 'Workforce by setting',
    caption: 'Where people mainly work.',
    columns: [label('setting', 'Setting'), count('headcount', 'People'), derived('fte', 'FTE', ['headcount'], 'decimal')],
    rows: results.workforce_by_setting.map((row) => ({ ...row, setting: labelOf('setting', String(row.setting)) })),
  };
  return {
    id: 'workforce',
    title: 'The workforce by type, number and setting',
    findings: [],
    blocks: [
      {
        table: bySector,
        chart: { kind: 'stacked-bars', title: 'People by sector and employer type', description: `Horizontal stacked bars: people in each sector on ${period}, split by statutory, voluntary and private employers.`, category: 'sector', values: employers, unit: 'people' },
      },
      { table: byBasis },
      { table: bySetting },
    ],
  };
}

function pressuresSection(context: ModelContext): Section {
  const { results, period } = context;
  const trust = results.trend.find((row) => row.period === period) ?? {};
  const bySector: ReportTable = {
    id: 'rates-by-sector',
    title: 'Recruitment and retention rates by sector',
    caption: `Rates for employees on ${period}; turnover and starters over the 12 months to that date.`,
    columns: [label('sector', 'Sector'), ...rateColumns(true)],
    rows: results.rates_by_sector.map((row) => ({ ...row, sector: labelOf('sector', String(row.sector)) })),
  };
  const byRole: ReportTable = {
    id: 'rates-by-role',
    title: 'Recruitment and retention rates by role',
    caption: 'Every role with employees or vacancies.',
    columns: [label('role', 'Role'), ...rateColumns(true)],
    rows: results.rates_by_role.map((row) => ({ ...row, role: labelOf('role', String(row.role)) })),
  };
  const hardToFill: ReportTable = {
    id: 'hard-to-fill-roles',
    title: 'Hard-to-fill vacancies by role',
    caption: 'Vacant FTE that employers find hard to fill, the ten roles with the most.',
    columns: [label('role', 'Role'), plain('hard_to_fill_vacancies_fte', 'Hard-to-fill vacant FTE', 'decimal'), plain('vacancies_fte', 'All vacant FTE', 'decimal'), derived('hard_to_fill_rate', 'Share hard to fill', [])],
    rows: [...results.rates_by_role]
      .filter((row) => Number(row.hard_to_fill_vacancies_fte) > 0)
      .sort((a, b) => Number(b.hard_to_fill_vacancies_fte) - Number(a.hard_to_fill_vacancies_fte))
      .slice(0, 10)
      .map((row) => ({ role: labelOf('role', String(row.role)), hard_to_fill_vacancies_fte: row.hard_to_fill_vacancies_fte, vacancies_fte: row.vacancies_fte, hard_to_fill_rate: row.hard_to_fill_rate })),
  };
  const skills: ReportTable = {
    id: 'skills-gaps',
    title: 'Skills gaps by role',
    caption: 'Employees who do not hold the qualification their role requires, of those whose qualification is recorded.',
    columns: [label('role', 'Role'), count('qualification_known_headcount', 'Employees with qualification recorded'), count('qualification_gap_headcount', 'Without the role\'s qualification'), derived('qualification_gap_rate', 'Share without', ['qualification_gap_headcount', 'qualification_known_headcount'])],
    rows: results.rates_by_role
      .filter((row) => Number(row.qualification_known_headcount) > 0)
      .sort((a, b) => Number(b.qualification_gap_rate) - Number(a.qualification_gap_rate))
      .map((row) => ({ role: labelOf('role', String(row.role)), qualification_known_headcount: row.qualification_known_headcount, qualification_gap_headcount: row.qualification_gap_headcount, qualification_gap_rate: row.qualification_gap_rate })),
  };
  return {
    id: 'pressures',
    title: 'Recruitment, retention and replacement pressures',
    findings: rolesUnderPressure(results.rates_by_role, trust, context.config.suppressionThreshold),
    blocks: [
      {
        table: bySector,
        chart: { kind: 'grouped-bars', title: 'Turnover, vacancy and agency rates by sector', description: `Grouped bars: for each sector, its turnover, vacancy and agency rates on ${period}, in per cent.`, category: 'sector', values: ['turnover_rate', 'vacancy_rate', 'agency_rate'], unit: '%' },
      },
      { table: byRole },
      {
        table: hardToFill,
        chart: { kind: 'bars', title: 'Roles with the most hard-to-fill vacancies', description: 'Horizontal bars: hard-to-fill vacant FTE for the ten roles with the most.', category: 'role', values: ['hard_to_fill_vacancies_fte'], unit: 'FTE' },
      },
      { table: skills },
    ],
  };
}

/** Names the roles under most pressure: rates above the Trust's on vacancies, turnover and agency use. */
function rolesUnderPressure(roles: readonly QueryRow[], trust: QueryRow, threshold: number): string[] {
  const measures = ['vacancy_rate', 'turnover_rate', 'agency_rate'] as const;
  // Only roles whose figures are publishable: no count behind them from 1 to threshold − 1.
  const publishable = (value: unknown) => Number(value) === 0 || Number(value) >= threshold;
  const scored = roles
    .filter((row) => Number(row.employees_headcount) >= 10 && publishable(row.leavers_headcount) && publishable(row.agency_headcount))
    .map((row) => ({ row, score: measures.reduce((sum, m) => sum + (Number(row[m]) > Number(trust[m]) ? Number(row[m]) / Math.max(Number(trust[m]), 0.1) : 0), 0) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  const pct = (value: unknown) => `${Number(value).toFixed(1)}%`;
  return scored.map(
    ({ row }) =>
      `${labelOf('role', String(row.role))}: vacancy rate ${pct(row.vacancy_rate)} (Trust ${pct(trust.vacancy_rate)}), turnover ${pct(row.turnover_rate)} (Trust ${pct(trust.turnover_rate)}), agency rate ${pct(row.agency_rate)} (Trust ${pct(trust.agency_rate)})${row.hard_to_fill_rate === null ? '' : `; ${pct(row.hard_to_fill_rate)} of vacant posts hard to fill`}.`,
  );
}
