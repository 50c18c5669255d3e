import type { DisclosureColumn } from '../disclosure/tables.ts';
import { CSWW_SOURCE, englandRatesFor, englandSeries, type CswwYear } from '../reference/dfe-csww.ts';
import { count, label, plain, rate } from './columns.ts';
import { humanDate } from './dates.ts';
import type { Finding, ModelContext, SectionBlock } from './model.ts';
import { RATES, rateOf, type RateKey, type Sums, SUM_COLUMNS } from './rates.ts';
import type { CellValue, PublishedTable, ReportTable } from './report-table.ts';
import { shown } from './section-helpers.ts';
import { SOCIAL_WORK_ROLES } from './social-work.ts';

/**
 * The Trust's children and family social workers beside England's, as the DfE's children's social
 * work workforce statistics give them for the same 30 September (or, until that year is published,
 * the latest year). The Trust's row is protected like every other; England's is published data.
 */
const COMPARED = ['turnover_rate', 'vacancy_rate', 'agency_rate', 'absence_rate'] as const satisfies readonly RateKey[];

export function englandBlock({ results, period, england }: ModelContext): SectionBlock<ReportTable> {
  const series = englandSeries(england);
  const matched = englandRatesFor(series, period);
  const latest = series.at(-1);
  const used = matched ?? (latest ? englandRatesFor(series, latest.asAt) : undefined);
  const sums = Object.fromEntries(SUM_COLUMNS.map((c) => [c, results.social_work[0]?.[c] ?? 0])) as Sums;
  const columns: DisclosureColumn[] = [
    label('who', 'Social workers'),
    count('employees_headcount', 'Employees', { measure: 'people', where: { employment_basis: 'employee' } }),
    plain('vacancies_fte', 'Vacant FTE', 'decimal'),
    ...COMPARED.map((key) => rate(rateOf(key))),
    count('leavers_headcount', 'Leavers', { measure: 'leavers' }, { hidden: true }),
    count(
      'agency_headcount',
      'Agency workers',
      { measure: 'people', where: { employment_basis: 'agency' } },
      { hidden: true },
    ),
  ];
  const trust: Record<string, CellValue> = { who: `The Trust, ${humanDate(period)}` };
  for (const column of columns.slice(1))
    trust[column.key] =
      column.key in sums
        ? sums[column.key as keyof Sums]
        : (RATES.find((r) => r.key === column.key)?.value(sums) ?? null);
  const englandRow: Record<string, CellValue> | undefined = used && {
    who: `England, ${humanDate(used.asAt)}`,
    employees_headcount: null,
    vacancies_fte: null,
    ...Object.fromEntries(COMPARED.map((key) => [key, used.rates[key]?.value ?? null])),
    leavers_headcount: null,
    agency_headcount: null,
  };
  const note = matched
    ? `England's figures are for the same date, from the ${matched.release}.`
    : used
      ? `England's figures for ${humanDate(period)} are not yet published; those shown are the latest, for ${humanDate(used.asAt)} (${used.release}).`
      : "England's figures are not held.";
  const table: ReportTable = {
    id: 'social-work-england',
    title: 'Social workers: the Trust and England',
    caption: `Children and family social workers (social workers, senior social workers and their managers): the Trust's rates beside England's, as the DfE defines and publishes them (${CSWW_SOURCE}). ${note}`,
    columns,
    rows: englandRow ? [trust, englandRow] : [trust],
    // England's row is published data about England, not about the Trust's people.
    rowKeys: englandRow ? [{ period, role: [...SOCIAL_WORK_ROLES] }, null] : [{ period, role: [...SOCIAL_WORK_ROLES] }],
  };
  return { table };
}

/** The Trust's social-work rates against England's, from the published table: above, below or about the same. */
export function englandFindings(table: PublishedTable): Finding[] {
  const [trust, england] = table.rows;
  if (!trust || !england) return [];
  const compared = COMPARED.filter((key) => shown(trust[key]) && shown(england[key])).map((key) => {
    const [ours, theirs] = [trust[key] as number, england[key] as number];
    const word = Math.abs(ours - theirs) < 1 ? 'about the same as' : ours > theirs ? 'above' : 'below';
    return `${rateOf(key).label.toLowerCase()} ${ours.toFixed(1)}% (${word} England's ${theirs.toFixed(1)}%)`;
  });
  return compared.length ? [{ text: `Social workers against England: ${compared.join(', ')}.` }] : [];
}

export type { CswwYear };
