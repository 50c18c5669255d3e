// The same work in DuckDB, one thread: read the CSV as text, check it in SQL, group, write Parquet.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
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

const [file, outDir, period] = process.argv.slice(2) as [string, string, string];
mkdirSync(outDir, { recursive: true });
const codes = (list: CodeList) => list.entries.map((e) => `'${e.code}'`).join(', ');
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const db = await instance.connect();
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
  count(*) FILTER (WHERE start_date IS NOT NULL AND try_strptime(start_date, ['%Y-%m-%d', '%d/%m/%Y']) IS NULL) AS bad_start_date,
  count(*) FILTER (WHERE age_band NOT IN (${codes(AGE_BAND)})) AS bad_age_band,
  count(*) FILTER (WHERE sex NOT IN (${codes(SEX)})) AS bad_sex,
  count(*) FILTER (WHERE ethnicity NOT IN (${codes(ETHNICITY)})) AS bad_ethnicity,
  count(*) FILTER (WHERE disability NOT IN (${codes(DISABILITY)})) AS bad_disability,
  count(*) FILTER (WHERE days_sick IS NOT NULL AND (try_cast(days_sick AS DOUBLE) IS NULL OR try_cast(days_sick AS DOUBLE) NOT BETWEEN 0 AND 366)) AS bad_days_sick,
  count(*) FILTER (WHERE employment_basis = 'employee' AND contract IS NULL) AS missing_contract,
  count(*) FILTER (WHERE employment_basis <> 'employee' AND contract IS NOT NULL) AS contract_not_employee
FROM raw`);
const parquet = (name: string) => `'${join(outDir, `${name}.parquet`)}' (FORMAT parquet, COMPRESSION snappy)`;
await db.run(`COPY (SELECT 'bench-partner' AS partner_id, sector, employer_type, role, setting, employment_basis, contract, locality,
  count(*) AS headcount, coalesce(sum(try_cast(fte AS DOUBLE)), 0) AS fte FROM raw GROUP BY ALL) TO ${parquet('workforce_by_type')}`);
await db.run(`COPY (SELECT 'bench-partner' AS partner_id, 'workforce' AS source_dataset, sector, employer_type, role,
  count(*) FILTER (WHERE employment_basis = 'employee') AS employees_headcount,
  coalesce(sum(try_cast(fte AS DOUBLE)) FILTER (WHERE employment_basis = 'employee'), 0) AS employees_fte,
  count(*) FILTER (WHERE employment_basis = 'agency') AS agency_headcount,
  coalesce(sum(try_cast(fte AS DOUBLE)) FILTER (WHERE employment_basis = 'agency'), 0) AS agency_fte,
  count(*) FILTER (WHERE employment_basis = 'employee' AND coalesce(try_strptime(start_date, ['%Y-%m-%d', '%d/%m/%Y'])::DATE, DATE '1900-01-01') > DATE '${period}' - INTERVAL 1 YEAR) AS starters_headcount,
  count(*) FILTER (WHERE employment_basis = 'employee' AND age_band IN ('55_64', '65_plus')) AS aged_55_plus_headcount,
  count(*) FILTER (WHERE employment_basis = 'employee' AND meets_role_qualification IS NOT NULL) AS qualification_known_headcount,
  count(*) FILTER (WHERE employment_basis = 'employee' AND meets_role_qualification = 'no') AS qualification_gap_headcount,
  coalesce(sum(try_cast(days_sick AS DOUBLE)) FILTER (WHERE employment_basis = 'employee'), 0) AS sickness_days
  FROM raw GROUP BY ALL) TO ${parquet('recruitment_pressure')}`);
await db.run(`COPY (SELECT 'bench-partner' AS partner_id, sector, role, dimension, category, count(*) AS headcount FROM (
  UNPIVOT (SELECT sector, role, ethnicity, split_part(ethnicity, '_', 1) AS ethnic_group, sex, age_band, disability FROM raw)
  ON ethnicity, ethnic_group, sex, age_band, disability INTO NAME dimension VALUE category) GROUP BY ALL) TO ${parquet('workforce_diversity')}`);
const seconds = (performance.now() - started) / 1000;
const row = checks.getRowObjectsJson()[0] as Record<string, unknown>;
db.closeSync();
instance.closeSync();
console.log(
  JSON.stringify({ seconds, rows: Number(row.rows), checks: row, peakRssBytes: process.resourceUsage().maxRSS * 1024 }),
);
