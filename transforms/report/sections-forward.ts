import { roundTo } from '../disclosure/tables.ts';
import type { DisclosureColumn } from '../disclosure/tables.ts';
import type { Term } from '../disclosure/figures.ts';
import { rateInterval } from './change-tests.ts';
import { count, derived, fte, hiddenCount, label, plain, rate } from './columns.ts';
import { humanDate } from './dates.ts';
import { labelOf } from './labels.ts';
import type { Finding, ModelContext, SectionDraft } from './model.ts';
import { rateOf } from './rates.ts';
import type { CellValue, PublishedTable, ReportTable } from './report-table.ts';
import { hasAnyone, publishedTable, rateRowCode, type RateRow } from './section-helpers.ts';

/**
 * Looking forward: how many people each sector and role must recruit next year to hold today's
 * establishment, and whether last year's recruitment kept up.
 *
 * Need = vacant FTE now + leavers expected at the current turnover (turnover × FTE in post, which is
 * last year's leavers' FTE), with a 95% range from the turnover's uncertainty (its Wald interval, on
 * the employee headcount). Retirement exposure, the share of employees aged 55 and over, is shown
 * beside it, not added: not all of them will go next year. Last year's recruitment is the FTE of
 * employees who started in the 12 months to the period date. Every figure is computed from the
 * figures as published, so none tells more than they do.
 */
const employees: Term = { measure: 'people', where: { employment_basis: 'employee' } };
const LEAVERS = ['leavers_headcount', 'employees_headcount'];
const STARTERS = ['starters_headcount', 'employees_headcount'];

export function needColumns(dimension: 'sector' | 'role'): DisclosureColumn[] {
  return [
    label(dimension, dimension === 'sector' ? 'Sector' : 'Role'),
    fte('employees_fte', 'Employees (FTE)', employees, ['employees_headcount']),
    plain('vacancies_fte', 'Vacant FTE', 'decimal'),
    fte('leavers_fte', 'Leavers expected (FTE)', { measure: 'leavers' }, LEAVERS),
    derived('need_fte', 'Need next year (FTE)', LEAVERS, 'decimal'),
    derived('need_low', 'Need: from', LEAVERS, 'decimal'),
    derived('need_high', 'Need: to', LEAVERS, 'decimal'),
    fte('starters_fte', 'Recruited last year (FTE)', { measure: 'starters' }, STARTERS),
    derived(
      'shortfall_fte',
      "Need beyond last year's recruitment (FTE)",
      [...LEAVERS, 'starters_headcount'],
      'decimal',
    ),
    { ...rate(rateOf('replacement_demand_rate')), label: 'Aged 55 and over (retirement exposure)' },
    count('employees_headcount', 'Employees', employees, { hidden: true }),
    count('leavers_headcount', 'Leavers', { measure: 'leavers' }, { hidden: true }),
    hiddenCount('starters_headcount'),
    hiddenCount('aged_55_plus_headcount'),
  ];
}

/** The figures of a row of recruitment_rates the need is worked out from. */
type NeedSource = Pick<
  RateRow,
  | 'employees_headcount'
  | 'employees_fte'
  | 'vacancies_fte'
  | 'leavers_headcount'
  | 'leavers_fte'
  | 'starters_headcount'
  | 'starters_fte'
  | 'aged_55_plus_headcount'
  | 'turnover_rate'
  | 'replacement_demand_rate'
>;

/** A row of the need table, from a row of recruitment_rates, each figure computed from the published ones. */
export function needRow(row: NeedSource): Record<string, CellValue> {
  const num = (key: Exclude<keyof NeedSource, 'turnover_rate' | 'replacement_demand_rate'>) => row[key] ?? 0;
  const fte = ['employees_fte', 'vacancies_fte', 'leavers_fte', 'starters_fte'] as const;
  const published = fte.map((k) => roundTo(num(k), 1));
  const [employeesFte, vacant, leavers, starters] = published as [number, number, number, number];
  const need = roundTo(vacant + leavers, 1);
  const turnover = row.turnover_rate === null ? null : roundTo(row.turnover_rate, 1);
  const [low, high] =
    turnover === null
      ? [leavers, leavers]
      : rateInterval(turnover, num('employees_headcount')).map((p) => (employeesFte * p) / 100);
  return {
    employees_fte: num('employees_fte'),
    vacancies_fte: num('vacancies_fte'),
    leavers_fte: num('leavers_fte'),
    need_fte: need,
    need_low: vacant + (low as number),
    need_high: vacant + (high as number),
    starters_fte: num('starters_fte'),
    shortfall_fte: need - starters,
    replacement_demand_rate: row.replacement_demand_rate,
    employees_headcount: num('employees_headcount'),
    leavers_headcount: num('leavers_headcount'),
    starters_headcount: num('starters_headcount'),
    aged_55_plus_headcount: num('aged_55_plus_headcount'),
  };
}

export function recruitmentNeedSection({ results, period }: ModelContext): SectionDraft {
  const table = (
    id: string,
    title: string,
    caption: string,
    dimension: 'sector' | 'role',
    source: readonly RateRow[],
    sameRowsAs: string,
  ): ReportTable => {
    const rows = source.filter(hasAnyone);
    return {
      id,
      title,
      caption,
      columns: needColumns(dimension),
      rows: rows.map((row) => ({ [dimension]: labelOf(dimension, rateRowCode(row)), ...needRow(row) })),
      rowKeys: rows.map((row) => ({ period, [dimension]: rateRowCode(row) })),
      presence: { sameRowsAs },
    };
  };
  const caption = (of: string) =>
    `${of}: the FTE to recruit in the year after ${humanDate(period)} to hold today's establishment — vacant posts now, and leavers expected at the current turnover (with a 95% range) — against the FTE recruited in the year to ${humanDate(period)}. The share aged 55 and over is the exposure to retirement beyond that.`;
  const bySector = table(
    'need-by-sector',
    'Recruitment needed next year, by sector',
    caption('By sector'),
    'sector',
    results.rates_by_sector,
    'rates-by-sector',
  );
  const byRole = table(
    'need-by-role',
    'Recruitment needed next year, by role',
    caption('By role'),
    'role',
    results.rates_by_role,
    'rates-by-role',
  );
  return {
    id: 'recruitment-need',
    title: 'Looking forward: the recruitment needed',
    blocks: [
      {
        table: bySector,
        chart: {
          kind: 'grouped-bars',
          title: 'Recruitment needed next year against recruitment last year',
          description: `Grouped bars: for each sector, the FTE needed next year to hold its establishment and the FTE recruited in the year to ${humanDate(period)}.`,
          category: 'sector',
          values: ['need_fte', 'starters_fte'],
          unit: 'FTE',
        },
      },
      { table: byRole },
    ],
    findings: (tables) => needFindings(publishedTable(tables, 'need-by-role')),
  };
}

/** The role with the largest need (shown), and whether last year's recruitment kept up with it. */
export function largestNeed(roles: PublishedTable): Finding | undefined {
  const shown = roles.rows.filter((row) =>
    [row.need_fte, row.need_low, row.need_high, row.starters_fte].every((v) => typeof v === 'number'),
  );
  const top = [...shown].sort(
    (a, b) => (b.need_fte as number) - (a.need_fte as number) || String(a.role).localeCompare(String(b.role)),
  )[0];
  return top ? needFinding(top) : undefined;
}

function needFinding(row: PublishedTable['rows'][number]): Finding {
  const [need, low, high, starters] = [row.need_fte, row.need_low, row.need_high, row.starters_fte] as number[];
  const fmt = (value: number) => Math.round(value).toLocaleString('en-GB');
  const trend = low! > starters! ? 'worse' : high! < starters! ? 'better' : 'no real change';
  const verdict = trend === 'worse' ? 'more than' : trend === 'better' ? 'less than' : 'about what';
  return {
    text: `${String(row.role)}: about ${fmt(need!)} FTE to recruit next year (95% range ${fmt(low!)}–${fmt(high!)}) to hold today's establishment, ${verdict} the ${fmt(starters!)} FTE recruited last year.`,
    trend,
  };
}

function needFindings(roles: PublishedTable): Finding[] {
  const shown = roles.rows.filter((row) =>
    [row.need_fte, row.need_low, row.need_high, row.starters_fte, row.shortfall_fte].every(
      (v) => typeof v === 'number',
    ),
  );
  const behind = shown
    .filter((row) => (row.need_low as number) > (row.starters_fte as number))
    .sort((a, b) => (b.shortfall_fte as number) - (a.shortfall_fte as number));
  const list = (
    behind.length ? behind : [...shown].sort((a, b) => (b.need_fte as number) - (a.need_fte as number))
  ).slice(0, 3);
  const lead: Finding = behind.length
    ? {
        text: `Recruitment is falling behind for ${behind.length} ${behind.length === 1 ? 'role' : 'roles'}: next year's need is beyond last year's recruitment, even at the low end of its range.`,
        trend: 'worse',
      }
    : {
        text: "For no role is next year's need beyond last year's recruitment at the low end of its range.",
        trend: 'no real change',
      };
  return [lead, ...list.map(needFinding)];
}
