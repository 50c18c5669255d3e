import { AGE_BAND, DISABILITY, ETHNICITY, SEX, type CodeList } from '../contract/code-lists.ts';
import { PARTNER_DATASETS, PEOPLE_DATASET } from '../contract/datasets/registry.ts';
import type { Term } from '../disclosure/figures.ts';
import type { DisclosureColumn, RowBasis } from '../disclosure/tables.ts';
import { protectionInterval, smallCountRange } from '../disclosure/threshold.ts';
import { CSWW_SOURCE } from '../reference/dfe-csww.ts';
import { count, derived, label, plain } from './columns.ts';
import { humanDate } from './dates.ts';
import { DIMENSION_TITLES, labelOf } from './labels.ts';
import type { ModelContext, SectionBlock, SectionDraft } from './model.ts';
import type { ReportRow } from './queries.ts';
import { REPORTED_RATES } from './rates.ts';
import type { CellValue, ReportTable } from './report-table.ts';
import { publishedTable, valuesOf } from './section-helpers.ts';
import { rateColumns } from './sections-workforce.ts';

export const ASSESSMENT_WORDS: Record<string, string> = {
  under_represented: 'Under-represented',
  over_represented: 'Over-represented',
  in_line: 'In line',
  insufficient_data: 'Too few to tell',
};

const UNKNOWN = ['not_known', 'refused'];
const DIMENSIONS = ['ethnic_group', 'ethnicity', 'sex', 'age_band', 'disability'] as const;
type Dimension = (typeof DIMENSIONS)[number];
const GROUPS = ['asian', 'black', 'mixed', 'white', 'other'];
const LISTS: Record<Exclude<Dimension, 'ethnic_group'>, CodeList> = {
  ethnicity: ETHNICITY,
  sex: SEX,
  age_band: AGE_BAND,
  disability: DISABILITY,
};

/** Every category of a dimension, known ones first: whether a row is listed then says nothing. */
export function categoriesOf(dimension: Dimension): { known: string[]; unknown: string[] } {
  const all = dimension === 'ethnic_group' ? [...GROUPS, ...UNKNOWN] : LISTS[dimension].entries.map((e) => e.code);
  return { known: all.filter((c) => !UNKNOWN.includes(c)), unknown: all.filter((c) => UNKNOWN.includes(c)) };
}

/** The people whose characteristic is recorded: the denominator of every share. */
export const knownTerm = (dimension: Dimension): Term => ({
  measure: dimension,
  where: { category: categoriesOf(dimension).known },
});

type DiversityRow = ReportRow<'diversity'>;

function diversityTable(rows: readonly DiversityRow[], dimension: Dimension, period: string): ReportTable {
  const mine = new Map(rows.filter((row) => row.dimension === dimension).map((row) => [row.category, row]));
  const { known, unknown } = categoriesOf(dimension);
  // The categories the community profile counts: their shares are of the people in them alone
  // (workforce_share_base), like with like; the others' shares are of everyone recorded.
  const compared = known.filter((category) => (mine.get(category)?.community_share ?? null) !== null);
  const separateBase = compared.length > 0 && compared.length < known.length;
  const recordedRow = known.length + (separateBase ? 1 : 0);
  const comparedRow = separateBase ? known.length : recordedRow;
  // Each row's statistics rest on its count and on the totals its share can be of.
  const rests: (string | RowBasis)[] = [
    'workforce_headcount',
    { row: comparedRow, column: 'workforce_headcount' },
    { row: recordedRow, column: 'workforce_headcount' },
  ];
  const described = [...mine.values()].find((row) => row.community_basis !== null);
  const basis = described?.community_basis ?? null;
  const source = described?.community_source === '' ? null : (described?.community_source ?? null);
  const columns: DisclosureColumn[] = [
    label('category', 'Group'),
    count('workforce_headcount', 'People', { measure: dimension }),
    derived('workforce_share', 'Share of workforce', rests),
    derived('share_ci_low', 'Interval from', rests),
    derived('share_ci_high', 'Interval to', rests),
    plain('community_share', 'Share of community', 'percent'),
    derived('representation_ratio', 'Representation ratio', rests, 'ratio'),
    derived('ratio_low', 'Ratio from', rests, 'ratio'),
    derived('ratio_high', 'Ratio to', rests, 'ratio'),
    { ...derived('assessment', 'Assessment', rests), format: undefined },
  ] as DisclosureColumn[];
  const people = (category: string) => mine.get(category)?.workforce_headcount ?? 0;
  const recorded = known.reduce((sum, category) => sum + people(category), 0);
  const comparedTotal = compared.reduce((sum, category) => sum + people(category), 0);
  const statsOf = (row: DiversityRow | undefined): Record<string, CellValue> => {
    const share = row?.community_share ?? null;
    const ratio = (value: number | null | undefined) =>
      share && value !== null && value !== undefined ? value / share : null;
    const assessment = row?.assessment ?? null;
    return {
      workforce_share: row?.workforce_share ?? null,
      share_ci_low: row?.share_ci_low ?? null,
      share_ci_high: row?.share_ci_high ?? null,
      community_share: share,
      representation_ratio: row?.representation_ratio ?? null,
      ratio_low: ratio(row?.share_ci_low),
      ratio_high: ratio(row?.share_ci_high),
      assessment: assessment === null ? null : (ASSESSMENT_WORDS[assessment] ?? assessment),
    };
  };
  const noStats = {
    workforce_share: null,
    share_ci_low: null,
    share_ci_high: null,
    community_share: null,
    representation_ratio: null,
    ratio_low: null,
    ratio_high: null,
    assessment: null,
  };
  const words = dimension.replaceAll('_', ' ');
  const totals = [
    ...(separateBase
      ? [
          {
            row: { category: 'All compared with the community', workforce_headcount: comparedTotal, ...noStats },
            key: { period, category: compared },
          },
        ]
      : []),
    {
      row: { category: `All whose ${words} is recorded`, workforce_headcount: recorded, ...noStats },
      key: { period, category: known },
    },
  ];
  // With no community profile for the dimension, its comparison columns would be dashes: left out, and said once.
  const comparison = new Set(['community_share', 'representation_ratio', 'ratio_low', 'ratio_high', 'assessment']);
  return {
    id: `diversity-${dimension.replaceAll('_', '-')}`,
    title: `${DIMENSION_TITLES[dimension] ?? dimension}: the workforce against the community`,
    caption:
      `Shares of the people whose ${words} is recorded, on ${humanDate(period)}, with 95% (Wilson) intervals.` +
      (compared.length
        ? ` Compared with ${basis ?? "the community in the Trust's profile"}${source ? ` (${source})` : ''}${separateBase ? '; the shares of the groups compared are of the people in those groups' : ''}.`
        : ' No community profile is held for this characteristic.'),
    columns: compared.length ? columns : columns.filter((c) => !comparison.has(c.key)),
    rows: [
      ...known.map((category) => ({
        category: labelOf(dimension, category),
        workforce_headcount: people(category),
        ...statsOf(mine.get(category)),
      })),
      ...totals.map((t) => t.row),
      ...unknown.map((category) => ({
        category: labelOf(dimension, category),
        workforce_headcount: people(category),
        ...noStats,
      })),
    ],
    rowKeys: [
      ...known.map((category) => ({ period, category })),
      ...totals.map((t) => t.key),
      ...unknown.map((category) => ({ period, category })),
    ],
  };
}

export function diversitySection({ results, period }: ModelContext): SectionDraft {
  const blocks: SectionBlock<ReportTable>[] = DIMENSIONS.map((dimension) => ({
    table: diversityTable(results.diversity, dimension, period),
    ...(dimension === 'ethnic_group'
      ? {
          chart: {
            kind: 'intervals' as const,
            title: 'Representation of ethnic groups: workforce share ÷ community share',
            description:
              'Points with interval bars: for each ethnic group, the ratio of its share of the workforce to its share of the community, with a reference line at 1 (the same share). Below 1 means under-represented.',
            category: 'category',
            values: ['representation_ratio'],
            interval: ['ratio_low', 'ratio_high'] as const,
            reference: 1,
            unit: 'ratio',
          },
        }
      : {}),
  }));
  return {
    id: 'diversity',
    title: 'Diversity against the community',
    blocks,
    findings: (tables) => {
      const under = DIMENSIONS.flatMap((dimension) =>
        publishedTable(tables, `diversity-${dimension.replaceAll('_', '-')}`)
          .rows.filter(
            (row) =>
              row.assessment === ASSESSMENT_WORDS.under_represented &&
              [row.workforce_share, row.share_ci_low, row.share_ci_high, row.community_share].every(
                (v) => typeof v === 'number',
              ),
          )
          .map(
            (row) =>
              `${String(row.category)} (${dimensionWord(dimension)}): ${(row.workforce_share as number).toFixed(1)}% of the workforce (95% interval ${(row.share_ci_low as number).toFixed(1)}–${(row.share_ci_high as number).toFixed(1)}%) against ${(row.community_share as number).toFixed(1)}% of the community.`,
          ),
      );
      return [
        { text: 'Under-represented groups, the priority areas for action:' },
        ...(under.length
          ? under.map((text) => ({ text, trend: 'worse' as const }))
          : [
              {
                text: 'No group is under-represented beyond the uncertainty of the figures.',
                trend: 'no real change' as const,
              },
            ]),
      ];
    },
  };
}

export function progressSection({ results, periods, baselinePeriod }: ModelContext): SectionDraft {
  const workforce = new Map(results.workforce_trend.map((row) => [row.period, row]));
  const trendColumns: DisclosureColumn[] = [
    label('period', 'Period'),
    count('workforce_headcount', 'Whole workforce (people)', { measure: 'people' }, { exempt: true }),
    ...rateColumns().filter((c) => !['employees_fte', 'vacancies_fte'].includes(c.key)),
  ];
  const trendRows = results.trend.map((row) => ({
    period: row.period,
    ...valuesOf({ ...row, workforce_headcount: workforce.get(row.period)?.headcount ?? null }, trendColumns),
  }));
  const trend: ReportTable = {
    id: 'progress-rates',
    title: 'Pressures over every period held',
    caption: `Trust-wide figures for each period${baselinePeriod ? ` since the ${humanDate(baselinePeriod)} baseline` : ''}.`,
    columns: trendColumns,
    rows: trendRows,
    rowKeys: trendRows.map((row) => ({ period: row.period })),
  };
  const community = new Map(
    results.diversity_trend.flatMap((r) =>
      r.community_share === null ? [] : [[r.category, r.community_share] as const],
    ),
  );
  const groups = GROUPS.filter((g) => community.has(g));
  const representation: ReportTable = {
    id: 'progress-representation',
    title: 'Representation of ethnic groups over every period held',
    caption: 'Representation ratio (workforce share ÷ community share) of each ethnic group, by period.',
    columns: [
      label('period', 'Period'),
      ...groups.flatMap((g): DisclosureColumn[] => [
        count(
          `${g}_people`,
          `${labelOf('ethnic_group', g)}: people`,
          { measure: 'ethnic_group', where: { category: g } },
          { hidden: true },
        ),
        {
          key: g,
          label: labelOf('ethnic_group', g),
          kind: 'derived',
          format: 'ratio',
          basis: [`${g}_people`],
          figure: {
            type: 'ratio',
            scale: 100 / (community.get(g) as number),
            num: [{ measure: 'ethnic_group', where: { category: g } }],
            den: [knownTerm('ethnic_group')],
          },
        },
      ]),
    ],
    rows: periods.map((p) => {
      const row: Record<string, CellValue> = { period: p };
      for (const g of groups) {
        const found = results.diversity_trend.find((r) => r.period === p && r.category === g);
        row[g] = found?.representation_ratio ?? null;
        row[`${g}_people`] = found?.workforce_headcount ?? 0;
      }
      return row;
    }),
    rowKeys: periods.map((p) => ({ period: p })),
  };
  return {
    id: 'progress',
    title: 'Progress against the baseline',
    blocks: [
      {
        table: trend,
        chart: {
          kind: 'lines',
          title: 'Turnover, vacancy and agency rates since the baseline',
          description: 'Lines: the Trust-wide turnover, vacancy and agency rates in each period held, in per cent.',
          category: 'period',
          values: ['turnover_rate', 'vacancy_rate', 'agency_rate'],
          unit: '%',
        },
      },
      { table: representation },
    ],
  };
}

export function coverageSection({ results, period, config }: ModelContext): SectionDraft {
  const datasets = PARTNER_DATASETS;
  const partners = config.partners.map((p) => p.id);
  const status = (row: ReportRow<'coverage'> | undefined) =>
    row
      ? `${row.latest_status}${row.latest_status === 'rejected' && row.in_force ? ' (earlier file in force)' : ''}`
      : 'missing';
  const unknownOf = (dimension: 'ethnicity' | 'disability' | 'sex'): DisclosureColumn[] => [
    count(
      `${dimension}_unknown`,
      `${dimension} not known`,
      { measure: dimension, where: { category: UNKNOWN } },
      { hidden: true },
    ),
    {
      key: `${dimension}_not_known_share`,
      label: `${dimension[0]?.toUpperCase()}${dimension.slice(1)} not known`,
      kind: 'derived',
      format: 'percent',
      basis: ['workforce_rows', `${dimension}_unknown`],
      figure: {
        type: 'ratio',
        scale: 100,
        num: [{ measure: dimension, where: { category: UNKNOWN } }],
        den: [{ measure: dimension }],
      },
    },
  ];
  const table: ReportTable = {
    id: 'coverage',
    title: 'Who submitted, and the quality of what they sent',
    caption: `Each partner's files for ${humanDate(period)}: the outcome of the latest, the people counted, files rejected, and how often ethnicity, disability and sex were not known.`,
    columns: [
      label('partner', 'Partner'),
      ...datasets.map((d) => plain(`${d}_status`, `${d[0]?.toUpperCase()}${d.slice(1)} file`)),
      count('workforce_rows', 'People counted', { measure: 'people' }),
      plain('rejected', 'Files rejected', 'integer'),
      ...unknownOf('ethnicity'),
      ...unknownOf('disability'),
      ...unknownOf('sex'),
    ].map((c) => (c.key === 'rejected' ? { ...c, figure: undefined } : c)),
    rows: partners.map((partner) => {
      const of = (dataset: string) =>
        results.coverage.find((row) => row.partner_id === partner && row.dataset === dataset);
      const workforce = of(PEOPLE_DATASET);
      const accepted = workforce?.latest_status === 'accepted';
      const people = accepted ? (workforce?.rows ?? 0) : null;
      const unknown = (share: number | null | undefined) =>
        people === null || share === null || share === undefined ? null : Math.round((share * people) / 100);
      return {
        partner: config.partners.find((p) => p.id === partner)?.name ?? partner,
        ...Object.fromEntries(datasets.map((d) => [`${d}_status`, status(of(d))])),
        workforce_rows: people,
        rejected: datasets.reduce((sum, d) => sum + (of(d)?.rejected_count ?? 0), 0),
        ethnicity_unknown: unknown(workforce?.ethnicity_not_known_share),
        disability_unknown: unknown(workforce?.disability_not_known_share),
        sex_unknown: unknown(workforce?.sex_not_known_share),
        ethnicity_not_known_share: accepted ? (workforce?.ethnicity_not_known_share ?? null) : null,
        disability_not_known_share: accepted ? (workforce?.disability_not_known_share ?? null) : null,
        sex_not_known_share: accepted ? (workforce?.sex_not_known_share ?? null) : null,
      };
    }),
    rowKeys: partners.map((partner) => ({ period, partner_id: partner })),
  };
  const names = new Map(config.partners.map((p) => [p.id, p.name]));
  return {
    id: 'coverage',
    title: 'Coverage and data quality',
    blocks: [{ table }],
    findings: () => {
      const missing = results.coverage
        .filter((row) => row.latest_status === 'missing')
        .map((row) => `${names.get(row.partner_id) ?? row.partner_id} (${row.dataset})`);
      const rejected = results.coverage.reduce((sum, row) => sum + (row.rejected_count ?? 0), 0);
      return [
        missing.length
          ? { text: `Not submitted for ${humanDate(period)}: ${missing.join(', ')}.`, trend: 'worse' }
          : { text: `Every partner submitted every dataset for ${humanDate(period)}.`, trend: 'better' },
        { text: `${rejected} ${rejected === 1 ? 'file was' : 'files were'} rejected for ${humanDate(period)}.` },
      ];
    },
  };
}

export function methodologySection({ config }: ModelContext): SectionDraft {
  const threshold = config.suppressionThreshold;
  return {
    id: 'methodology',
    title: 'Methodology',
    blocks: [],
    notes: [
      {
        term: 'Sources',
        text: `Partners' workforce, vacancy and leaver returns under the Trust's data contract, as at each period date (30 September). Community, for ${config.communityAreas.join(', ')}: ONS Census 2021 tables TS021 (ethnic group), TS009 (sex by age) and TS038 (disability), Office for National Statistics, Crown copyright, Open Government Licence v3.0, unless the Trust uploaded a later profile. England: ${CSWW_SOURCE}; for each year the latest release's figure, which may revise an earlier one.`,
      },
      {
        term: 'Who the community is',
        text: "The workforce is compared with the residents it could be drawn from where the Census allows: sex and age with residents aged 16 to 64, the working-age population; ethnicity and disability with residents of all ages, as the Census publishes them for an area. Staff aged 65 and over, and sex 'other' (which the Census does not record), are shown but not compared. The shares of the groups compared are of the people in those groups, so that both sides add up to 100.",
      },
      {
        term: 'England',
        text: "England's figures are for children and family social workers employed by local authorities, as the DfE collects them each 30 September; the Trust's beside them are for its social workers, senior social workers and social work managers. Until the DfE publishes the year of the report's period, the latest year is shown and the table says so.",
      },
      {
        term: 'Employees and agency workers',
        text: "Rates are for employees (employment basis employee); agency workers are counted apart, as the DfE children's social work workforce census does. Volunteers, carers and the self-employed are in the workforce and diversity figures, not in the rates.",
      },
      ...REPORTED_RATES.map((r) => ({ term: r.term, text: r.definition })),
      {
        term: 'Shares and intervals',
        text: "A group's share of the workforce is of the people whose characteristic is recorded. Intervals are Wilson score 95% intervals. The representation ratio is the workforce share ÷ the community share.",
      },
      {
        term: 'Assessment',
        text: 'Under-represented when the interval lies wholly below the community share; over-represented when wholly above; in line otherwise; too few to tell when fewer than 30 people are recorded or fewer than 5 would be expected from the community share.',
      },
      {
        term: 'Recruitment needed',
        text: "The FTE each sector and role must recruit in the next year to hold today's establishment: its vacant FTE now, plus the leavers expected at the current turnover (turnover × FTE in post, the FTE of last year's leavers), with a 95% range from the turnover's uncertainty (its Wald interval, p ± 1.96 √(p(1 − p)/n), on the employee headcount n). It is set against the FTE of the employees who started in the 12 months to the period date: where even the low end of the range is above it, recruitment is falling behind. The share of employees aged 55 and over is the exposure to retirement beyond that, not added to the need. Every figure is worked out from the figures as published.",
      },
      {
        term: 'Better, worse or no real change',
        text: `The headline's messages say whether a change is real or within the noise of the counts, at the 95% level. A change in a rate of n people (turnover, the vacancy and agency rates; rates of FTE taken as rates of the employee headcount) between two periods, or a role's rate against the Trust's, by the two-proportion z-test; a change in a number of people by taking it as Poisson, z = (n2 − n1) ÷ √(n1 + n2). A change within ±1.96 standard errors is no real change. Lower turnover, vacancy and agency rates are better; a larger workforce is better. The recruitment needed is worse than last year's recruitment when the low end of its range is above it, better when the high end is below it.`,
      },
      { term: 'Disclosure control', text: disclosureRule(threshold) },
    ],
  };
}

/** The rule, in words, for the methodology and the JSON: the small counts and the interval as threshold.ts has them. */
export function disclosureRule(threshold: number): string {
  const small = smallCountRange(threshold);
  const interval = protectionInterval(threshold);
  return (
    `Every table is protected as one linked set with every other, since they share totals (roles add up to sectors, ethnicities to ethnic groups, every breakdown to the whole workforce) and rates rest on counts. ` +
    `No count of people from ${small.from} to ${small.to} is shown. Further figures are withheld wherever the published ones would let anyone work out a withheld count, and so is every rate, share or FTE resting on a withheld count. ` +
    `All withheld figures read [c], whatever the reason, so a reader cannot tell a small count from one withheld to protect it. ` +
    `Rates, shares and FTEs are published to the one decimal place shown, in every output, and rows are ordered only by what is shown. ` +
    `The result is audited with integer programming: for each withheld count, the smallest and largest value consistent with every published figure must run from ${interval.low} to at least ${interval.high}. ` +
    `Only the total of the whole workforce is exempt.`
  );
}

/** A dimension's name inside a finding's brackets: 'ethnicity', not 'ethnicity (census 2021 categories)'. */
function dimensionWord(dimension: string): string {
  return (DIMENSION_TITLES[dimension] ?? dimension).replace(/\s*\(.*\)$/, '').toLowerCase();
}
