import { EMPLOYMENT_BASIS, SECTOR, SETTING } from '../contract/code-lists.ts';
import type { Term } from '../disclosure/figures.ts';
import type { DisclosureColumn } from '../disclosure/tables.ts';
import { count, fte, hiddenCount, label, plain, rate } from './columns.ts';
import { humanDate } from './dates.ts';
import { englandBlock, englandFindings } from './england.ts';
import { headlineMessages } from './headline-messages.ts';
import { labelOf } from './labels.ts';
import type { ModelContext, SectionDraft } from './model.ts';
import type { ReportRow } from './queries.ts';
import { rateOf, REPORTED_RATES } from './rates.ts';
import type { PublishedTable, ReportTable } from './report-table.ts';
import { ACTIVITY, hasAnyone, publishedTable, rateRowCode, shown, valuesOf, type RateRow } from './section-helpers.ts';

const people: Term = { measure: 'people' };
const employees: Term = { measure: 'people', where: { employment_basis: 'employee' } };
const agency: Term = { measure: 'people', where: { employment_basis: 'agency' } };

/**
 * The counts and rates of recruitment_rates, as columns, with the hidden counts the rates rest on.
 * `detail`: the breakdown is fine (roles), so agency workers and leavers are shown as rates only:
 * a count of a few is withheld with its rate, but a rate, resting on FTEs, pins no other count.
 */
export function rateColumns(detail = false): DisclosureColumn[] {
  const agencyCount = count('agency_headcount', 'Agency workers', agency, detail ? { hidden: true } : {});
  const leaversCount = count('leavers_headcount', 'Leavers', { measure: 'leavers' }, detail ? { hidden: true } : {});
  return [
    count('employees_headcount', 'Employees', employees),
    fte('employees_fte', 'Employees (FTE)', employees, ['employees_headcount']),
    agencyCount,
    plain('vacancies_fte', 'Vacant FTE', 'decimal'),
    leaversCount,
    ...REPORTED_RATES.map(rate),
    hiddenCount('aged_55_plus_headcount'),
    hiddenCount('qualification_known_headcount'),
    hiddenCount('qualification_gap_headcount'),
  ];
}

const pct = (value: number) => `${value.toFixed(1)}%`;

export function headlineSection({
  results,
  period,
  previousPeriod,
  baselinePeriod,
  config,
}: ModelContext): SectionDraft {
  const wanted = [baselinePeriod, previousPeriod, period].filter((p): p is string => p !== null);
  const workforce = new Map(results.workforce_trend.map((row) => [row.period, row]));
  const columns: DisclosureColumn[] = [
    label('period', 'Period'),
    // The total of the whole workforce is the one count exempt from suppression.
    count('workforce_headcount', 'Whole workforce (people)', people, { exempt: true }),
    fte('workforce_fte', 'Whole workforce (FTE)', people, ['workforce_headcount']),
    ...rateColumns(),
  ];
  const rows = results.trend
    .filter((row) => wanted.includes(row.period))
    .map((row) => {
      const p = row.period;
      return {
        period: p,
        ...valuesOf(
          {
            ...row,
            workforce_headcount: workforce.get(p)?.headcount ?? null,
            workforce_fte: workforce.get(p)?.fte ?? null,
          },
          columns,
        ),
      };
    });
  const table: ReportTable = {
    id: 'headline',
    title: 'Headline figures',
    caption: `The whole children's workforce and its pressures on ${humanDate(period)}${previousPeriod ? `, the previous period (${humanDate(previousPeriod)})` : ''}${baselinePeriod ? ` and the baseline (${humanDate(baselinePeriod)})` : ''}. Rates are percentages of employees, as the DfE defines them.`,
    columns,
    rows,
    rowKeys: rows.map((row) => ({ period: row.period })),
  };
  return {
    id: 'headline',
    title: 'Headline figures',
    blocks: [{ table }],
    findings: (tables) =>
      headlineMessages(tables, { period, previousPeriod, baselinePeriod, partners: config.partners.length }),
  };
}

export function workforceSection({ results, period }: ModelContext): SectionDraft {
  const employers = ['statutory', 'voluntary', 'private'];
  // Every sector, setting and basis is listed, people or not: whether a row is listed then says nothing of its size.
  const sectors = SECTOR.entries.map((e) => e.code);
  const bySectorAndEmployer = results.workforce_by_sector_and_employer;
  const headcount = (sector: string, employer: string) =>
    bySectorAndEmployer.find((r) => r.sector === sector && r.employer_type === employer)?.headcount ?? 0;
  const bySectorRows = sectors.map((sector) => {
    const cells = Object.fromEntries(employers.map((e) => [e, headcount(sector, e)]));
    return {
      sector: labelOf('sector', sector),
      ...cells,
      all: employers.reduce((sum, e) => sum + (cells[e] as number), 0),
    };
  });
  const bySector: ReportTable = {
    id: 'workforce-by-sector-and-employer',
    title: 'Workforce by sector and employer type',
    caption: `People in the workforce on ${humanDate(period)}, by sector and type of employer.`,
    columns: [
      label('sector', 'Sector'),
      ...employers.map((e) =>
        count(e, labelOf('employer_type', e), { measure: 'people', where: { employer_type: e } }),
      ),
      count('all', 'All employers', people),
    ],
    rows: bySectorRows,
    rowKeys: sectors.map((sector) => ({ period, sector })),
  };
  type OneWayRow = ReportRow<'workforce_by_basis'> | ReportRow<'workforce_by_setting'>;
  const oneWayCode = (row: OneWayRow) => ('setting' in row ? row.setting : row.employment_basis);
  const oneWay = (
    id: string,
    title: string,
    caption: string,
    dimension: 'employment_basis' | 'setting',
    source: readonly OneWayRow[],
  ): ReportTable => {
    const columns = [
      label(dimension, dimension === 'setting' ? 'Setting' : 'Basis'),
      count('headcount', 'People', people),
      fte('fte', 'FTE', people, ['headcount']),
    ];
    const codes =
      dimension === 'setting'
        ? [...SETTING.entries.map((e) => e.code), 'not_given']
        : EMPLOYMENT_BASIS.entries.map((e) => e.code);
    const found = new Map(source.map((row) => [oneWayCode(row), row]));
    return {
      id,
      title,
      caption,
      columns,
      rows: codes.map((code) => ({
        [dimension]: labelOf(dimension, code),
        ...valuesOf(found.get(code) ?? { headcount: 0, fte: 0 }, columns),
      })),
      rowKeys: codes.map((code) => ({ period, [dimension]: code })),
      sortBy: { column: 'headcount', descending: true },
    };
  };
  return {
    id: 'workforce',
    title: 'The workforce by type, number and setting',
    blocks: [
      {
        table: bySector,
        chart: {
          kind: 'stacked-bars',
          title: 'People by sector and employer type',
          description: `Horizontal stacked bars: people in each sector on ${humanDate(period)}, split by statutory, voluntary and private employers.`,
          category: 'sector',
          values: employers,
          unit: 'people',
        },
      },
      {
        table: oneWay(
          'workforce-by-basis',
          'Workforce by employment basis',
          'Employees, agency workers, the self-employed, volunteers and carers.',
          'employment_basis',
          results.workforce_by_basis,
        ),
      },
      {
        table: oneWay(
          'workforce-by-setting',
          'Workforce by setting',
          'Where people mainly work.',
          'setting',
          results.workforce_by_setting,
        ),
      },
    ],
  };
}

const RATE_PRESENCE = { anyOf: ACTIVITY };

export function pressuresSection(context: ModelContext): SectionDraft {
  const { results, period } = context;
  const rateTable = (
    id: string,
    title: string,
    caption: string,
    dimension: 'sector' | 'role',
    source: readonly RateRow[],
  ): ReportTable => {
    const columns = [
      label(dimension, dimension === 'sector' ? 'Sector' : 'Role'),
      ...rateColumns(dimension === 'role'),
    ];
    const rows = source.filter(hasAnyone);
    return {
      id,
      title,
      caption,
      columns,
      rows: rows.map((row) => ({ [dimension]: labelOf(dimension, rateRowCode(row)), ...valuesOf(row, columns) })),
      rowKeys: rows.map((row) => ({ period, [dimension]: rateRowCode(row) })),
      presence: RATE_PRESENCE,
    };
  };
  const bySector = rateTable(
    'rates-by-sector',
    'Recruitment and retention rates by sector',
    `Rates for employees on ${humanDate(period)}; turnover over the 12 months to that date.`,
    'sector',
    results.rates_by_sector,
  );
  const byRole = rateTable(
    'rates-by-role',
    'Recruitment and retention rates by role',
    'Every role with employees, agency workers, leavers or vacancies.',
    'role',
    results.rates_by_role,
  );

  const hardRows = [...results.rates_by_role]
    .filter((row) => (row.hard_to_fill_vacancies_fte ?? 0) > 0)
    .sort(
      (a, b) =>
        (b.hard_to_fill_vacancies_fte ?? 0) - (a.hard_to_fill_vacancies_fte ?? 0) || a.role.localeCompare(b.role),
    )
    .slice(0, 10);
  const hardColumns = [
    label('role', 'Role'),
    plain('hard_to_fill_vacancies_fte', 'Hard-to-fill vacant FTE', 'decimal'),
    plain('vacancies_fte', 'All vacant FTE', 'decimal'),
    { ...plain('hard_to_fill_rate', 'Share hard to fill', 'percent'), figure: undefined },
  ];
  const hardToFill: ReportTable = {
    id: 'hard-to-fill-roles',
    title: 'Hard-to-fill vacancies by role',
    caption:
      'Vacant FTE that employers find hard to fill, the ten roles with the most. Vacancies are posts, not people.',
    columns: hardColumns,
    rows: hardRows.map((row) => ({ role: labelOf('role', row.role), ...valuesOf(row, hardColumns) })),
    rowKeys: hardRows.map((row) => ({ period, role: row.role })),
  };

  // The roles of the rates table, listed as it lists them.
  const skillRows = results.rates_by_role.filter(hasAnyone);
  const skillColumns = [
    label('role', 'Role'),
    count('qualification_known_headcount', 'Employees with qualification recorded', { measure: 'qualification_known' }),
    count('qualification_gap_headcount', "Without the role's qualification", { measure: 'qualification_gap' }),
    rate(rateOf('qualification_gap_rate')),
  ].map((c) => (c.key === 'qualification_gap_rate' ? { ...c, label: 'Share without' } : c));
  const skills: ReportTable = {
    id: 'skills-gaps',
    title: 'Skills gaps by role',
    caption:
      'Employees who do not hold the qualification their role requires, of those whose qualification is recorded; roles with the highest shares first.',
    columns: skillColumns,
    rows: skillRows.map((row) => ({ role: labelOf('role', row.role), ...valuesOf(row, skillColumns) })),
    rowKeys: skillRows.map((row) => ({ period, role: row.role })),
    presence: { sameRowsAs: 'rates-by-role' },
    sortBy: { column: 'qualification_gap_rate', descending: true },
  };
  return {
    id: 'pressures',
    title: 'Recruitment, retention and replacement pressures',
    blocks: [
      {
        table: bySector,
        chart: {
          kind: 'grouped-bars',
          title: 'Turnover, vacancy and agency rates by sector',
          description: `Grouped bars: for each sector, its turnover, vacancy and agency rates on ${humanDate(period)}, in per cent.`,
          category: 'sector',
          values: ['turnover_rate', 'vacancy_rate', 'agency_rate'],
          unit: '%',
        },
      },
      { table: byRole },
      {
        table: hardToFill,
        chart: {
          kind: 'bars',
          title: 'Roles with the most hard-to-fill vacancies',
          description: 'Horizontal bars: hard-to-fill vacant FTE for the ten roles with the most.',
          category: 'role',
          values: ['hard_to_fill_vacancies_fte'],
          unit: 'FTE',
        },
      },
      { table: skills },
      englandBlock(context),
    ],
    findings: (tables) => [
      ...rolesUnderPressure(publishedTable(tables, 'rates-by-role'), publishedTable(tables, 'headline'), period).map(
        (text) => ({ text }),
      ),
      ...englandFindings(publishedTable(tables, 'social-work-england')),
    ],
  };
}

/** Names the roles under most pressure, from published figures only: rates above the Trust's on vacancies, turnover and agency use. */
function rolesUnderPressure(roles: PublishedTable, headline: PublishedTable, period: string): string[] {
  const trust = headline.rows.find((row) => row.period === period);
  if (trust === undefined) return [];
  const measures = ['vacancy_rate', 'turnover_rate', 'agency_rate'] as const;
  const scored = roles.rows
    .filter(
      (row) =>
        shown(row.employees_headcount) &&
        row.employees_headcount >= 10 &&
        measures.every((m) => shown(row[m]) && shown(trust[m])),
    )
    .map((row) => ({
      row,
      score: measures.reduce(
        (sum, m) =>
          sum +
          ((row[m] as number) > (trust[m] as number) ? (row[m] as number) / Math.max(trust[m] as number, 0.1) : 0),
        0,
      ),
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || String(a.row.role).localeCompare(String(b.row.role)))
    .slice(0, 3);
  return scored.map(({ row }) => {
    const hard = shown(row.hard_to_fill_rate) ? `; ${pct(row.hard_to_fill_rate)} of vacant posts hard to fill` : '';
    return `${String(row.role)}: vacancy rate ${pct(row.vacancy_rate as number)} (Trust ${pct(trust.vacancy_rate as number)}), turnover ${pct(row.turnover_rate as number)} (Trust ${pct(trust.turnover_rate as number)}), agency rate ${pct(row.agency_rate as number)} (Trust ${pct(trust.agency_rate as number)})${hard}.`;
  });
}
