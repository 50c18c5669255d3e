import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { ETHNIC_GROUP_OF } from '../../transforms/contract/code-lists.ts';
import type { DatasetName } from '../../transforms/contract/datasets/registry.ts';
import { twelveMonthsBefore } from '../../transforms/contract/dates.ts';
import {
  COMMUNITY_PROFILE,
  RECRUITMENT_PRESSURE,
  WORKFORCE_BY_TYPE,
  WORKFORCE_DIVERSITY,
} from '../../transforms/tables/definitions.ts';
import type { SubmissionContext, TableOutput } from '../../transforms/aggregate/submission-tables.ts';
import { BlockAggregator, blockTable } from './block-table.ts';

const { op } = aq;

/** Arquero compiles expressions from their source text; these annotations only satisfy the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<string, any>;

export interface SubmissionTransform {
  add(rows: readonly Readonly<Record<string, unknown>>[]): void;
  finish(): TableOutput[];
}

const PRESSURE_KEYS = ['sector', 'employer_type', 'role'] as const;
const BY_TYPE_KEYS = [
  'sector',
  'employer_type',
  'role',
  'setting',
  'employment_basis',
  'contract',
  'locality',
] as const;
const PEOPLE_KEYS = ['sector', 'role', 'ethnicity', 'sex', 'age_band', 'disability'] as const;
const DIVERSITY_DIMENSIONS = ['ethnicity', 'ethnic_group', 'sex', 'age_band', 'disability'] as const;

/**
 * The straightforward transforms, before the streaming tallies: Arquero over every row. Kept as
 * the reference the production transforms must agree with.
 */
export function referenceSubmissionTransform(dataset: DatasetName, context: SubmissionContext): SubmissionTransform {
  switch (dataset) {
    case 'workforce':
      return workforceTransform(context);
    case 'vacancies':
      return pressureOnly(context, 'vacancies', vacanciesBlock);
    case 'leavers':
      return pressureOnly(context, 'leavers', leaversBlock);
    case 'community_profile':
      return communityTransform(context);
  }
}

function workforceTransform(context: SubmissionContext): SubmissionTransform {
  const params = { yearStart: twelveMonthsBefore(context.period), period: context.period };
  const byType = new BlockAggregator((rows) => byTypeBlock(rows), BY_TYPE_KEYS);
  const pressure = new BlockAggregator((rows) => workforcePressureBlock(rows, params), PRESSURE_KEYS);
  const people = new BlockAggregator((rows) => peopleBlock(rows), PEOPLE_KEYS);
  return {
    add(rows) {
      byType.add(rows);
      pressure.add(rows);
      people.add(rows);
    },
    finish() {
      return [
        { table: WORKFORCE_BY_TYPE, fileName: context.partnerId, data: withPartner(byType.finish(), context) },
        {
          table: RECRUITMENT_PRESSURE,
          fileName: `${context.partnerId}.workforce`,
          data: pressureTable(pressure.finish(), context, 'workforce'),
        },
        {
          table: WORKFORCE_DIVERSITY,
          fileName: context.partnerId,
          data: withPartner(diversity(people.finish()), context),
        },
      ];
    },
  };
}

function byTypeBlock(rows: readonly Readonly<Record<string, unknown>>[]): ColumnTable {
  return blockTable(rows, [...BY_TYPE_KEYS, 'fte'])
    .groupby(...BY_TYPE_KEYS)
    .rollup({ headcount: op.count(), fte: (d: Fields) => op.sum(d.fte == null ? 0 : d.fte) });
}

function workforcePressureBlock(
  rows: readonly Readonly<Record<string, unknown>>[],
  params: { yearStart: string; period: string },
): ColumnTable {
  return blockTable(rows, [
    ...PRESSURE_KEYS,
    'employment_basis',
    'fte',
    'start_date',
    'age_band',
    'meets_role_qualification',
    'days_sick',
  ])
    .params(params)
    .derive({
      employee: (d: Fields) => (d.employment_basis === 'employee' ? 1 : 0),
      agency: (d: Fields) => (d.employment_basis === 'agency' ? 1 : 0),
      starter: (d: Fields, $: Fields) =>
        d.employment_basis === 'employee' && d.start_date > $.yearStart && d.start_date <= $.period ? 1 : 0,
      recorded: (d: Fields) => (d.employment_basis === 'employee' && d.days_sick != null ? 1 : 0),
    })
    .groupby(...PRESSURE_KEYS)
    .rollup({
      employees_headcount: (d: Fields) => op.sum(d.employee),
      employees_fte: (d: Fields) => op.sum(d.employee * d.fte),
      agency_headcount: (d: Fields) => op.sum(d.agency),
      agency_fte: (d: Fields) => op.sum(d.agency * d.fte),
      starters_headcount: (d: Fields) => op.sum(d.starter),
      starters_fte: (d: Fields) => op.sum(d.starter * d.fte),
      aged_55_plus_headcount: (d: Fields) =>
        op.sum(d.employee === 1 && (d.age_band === '55_64' || d.age_band === '65_plus') ? 1 : 0),
      qualification_known_headcount: (d: Fields) =>
        op.sum(d.employee === 1 && d.meets_role_qualification != null ? 1 : 0),
      qualification_gap_headcount: (d: Fields) =>
        op.sum(d.employee === 1 && d.meets_role_qualification === 'no' ? 1 : 0),
      sickness_days: (d: Fields) => op.sum(d.recorded * d.days_sick),
      sickness_recorded_fte: (d: Fields) => op.sum(d.recorded * d.fte),
    });
}

function vacanciesBlock(rows: readonly Readonly<Record<string, unknown>>[]): ColumnTable {
  return blockTable(rows, [...PRESSURE_KEYS, 'vacancies_fte', 'agency_cover_fte', 'hard_to_fill'])
    .groupby(...PRESSURE_KEYS)
    .rollup({
      vacancies_fte: op.sum('vacancies_fte'),
      vacancies_agency_cover_fte: (d: Fields) => op.sum(d.agency_cover_fte == null ? 0 : d.agency_cover_fte),
      hard_to_fill_vacancies_fte: (d: Fields) => op.sum(d.hard_to_fill === 'yes' ? d.vacancies_fte : 0),
    });
}

function leaversBlock(rows: readonly Readonly<Record<string, unknown>>[]): ColumnTable {
  return blockTable(rows, [...PRESSURE_KEYS, 'fte'])
    .groupby(...PRESSURE_KEYS)
    .rollup({ leavers_headcount: op.count(), leavers_fte: op.sum('fte') });
}

function peopleBlock(rows: readonly Readonly<Record<string, unknown>>[]): ColumnTable {
  return blockTable(rows, PEOPLE_KEYS)
    .groupby(...PEOPLE_KEYS)
    .count({ as: 'headcount' });
}

/** From people counted by every characteristic at once, the headcount by each characteristic in turn. */
function diversity(people: ColumnTable): ColumnTable {
  return people
    .params({ groups: ETHNIC_GROUP_OF })
    .derive({ ethnic_group: (d: Fields, $: Fields) => $.groups[d.ethnicity] || d.ethnicity })
    .fold(DIVERSITY_DIMENSIONS, { as: ['dimension', 'category'] })
    .groupby('sector', 'role', 'dimension', 'category')
    .rollup({ headcount: op.sum('headcount') })
    .orderby('sector', 'role', 'dimension', 'category');
}

function pressureOnly(
  context: SubmissionContext,
  dataset: 'vacancies' | 'leavers',
  aggregateBlock: (rows: readonly Readonly<Record<string, unknown>>[]) => ColumnTable,
): SubmissionTransform {
  const pressure = new BlockAggregator(aggregateBlock, PRESSURE_KEYS);
  return {
    add: (rows) => pressure.add(rows),
    finish: () => [
      {
        table: RECRUITMENT_PRESSURE,
        fileName: `${context.partnerId}.${dataset}`,
        data: pressureTable(pressure.finish(), context, dataset),
      },
    ],
  };
}

/** A dataset's contribution to recruitment_pressure, every measure it does not count set to 0. */
function pressureTable(counts: ColumnTable, context: SubmissionContext, dataset: DatasetName): ColumnTable {
  const measures = RECRUITMENT_PRESSURE.columns.filter((c) => c.type !== 'string').map((c) => c.name);
  const zeros = Object.fromEntries(
    measures.filter((name) => !counts.columnNames().includes(name)).map((name) => [name, () => 0]),
  );
  return withPartner(counts, context)
    .derive({ source_dataset: aq.escape(() => dataset), ...zeros })
    .orderby(...PRESSURE_KEYS);
}

function withPartner(table: ColumnTable, context: SubmissionContext): ColumnTable {
  const partnerId = context.partnerId;
  return table.derive({ partner_id: aq.escape(() => partnerId) });
}

function communityTransform(context: SubmissionContext): SubmissionTransform {
  const rows: Readonly<Record<string, unknown>>[] = [];
  return {
    add: (batch) => {
      for (const row of batch) rows.push(row);
    },
    finish: () => [
      { table: COMMUNITY_PROFILE, fileName: context.partnerId, data: communityProfileTable(rows, context.partnerId) },
    ],
  };
}

/** Community profile rows, with the broad ethnic groups added up from the ethnicity rows. */
function communityProfileTable(rows: readonly Readonly<Record<string, unknown>>[], partnerId: string): ColumnTable {
  const names = ['area_code', 'area_name', 'dimension', 'category', 'population', 'population_basis', 'source'];
  const profile = blockTable(rows, names);
  const groups = profile
    .params({ groups: ETHNIC_GROUP_OF })
    .filter((d: Fields, $: Fields) => d.dimension === 'ethnicity' && $.groups[d.category] != null)
    .derive({ dimension: () => 'ethnic_group', category: (d: Fields, $: Fields) => $.groups[d.category] })
    .groupby('area_code', 'area_name', 'dimension', 'category', 'population_basis', 'source')
    .rollup({ population: op.sum('population') });
  return profile
    .concat(groups)
    .derive({ partner_id: aq.escape(() => partnerId) })
    .orderby('area_code', 'dimension', 'category');
}
