import { declaredQuery, type RowOf } from '../views/typed-query.ts';
import { typedRows, type RawResult } from '../views/typed-rows.ts';
import type { CharacteristicMeasure, EventMeasure } from './figures.ts';

/**
 * The lake's counts at the finest grain any published figure is built from, per period. They are
 * what disclosure control protects and what its audit solves for: every published count is a sum
 * of them.
 */
export interface PeopleCount {
  readonly period: string;
  readonly partner_id: string;
  readonly sector: string;
  readonly employer_type: string;
  readonly role: string;
  /** `not_given` where the file gave none. */
  readonly setting: string;
  readonly employment_basis: string;
  readonly headcount: number;
  readonly fte: number;
}

export interface EventCount {
  readonly period: string;
  readonly partner_id: string;
  readonly sector: string;
  readonly employer_type: string;
  readonly role: string;
  readonly counts: Readonly<Record<EventMeasure, number>>;
  readonly fte: Readonly<Record<'leavers' | 'starters', number>>;
}

export interface CharacteristicCount {
  readonly period: string;
  readonly partner_id: string;
  /** ethnicity, sex, age_band or disability (the broad ethnic group is derived from ethnicity). */
  readonly dimension: Exclude<CharacteristicMeasure, 'ethnic_group'>;
  readonly category: string;
  readonly headcount: number;
}

export interface BaseCounts {
  readonly people: readonly PeopleCount[];
  readonly events: readonly EventCount[];
  readonly characteristics: readonly CharacteristicCount[];
}

const text = 'varchar';
const bigint = 'bigint';
const double = 'double';

/**
 * The queries that read them, over the lake's tables, in the SQL Athena and DuckDB run alike, with
 * the columns each returns. One row per period and cell; periods come back as text.
 */
export const BASE_COUNT_QUERIES = {
  base_people: declaredQuery(
    `SELECT CAST(period AS VARCHAR) AS period, partner_id, sector, employer_type, role,
  COALESCE(setting, 'not_given') AS setting, employment_basis,
  CAST(SUM(headcount) AS BIGINT) AS headcount, SUM(COALESCE(fte, 0)) AS fte
FROM workforce_by_type
GROUP BY period, partner_id, sector, employer_type, role, COALESCE(setting, 'not_given'), employment_basis
ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    {
      period: text,
      partner_id: text,
      sector: text,
      employer_type: text,
      role: text,
      setting: text,
      employment_basis: text,
      headcount: bigint,
      fte: double,
    },
    ['period', 'partner_id', 'sector', 'employer_type', 'role', 'setting', 'employment_basis'],
  ),

  base_events: declaredQuery(
    `SELECT CAST(period AS VARCHAR) AS period, partner_id, sector, employer_type, role,
  CAST(SUM(leavers_headcount) AS BIGINT) AS leavers, SUM(COALESCE(leavers_fte, 0)) AS leavers_fte,
  CAST(SUM(starters_headcount) AS BIGINT) AS starters, SUM(COALESCE(starters_fte, 0)) AS starters_fte,
  CAST(SUM(aged_55_plus_headcount) AS BIGINT) AS aged_55_plus,
  CAST(SUM(qualification_known_headcount) AS BIGINT) AS qualification_known,
  CAST(SUM(qualification_gap_headcount) AS BIGINT) AS qualification_gap
FROM recruitment_pressure
GROUP BY period, partner_id, sector, employer_type, role
ORDER BY 1, 2, 3, 4, 5`,
    {
      period: text,
      partner_id: text,
      sector: text,
      employer_type: text,
      role: text,
      leavers: bigint,
      leavers_fte: double,
      starters: bigint,
      starters_fte: double,
      aged_55_plus: bigint,
      qualification_known: bigint,
      qualification_gap: bigint,
    },
    ['period', 'partner_id', 'sector', 'employer_type', 'role'],
  ),

  base_characteristics: declaredQuery(
    `SELECT CAST(period AS VARCHAR) AS period, partner_id, dimension, category, CAST(SUM(headcount) AS BIGINT) AS headcount
FROM workforce_diversity
WHERE dimension IN ('ethnicity', 'sex', 'age_band', 'disability')
GROUP BY period, partner_id, dimension, category
ORDER BY 1, 2, 3, 4`,
    { period: text, partner_id: text, dimension: text, category: text, headcount: bigint },
    ['period', 'partner_id', 'dimension', 'category'],
  ),
} as const;

export type BaseCountQueryName = keyof typeof BASE_COUNT_QUERIES;
type BaseRows = { readonly [N in keyof typeof BASE_COUNT_QUERIES]: readonly RowOf<(typeof BASE_COUNT_QUERIES)[N]>[] };

/** The base counts from the rows of BASE_COUNT_QUERIES (a missing count is none). */
export function baseCountsFrom(rows: BaseRows): BaseCounts {
  return {
    people: rows.base_people.map((r) => ({
      period: r.period,
      partner_id: r.partner_id,
      sector: r.sector,
      employer_type: r.employer_type,
      role: r.role,
      setting: r.setting,
      employment_basis: r.employment_basis,
      headcount: r.headcount ?? 0,
      fte: r.fte ?? 0,
    })),
    events: rows.base_events.map((r) => ({
      period: r.period,
      partner_id: r.partner_id,
      sector: r.sector,
      employer_type: r.employer_type,
      role: r.role,
      counts: {
        leavers: r.leavers ?? 0,
        starters: r.starters ?? 0,
        aged_55_plus: r.aged_55_plus ?? 0,
        qualification_known: r.qualification_known ?? 0,
        qualification_gap: r.qualification_gap ?? 0,
      },
      fte: { leavers: r.leavers_fte ?? 0, starters: r.starters_fte ?? 0 },
    })),
    characteristics: rows.base_characteristics.map((r) => ({
      period: r.period,
      partner_id: r.partner_id,
      dimension: r.dimension as CharacteristicCount['dimension'],
      category: r.category,
      headcount: r.headcount ?? 0,
    })),
  };
}

/** The base counts from an engine's answers to BASE_COUNT_QUERIES, each checked against its declaration. */
export function baseCountsFromResults(results: Readonly<Record<BaseCountQueryName, RawResult>>): BaseCounts {
  return baseCountsFrom({
    base_people: typedRows('base_people', BASE_COUNT_QUERIES.base_people, results.base_people),
    base_events: typedRows('base_events', BASE_COUNT_QUERIES.base_events, results.base_events),
    base_characteristics: typedRows(
      'base_characteristics',
      BASE_COUNT_QUERIES.base_characteristics,
      results.base_characteristics,
    ),
  });
}
