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

/**
 * The queries that read them, over the lake's tables, in the SQL Athena and DuckDB run alike.
 * One row per period and cell; periods come back as text.
 */
export const BASE_COUNT_QUERIES = {
  base_people: `SELECT CAST(period AS VARCHAR) AS period, partner_id, sector, employer_type, role,
  COALESCE(setting, 'not_given') AS setting, employment_basis,
  CAST(SUM(headcount) AS BIGINT) AS headcount, SUM(COALESCE(fte, 0)) AS fte
FROM workforce_by_type
GROUP BY period, partner_id, sector, employer_type, role, COALESCE(setting, 'not_given'), employment_basis
ORDER BY 1, 2, 3, 4, 5, 6, 7`,

  base_events: `SELECT CAST(period AS VARCHAR) AS period, partner_id, sector, employer_type, role,
  CAST(SUM(leavers_headcount) AS BIGINT) AS leavers, SUM(COALESCE(leavers_fte, 0)) AS leavers_fte,
  CAST(SUM(starters_headcount) AS BIGINT) AS starters, SUM(COALESCE(starters_fte, 0)) AS starters_fte,
  CAST(SUM(aged_55_plus_headcount) AS BIGINT) AS aged_55_plus,
  CAST(SUM(qualification_known_headcount) AS BIGINT) AS qualification_known,
  CAST(SUM(qualification_gap_headcount) AS BIGINT) AS qualification_gap
FROM recruitment_pressure
GROUP BY period, partner_id, sector, employer_type, role
ORDER BY 1, 2, 3, 4, 5`,

  base_characteristics: `SELECT CAST(period AS VARCHAR) AS period, partner_id, dimension, category, CAST(SUM(headcount) AS BIGINT) AS headcount
FROM workforce_diversity
WHERE dimension IN ('ethnicity', 'sex', 'age_band', 'disability')
GROUP BY period, partner_id, dimension, category
ORDER BY 1, 2, 3, 4`,
} as const;

type Row = Readonly<Record<string, unknown>>;
const text = (value: unknown) => String(value);
const number = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/** The base counts from the rows of BASE_COUNT_QUERIES. */
export function baseCountsFrom(rows: { readonly base_people: readonly Row[]; readonly base_events: readonly Row[]; readonly base_characteristics: readonly Row[] }): BaseCounts {
  return {
    people: rows.base_people.map((r) => ({
      period: text(r.period),
      partner_id: text(r.partner_id),
      sector: text(r.sector),
      employer_type: text(r.employer_type),
      role: text(r.role),
      setting: text(r.setting),
      employment_basis: text(r.employment_basis),
      headcount: number(r.headcount),
      fte: number(r.fte),
    })),
    events: rows.base_events.map((r) => ({
      period: text(r.period),
      partner_id: text(r.partner_id),
      sector: text(r.sector),
      employer_type: text(r.employer_type),
      role: text(r.role),
      counts: {
        leavers: number(r.leavers),
        starters: number(r.starters),
        aged_55_plus: number(r.aged_55_plus),
        qualification_known: number(r.qualification_known),
        qualification_gap: number(r.qualification_gap),
      },
      fte: { leavers: number(r.leavers_fte), starters: number(r.starters_fte) },
    })),
    characteristics: rows.base_characteristics.map((r) => ({
      period: text(r.period),
      partner_id: text(r.partner_id),
      dimension: text(r.dimension) as CharacteristicCount['dimension'],
      category: text(r.category),
      headcount: number(r.headcount),
    })),
  };
}
