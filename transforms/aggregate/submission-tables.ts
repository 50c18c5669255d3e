import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { ETHNIC_GROUP_OF } from '../contract/code-lists.ts';
import { DATASETS, type DatasetName } from '../contract/datasets/registry.ts';
import { twelveMonthsBefore } from '../contract/dates.ts';
import {
  COMMUNITY_PROFILE,
  RECRUITMENT_PRESSURE,
  WORKFORCE_BY_TYPE,
  WORKFORCE_DIVERSITY,
  type TableDefinition,
} from '../tables/definitions.ts';
import { TallySet, type TallySpec } from './tally.ts';

const { op } = aq;

/** Arquero compiles expressions from their source text; these annotations only satisfy the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<string, any>;
type Row = Readonly<Record<string, unknown>>;

export interface SubmissionContext {
  readonly partnerId: string;
  readonly period: string;
}

/** One table's rows from one accepted submission, and the name of the lake file they go to. */
export interface TableOutput {
  readonly table: TableDefinition;
  readonly fileName: string;
  readonly data: ColumnTable;
}

/**
 * Turns a submission's validated rows, as they stream, into its partner's rows of the lake tables.
 * Rows are tallied by group as they pass (memory holds groups, not rows); Arquero then works out
 * the tables' measures from the tallies.
 */
export interface SubmissionTransform {
  /** Takes one row (and its value numbers, if the validator gave them); both are read at once, so the caller may reuse them. */
  add(row: Row, valueIds?: Int32Array): void;
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

export function submissionTransform(dataset: DatasetName, context: SubmissionContext): SubmissionTransform {
  switch (dataset) {
    case 'workforce':
      return workforceTransform(context);
    case 'vacancies':
      return tallied(
        'vacancies',
        { keys: [...PRESSURE_KEYS, 'hard_to_fill'], sums: ['vacancies_fte', 'agency_cover_fte'] },
        (tally) => [
          {
            table: RECRUITMENT_PRESSURE,
            fileName: `${context.partnerId}.vacancies`,
            data: pressureTable(vacancyCounts(tally), context, 'vacancies'),
          },
        ],
      );
    case 'leavers':
      return tallied('leavers', { keys: PRESSURE_KEYS, sums: ['fte'] }, (tally) => [
        {
          table: RECRUITMENT_PRESSURE,
          fileName: `${context.partnerId}.leavers`,
          data: pressureTable(tally.rename({ rows: 'leavers_headcount', fte: 'leavers_fte' }), context, 'leavers'),
        },
      ]);
    case 'community_profile':
      return communityTransform(context);
  }
}

function tallied(
  dataset: DatasetName,
  spec: TallySpec,
  finish: (tally: ColumnTable) => TableOutput[],
): SubmissionTransform {
  const tally = new TallySet([spec], Object.keys(DATASETS[dataset].columns));
  return { add: (row, valueIds) => tally.add(row, valueIds), finish: () => finish(tally.table(0)) };
}

/** Employees whose start date falls in the 12 months to the period are its starters. */
export function isStarter(startDate: unknown, yearStartExclusive: string, period: string): boolean {
  return typeof startDate === 'string' && startDate > yearStartExclusive && startDate <= period;
}

function workforceTransform(context: SubmissionContext): SubmissionTransform {
  const yearStart = twelveMonthsBefore(context.period);
  const tallies = new TallySet(
    [
      { keys: BY_TYPE_KEYS, sums: ['fte'] },
      {
        keys: [...PRESSURE_KEYS, 'employment_basis', 'age_band', 'meets_role_qualification'],
        flags: {
          starter: (row) => isStarter(row.start_date, yearStart, context.period),
          sickness_recorded: (row) => row.days_sick !== null,
        },
        sums: ['fte', 'days_sick'],
      },
      { keys: PEOPLE_KEYS, sums: [] },
    ],
    Object.keys(DATASETS.workforce.columns),
  );
  return {
    add: (row, valueIds) => tallies.add(row, valueIds),
    finish() {
      return [
        {
          table: WORKFORCE_BY_TYPE,
          fileName: context.partnerId,
          data: withPartner(byTypeTable(tallies.table(0)), context),
        },
        {
          table: RECRUITMENT_PRESSURE,
          fileName: `${context.partnerId}.workforce`,
          data: pressureTable(workforcePressure(tallies.table(1)), context, 'workforce'),
        },
        {
          table: WORKFORCE_DIVERSITY,
          fileName: context.partnerId,
          data: withPartner(diversity(tallies.table(2)), context),
        },
      ];
    },
  };
}

function byTypeTable(tally: ColumnTable): ColumnTable {
  return tally.groupby(...BY_TYPE_KEYS).rollup({ headcount: op.sum('rows'), fte: op.sum('fte') });
}

/** The counts behind the DfE rates: employees and agency workers apart, starters, the over-55s, skills gaps, sickness. */
function workforcePressure(tally: ColumnTable): ColumnTable {
  return tally
    .derive({
      employee: (d: Fields) => (d.employment_basis === 'employee' ? 1 : 0),
      agency: (d: Fields) => (d.employment_basis === 'agency' ? 1 : 0),
    })
    .groupby(...PRESSURE_KEYS)
    .rollup({
      employees_headcount: (d: Fields) => op.sum(d.employee * d.rows),
      employees_fte: (d: Fields) => op.sum(d.employee * d.fte),
      agency_headcount: (d: Fields) => op.sum(d.agency * d.rows),
      agency_fte: (d: Fields) => op.sum(d.agency * d.fte),
      starters_headcount: (d: Fields) => op.sum(d.starter ? d.employee * d.rows : 0),
      starters_fte: (d: Fields) => op.sum(d.starter ? d.employee * d.fte : 0),
      aged_55_plus_headcount: (d: Fields) =>
        op.sum(d.age_band === '55_64' || d.age_band === '65_plus' ? d.employee * d.rows : 0),
      qualification_known_headcount: (d: Fields) =>
        op.sum(d.meets_role_qualification != null ? d.employee * d.rows : 0),
      qualification_gap_headcount: (d: Fields) => op.sum(d.meets_role_qualification === 'no' ? d.employee * d.rows : 0),
      sickness_days: (d: Fields) => op.sum(d.sickness_recorded ? d.employee * d.days_sick : 0),
      sickness_recorded_fte: (d: Fields) => op.sum(d.sickness_recorded ? d.employee * d.fte : 0),
    });
}

function vacancyCounts(tally: ColumnTable): ColumnTable {
  return tally.groupby(...PRESSURE_KEYS).rollup({
    vacancies_fte: op.sum('vacancies_fte'),
    vacancies_agency_cover_fte: op.sum('agency_cover_fte'),
    hard_to_fill_vacancies_fte: (d: Fields) => op.sum(d.hard_to_fill === 'yes' ? d.vacancies_fte : 0),
  });
}

/** From people counted by every characteristic at once, the headcount by each characteristic in turn. */
function diversity(people: ColumnTable): ColumnTable {
  return people
    .params({ groups: ETHNIC_GROUP_OF })
    .derive({ ethnic_group: (d: Fields, $: Fields) => $.groups[d.ethnicity] || d.ethnicity })
    .fold(DIVERSITY_DIMENSIONS, { as: ['dimension', 'category'] })
    .groupby('sector', 'role', 'dimension', 'category')
    .rollup({ headcount: op.sum('rows') })
    .orderby('sector', 'role', 'dimension', 'category');
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
  const rows: Row[] = [];
  return {
    add: (row) => rows.push({ ...row }),
    finish: () => [
      { table: COMMUNITY_PROFILE, fileName: context.partnerId, data: communityProfileTable(rows, context.partnerId) },
    ],
  };
}

/** Community profile rows, with the broad ethnic groups added up from the ethnicity rows. */
export function communityProfileTable(rows: readonly Row[], partnerId: string): ColumnTable {
  const names = ['area_code', 'area_name', 'dimension', 'category', 'population', 'population_basis', 'source'];
  const profile = aq.table(Object.fromEntries(names.map((name) => [name, rows.map((row) => row[name] ?? null)])));
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
