import { count, derived, label, plain, RATES } from './columns.ts';
import { DIMENSION_TITLES, labelOf } from './labels.ts';
import type { ModelContext, Section, SectionBlock } from './model.ts';
import type { QueryRow } from './queries.ts';
import type { ReportRow, ReportTable } from './report-table.ts';

const ASSESSMENT_WORDS: Record<string, string> = {
  under_represented: 'Under-represented',
  over_represented: 'Over-represented',
  in_line: 'In line',
  insufficient_data: 'Too few to tell',
};

function diversityTable(rows: readonly QueryRow[], dimension: string, period: string): ReportTable {
  const mine = rows.filter((row) => row.dimension === dimension);
  const known = mine.find((row) => row.workforce_known_headcount !== null)?.workforce_known_headcount;
  const hasCommunity = mine.some((row) => row.community_share !== null);
  return {
    id: `diversity-${dimension.replaceAll('_', '-')}`,
    title: `${DIMENSION_TITLES[dimension] ?? dimension}: the workforce against the community`,
    caption: `Shares of the ${Number(known ?? 0).toLocaleString('en-GB')} people whose ${dimension.replaceAll('_', ' ')} is recorded, on ${period}, with 95% (Wilson) intervals.${hasCommunity ? ' Community shares from the Trust\'s community profile.' : ' No community profile is held for this characteristic.'}`,
    columns: [
      label('category', 'Group'),
      count('workforce_headcount', 'People'),
      derived('workforce_share', 'Share of workforce', ['workforce_headcount']),
      derived('share_ci_low', 'Interval from', ['workforce_headcount']),
      derived('share_ci_high', 'Interval to', ['workforce_headcount']),
      plain('community_share', 'Share of community', 'percent'),
      derived('representation_ratio', 'Representation ratio', ['workforce_headcount'], 'ratio'),
      derived('ratio_low', 'Ratio from', ['workforce_headcount'], 'ratio'),
      derived('ratio_high', 'Ratio to', ['workforce_headcount'], 'ratio'),
      derived('assessment', 'Assessment', ['workforce_headcount']),
    ],
    rows: mine.map((row) => {
      const community = row.community_share === null ? null : Number(row.community_share);
      const ratio = (share: unknown) => (community && share !== null ? Number(share) / community : null);
      return {
        category: labelOf(dimension, String(row.category)),
        workforce_headcount: row.workforce_headcount,
        workforce_share: row.workforce_share,
        share_ci_low: row.share_ci_low,
        share_ci_high: row.share_ci_high,
        community_share: community,
        representation_ratio: row.representation_ratio,
        ratio_low: ratio(row.share_ci_low),
        ratio_high: ratio(row.share_ci_high),
        assessment: row.assessment === null ? null : (ASSESSMENT_WORDS[String(row.assessment)] ?? String(row.assessment)),
      } satisfies ReportRow;
    }),
  };
}

export function diversitySection({ results, period, config }: ModelContext): Section {
  const rows = results.diversity;
  const dimensions = ['ethnic_group', 'ethnicity', 'sex', 'age_band', 'disability'].filter((d) => rows.some((row) => row.dimension === d));
  const blocks: SectionBlock[] = dimensions.map((dimension) => ({
    table: diversityTable(rows, dimension, period),
    ...(dimension === 'ethnic_group'
      ? {
          chart: {
            kind: 'intervals' as const,
            title: 'Representation of ethnic groups: workforce share ÷ community share',
            description: 'Points with interval bars: for each ethnic group, the ratio of its share of the workforce to its share of the community, with a reference line at 1 (the same share). Below 1 means under-represented.',
            category: 'category',
            values: ['representation_ratio'],
            interval: ['ratio_low', 'ratio_high'] as const,
            reference: 1,
            unit: 'ratio',
          },
        }
      : {}),
  }));
  // Named with figures only when the count behind them is publishable (0, or the threshold or more).
  const publishable = (row: QueryRow) => Number(row.workforce_headcount) === 0 || Number(row.workforce_headcount) >= config.suppressionThreshold;
  const under = rows.filter((row) => row.assessment === 'under_represented' && publishable(row));
  const findings = under.length
    ? under.map(
        (row) =>
          `${labelOf(String(row.dimension), String(row.category))} (${DIMENSION_TITLES[String(row.dimension)]?.toLowerCase() ?? row.dimension}): ${Number(row.workforce_share).toFixed(1)}% of the workforce (95% interval ${Number(row.share_ci_low).toFixed(1)}–${Number(row.share_ci_high).toFixed(1)}%) against ${Number(row.community_share).toFixed(1)}% of the community.`,
      )
    : ['No group is under-represented beyond the uncertainty of the figures.'];
  return { id: 'diversity', title: 'Diversity against the community', findings: [`Under-represented groups, the priority areas for action:`, ...findings], blocks };
}

export function progressSection({ results, periods, baselinePeriod }: ModelContext): Section {
  const people = new Map(results.workforce_trend.map((row) => [row.period, row]));
  const trend: ReportTable = {
    id: 'progress-rates',
    title: 'Pressures over every period held',
    caption: `Trust-wide figures for each period${baselinePeriod ? ` since the ${baselinePeriod} baseline` : ''}.`,
    columns: [
      label('period', 'Period'),
      plain('workforce_headcount', 'Whole workforce (people)', 'integer'),
      count('employees_headcount', 'Employees', { additive: false }),
      count('leavers_headcount', 'Leavers', { additive: false }),
      count('agency_headcount', 'Agency workers', { additive: false }),
      { key: 'aged_55_plus_headcount', label: '', kind: 'count', hidden: true, additive: false },
      { key: 'qualification_gap_headcount', label: '', kind: 'count', hidden: true, additive: false },
      { key: 'qualification_known_headcount', label: '', kind: 'count', hidden: true, additive: false },
      ...RATES.map((rate) => derived(rate.key, rate.label, rate.basis)),
    ],
    rows: results.trend.map((row) => ({ ...row, workforce_headcount: people.get(row.period)?.headcount ?? null })),
  };
  const groups = [...new Set(results.diversity_trend.map((row) => String(row.category)))];
  const representation: ReportTable = {
    id: 'progress-representation',
    title: 'Representation of ethnic groups over every period held',
    caption: 'Representation ratio (workforce share ÷ community share) of each ethnic group, by period.',
    columns: [label('period', 'Period'), ...groups.flatMap((g) => [{ key: `${g}_people`, label: `${labelOf('ethnic_group', g)}: people`, kind: 'count' as const, hidden: true }, derived(g, labelOf('ethnic_group', g), [`${g}_people`], 'ratio')])],
    rows: periods.map((p) => {
      const row: Record<string, string | number | null> = { period: p };
      for (const g of groups) {
        const found = results.diversity_trend.find((r) => r.period === p && r.category === g);
        row[g] = found?.representation_ratio === undefined ? null : (found.representation_ratio as number | null);
        row[`${g}_people`] = found ? Number(found.workforce_headcount) : null;
      }
      return row;
    }),
  };
  return {
    id: 'progress',
    title: 'Progress against the baseline',
    findings: [],
    blocks: [
      {
        table: trend,
        chart: { kind: 'lines', title: 'Turnover, vacancy and agency rates since the baseline', description: 'Lines: the Trust-wide turnover, vacancy and agency rates in each period held, in per cent.', category: 'period', values: ['turnover_rate', 'vacancy_rate', 'agency_rate'], unit: '%' },
      },
      { table: representation },
    ],
  };
}

export function coverageSection({ results, period, config }: ModelContext): Section {
  const datasets = ['workforce', 'vacancies', 'leavers'];
  const partners = [...new Set(results.coverage.map((row) => String(row.partner_id)))];
  const names = new Map(config.partners.map((p) => [p.id, p.name]));
  const status = (row: QueryRow | undefined) => (row ? `${row.latest_status}${row.latest_status === 'rejected' && row.in_force ? ' (earlier file in force)' : ''}` : 'missing');
  const table: ReportTable = {
    id: 'coverage',
    title: 'Who submitted, and the quality of what they sent',
    caption: `Each partner's files for ${period}: the outcome of the latest, the people counted, files rejected, and how often ethnicity, disability and sex were not known.`,
    columns: [
      label('partner', 'Partner'),
      ...datasets.map((d) => label(`${d}_status`, `${d[0]?.toUpperCase()}${d.slice(1)}`)),
      count('workforce_rows', 'People in workforce file'),
      count('leavers_rows', 'Leavers'),
      plain('rejected', 'Files rejected', 'integer'),
      { key: 'ethnicity_unknown', label: '', kind: 'count', hidden: true },
      { key: 'disability_unknown', label: '', kind: 'count', hidden: true },
      { key: 'sex_unknown', label: '', kind: 'count', hidden: true },
      derived('ethnicity_not_known_share', 'Ethnicity not known', ['workforce_rows', 'ethnicity_unknown']),
      derived('disability_not_known_share', 'Disability not known', ['workforce_rows', 'disability_unknown']),
      derived('sex_not_known_share', 'Sex not known', ['workforce_rows', 'sex_unknown']),
    ],
    rows: partners.map((partner) => {
      const of = (dataset: string) => results.coverage.find((row) => row.partner_id === partner && row.dataset === dataset);
      const workforce = of('workforce');
      const people = workforce?.latest_status === 'accepted' ? Number(workforce.rows ?? 0) : null;
      const unknown = (share: unknown) => (people === null || share === null || share === undefined ? null : Math.round((Number(share) * people) / 100));
      return {
        partner: names.get(partner) ?? partner,
        ...Object.fromEntries(datasets.map((d) => [`${d}_status`, status(of(d))])),
        workforce_rows: people,
        leavers_rows: of('leavers')?.latest_status === 'accepted' ? Number(of('leavers')?.rows ?? 0) : null,
        rejected: datasets.reduce((sum, d) => sum + Number(of(d)?.rejected_count ?? 0), 0),
        ethnicity_unknown: unknown(workforce?.ethnicity_not_known_share),
        disability_unknown: unknown(workforce?.disability_not_known_share),
        sex_unknown: unknown(workforce?.sex_not_known_share),
        ethnicity_not_known_share: workforce?.ethnicity_not_known_share ?? null,
        disability_not_known_share: workforce?.disability_not_known_share ?? null,
        sex_not_known_share: workforce?.sex_not_known_share ?? null,
      };
    }),
  };
  const missing = results.coverage.filter((row) => row.latest_status === 'missing').map((row) => `${names.get(String(row.partner_id)) ?? row.partner_id} (${row.dataset})`);
  const rejected = results.coverage.reduce((sum, row) => sum + Number(row.rejected_count ?? 0), 0);
  return {
    id: 'coverage',
    title: 'Coverage and data quality',
    findings: [
      missing.length ? `Not submitted for ${period}: ${missing.join(', ')}.` : `Every partner submitted every dataset for ${period}.`,
      `${rejected} ${rejected === 1 ? 'file was' : 'files were'} rejected for ${period}.`,
    ],
    blocks: [{ table }],
  };
}

export function methodologySection({ config }: ModelContext): Section {
  const threshold = config.suppressionThreshold;
  return {
    id: 'methodology',
    title: 'Methodology',
    findings: [],
    blocks: [],
    notes: [
      { term: 'Sources', text: `Partners' workforce, vacancy and leaver returns under the Trust's data contract, as at each period date (30 September). Community: ONS Census 2021, table TS021 Ethnic group, for ${config.communityAreas.join(', ')} (Office for National Statistics, Open Government Licence v3.0), unless the Trust uploaded a later profile.` },
      { term: 'Employees and agency workers', text: 'Rates are for employees (employment basis employee); agency workers are counted apart, as the DfE children\'s social work workforce census does. Volunteers, carers and the self-employed are in the workforce and diversity figures, not in the rates.' },
      { term: 'Turnover', text: 'FTE of employees who left in the 12 months to the period date ÷ FTE of employees in post on it.' },
      { term: 'Vacancy rate', text: 'Vacant FTE ÷ (vacant FTE + FTE of employees in post).' },
      { term: 'Agency rate', text: 'FTE of agency workers ÷ (FTE of agency workers + FTE of employees).' },
      { term: 'Hard to fill', text: 'Vacant FTE the employer reports hard to fill ÷ all vacant FTE.' },
      { term: 'Replacement demand', text: 'Employees aged 55 and over ÷ all employees.' },
      { term: 'Skills gap', text: 'Employees who do not hold the qualification their role requires ÷ employees whose qualification is recorded.' },
      { term: 'Sickness absence', text: 'Working days lost ÷ (FTE of employees with days lost recorded × 253 working days).' },
      { term: 'Shares and intervals', text: 'A group\'s share of the workforce is of the people whose characteristic is known. Intervals are Wilson score 95% intervals. The representation ratio is the workforce share ÷ the community share.' },
      { term: 'Assessment', text: 'Under-represented when the interval lies wholly below the community share; over-represented when wholly above; in line otherwise; too few to tell when fewer than 30 people are known or fewer than 5 would be expected from the community share.' },
      { term: 'Disclosure control', text: `No count from 1 to ${threshold - 1} is shown in any breakdown: it reads <${threshold}. Where one withheld count could be worked out from a total, a second is withheld too (shown c), and any rate, share or ratio that rests on a withheld count is withheld (c). Only the total of the whole workforce is exempt.` },
    ],
  };
}
