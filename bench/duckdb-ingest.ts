// The ingest's work in DuckDB, one thread: read the CSV as text, check every column in SQL, cast,
// group, and write the three tables as Parquet. Shared by the ingest row's worker and the whole
// run's reference.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  AGE_BAND,
  CONTRACT,
  DISABILITY,
  EMPLOYER_TYPE,
  EMPLOYMENT_BASIS,
  ETHNICITY,
  ROLE,
  SECTOR,
  SETTING,
  SEX,
  type CodeList,
} from '../transforms/contract/code-lists.ts';

/** The Parquet file a table is written to. */
export type ParquetTarget = (table: 'workforce_by_type' | 'recruitment_pressure' | 'workforce_diversity') => string;

const codes = (list: CodeList) => list.entries.map((e) => `'${e.code}'`).join(', ');
const START_DATE = "try_strptime(start_date, ['%Y-%m-%d', '%d/%m/%Y'])";

/** Runs the checks and writes the tables; returns the checks' counts (rows, and bad values by column). */
export async function duckdbIngest(
  db: DuckDBConnection,
  options: {
    readonly file: string;
    readonly period: string;
    readonly partnerId: string;
    readonly target: ParquetTarget;
  },
): Promise<Record<string, unknown>> {
  const { file, period, target } = options;
  const partner = `'${options.partnerId}'`;
  await db.run(`CREATE TABLE raw AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`);
  const checks = await db.runAndReadAll(`SELECT
  count(*) AS rows,
  count(*) FILTER (WHERE staff_ref IS NULL OR NOT regexp_full_match(staff_ref, '[A-Za-z0-9_.-]{1,64}')) AS bad_staff_ref,
  count(*) - count(DISTINCT staff_ref) AS duplicate_staff_ref,
  count(*) FILTER (WHERE sector NOT IN (${codes(SECTOR)})) AS bad_sector,
  count(*) FILTER (WHERE employer_type NOT IN (${codes(EMPLOYER_TYPE)})) AS bad_employer_type,
  count(*) FILTER (WHERE role NOT IN (${codes(ROLE)})) AS bad_role,
  count(*) FILTER (WHERE setting IS NOT NULL AND setting NOT IN (${codes(SETTING)})) AS bad_setting,
  count(*) FILTER (WHERE employment_basis NOT IN (${codes(EMPLOYMENT_BASIS)})) AS bad_basis,
  count(*) FILTER (WHERE contract IS NOT NULL AND contract NOT IN (${codes(CONTRACT)})) AS bad_contract,
  count(*) FILTER (WHERE fte IS NOT NULL AND (try_cast(fte AS DOUBLE) IS NULL OR try_cast(fte AS DOUBLE) NOT BETWEEN 0 AND 1.5)) AS bad_fte,
  count(*) FILTER (WHERE start_date IS NOT NULL AND ${START_DATE} IS NULL) AS bad_start_date,
  count(*) FILTER (WHERE age_band NOT IN (${codes(AGE_BAND)})) AS bad_age_band,
  count(*) FILTER (WHERE sex NOT IN (${codes(SEX)})) AS bad_sex,
  count(*) FILTER (WHERE ethnicity NOT IN (${codes(ETHNICITY)})) AS bad_ethnicity,
  count(*) FILTER (WHERE disability NOT IN (${codes(DISABILITY)})) AS bad_disability,
  count(*) FILTER (WHERE days_sick IS NOT NULL AND (try_cast(days_sick AS DOUBLE) IS NULL OR try_cast(days_sick AS DOUBLE) NOT BETWEEN 0 AND 366)) AS bad_days_sick,
  count(*) FILTER (WHERE employment_basis = 'employee' AND contract IS NULL) AS missing_contract,
  count(*) FILTER (WHERE employment_basis <> 'employee' AND contract IS NOT NULL) AS contract_not_employee
FROM raw`);
  const parquet = (name: Parameters<ParquetTarget>[0]) =>
    `'${target(name).replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION snappy)`;
  const employee = "employment_basis = 'employee'";
  const starter = `${employee} AND coalesce(${START_DATE}::DATE, DATE '1900-01-01') > DATE '${period}' - INTERVAL 1 YEAR`;
  await db.run(`COPY (SELECT ${partner} AS partner_id, sector, employer_type, role, setting, employment_basis, contract, locality,
  count(*) AS headcount, coalesce(sum(try_cast(fte AS DOUBLE)), 0) AS fte FROM raw GROUP BY ALL) TO ${parquet('workforce_by_type')}`);
  await db.run(`COPY (SELECT ${partner} AS partner_id, 'workforce' AS source_dataset, sector, employer_type, role,
  count(*) FILTER (WHERE ${employee}) AS employees_headcount,
  coalesce(sum(try_cast(fte AS DOUBLE)) FILTER (WHERE ${employee}), 0) AS employees_fte,
  count(*) FILTER (WHERE employment_basis = 'agency') AS agency_headcount,
  coalesce(sum(try_cast(fte AS DOUBLE)) FILTER (WHERE employment_basis = 'agency'), 0) AS agency_fte,
  CAST(NULL AS DOUBLE) AS vacancies_fte, CAST(NULL AS DOUBLE) AS vacancies_agency_cover_fte,
  CAST(NULL AS DOUBLE) AS hard_to_fill_vacancies_fte, CAST(NULL AS BIGINT) AS leavers_headcount,
  CAST(NULL AS DOUBLE) AS leavers_fte,
  count(*) FILTER (WHERE ${starter}) AS starters_headcount,
  coalesce(sum(try_cast(fte AS DOUBLE)) FILTER (WHERE ${starter}), 0) AS starters_fte,
  count(*) FILTER (WHERE ${employee} AND age_band IN ('55_64', '65_plus')) AS aged_55_plus_headcount,
  count(*) FILTER (WHERE ${employee} AND meets_role_qualification IS NOT NULL) AS qualification_known_headcount,
  count(*) FILTER (WHERE ${employee} AND meets_role_qualification = 'no') AS qualification_gap_headcount,
  coalesce(sum(try_cast(days_sick AS DOUBLE)) FILTER (WHERE ${employee}), 0) AS sickness_days,
  coalesce(sum(try_cast(fte AS DOUBLE)) FILTER (WHERE ${employee} AND days_sick IS NOT NULL), 0) AS sickness_recorded_fte
  FROM raw GROUP BY ALL) TO ${parquet('recruitment_pressure')}`);
  await db.run(`COPY (SELECT ${partner} AS partner_id, sector, role, dimension, category, count(*) AS headcount FROM (
  UNPIVOT (SELECT sector, role, ethnicity, split_part(ethnicity, '_', 1) AS ethnic_group, sex, age_band, disability FROM raw)
  ON ethnicity, ethnic_group, sex, age_band, disability INTO NAME dimension VALUE category) GROUP BY ALL) TO ${parquet('workforce_diversity')}`);
  return checks.getRowObjectsJson()[0] ?? {};
}
