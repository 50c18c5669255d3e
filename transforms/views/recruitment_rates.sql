-- Recruitment, retention and replacement rates, with the definitions of the DfE children's social
-- work workforce census. Counts are summed first; rates are computed from the sums, never
-- averaged. Rates are percentages (0-100), unrounded, NULL when the denominator is 0.
-- A rolled-up column holds 'ALL'. suppressed: a headcount behind the row is small (1 to threshold - 1: threshold.ts).
WITH grouped AS (
  SELECT
    period,
    CASE WHEN GROUPING(partner_id) = 1 THEN 'ALL' ELSE partner_id END AS partner_id,
    CASE WHEN GROUPING(sector) = 1 THEN 'ALL' ELSE sector END AS sector,
    CASE WHEN GROUPING(role) = 1 THEN 'ALL' ELSE role END AS role,
    CAST(SUM(employees_headcount) AS BIGINT) AS employees_headcount,
    SUM(employees_fte) AS employees_fte,
    CAST(SUM(agency_headcount) AS BIGINT) AS agency_headcount,
    SUM(agency_fte) AS agency_fte,
    SUM(vacancies_fte) AS vacancies_fte,
    SUM(vacancies_agency_cover_fte) AS vacancies_agency_cover_fte,
    SUM(hard_to_fill_vacancies_fte) AS hard_to_fill_vacancies_fte,
    CAST(SUM(leavers_headcount) AS BIGINT) AS leavers_headcount,
    SUM(leavers_fte) AS leavers_fte,
    CAST(SUM(starters_headcount) AS BIGINT) AS starters_headcount,
    SUM(starters_fte) AS starters_fte,
    CAST(SUM(aged_55_plus_headcount) AS BIGINT) AS aged_55_plus_headcount,
    CAST(SUM(qualification_known_headcount) AS BIGINT) AS qualification_known_headcount,
    CAST(SUM(qualification_gap_headcount) AS BIGINT) AS qualification_gap_headcount,
    SUM(sickness_days) AS sickness_days,
    SUM(sickness_recorded_fte) AS sickness_recorded_fte
  FROM recruitment_pressure
  GROUP BY GROUPING SETS (
    (period),
    (period, partner_id),
    (period, sector),
    (period, role),
    (period, partner_id, sector),
    (period, sector, role)
  )
)
SELECT
  period,
  partner_id,
  sector,
  role,
  employees_headcount,
  employees_fte,
  agency_headcount,
  agency_fte,
  vacancies_fte,
  vacancies_agency_cover_fte,
  hard_to_fill_vacancies_fte,
  leavers_headcount,
  leavers_fte,
  starters_headcount,
  starters_fte,
  aged_55_plus_headcount,
  qualification_known_headcount,
  qualification_gap_headcount,
  sickness_days,
  sickness_recorded_fte,
  100 * CAST(leavers_fte AS DOUBLE) / NULLIF(CAST(employees_fte AS DOUBLE), 0) AS turnover_rate,
  100 * CAST(leavers_headcount AS DOUBLE) / NULLIF(CAST(employees_headcount AS DOUBLE), 0) AS turnover_rate_headcount,
  100 * CAST(vacancies_fte AS DOUBLE) / NULLIF(CAST(vacancies_fte + employees_fte AS DOUBLE), 0) AS vacancy_rate,
  100 * CAST(agency_fte AS DOUBLE) / NULLIF(CAST(agency_fte + employees_fte AS DOUBLE), 0) AS agency_rate,
  100 * CAST(vacancies_agency_cover_fte AS DOUBLE) / NULLIF(CAST(agency_fte AS DOUBLE), 0) AS agency_cover_rate,
  100 * CAST(vacancies_agency_cover_fte AS DOUBLE) / NULLIF(CAST(vacancies_fte AS DOUBLE), 0) AS vacancy_cover_rate,
  100 * CAST(hard_to_fill_vacancies_fte AS DOUBLE) / NULLIF(CAST(vacancies_fte AS DOUBLE), 0) AS hard_to_fill_rate,
  100 * CAST(starters_fte AS DOUBLE) / NULLIF(CAST(employees_fte AS DOUBLE), 0) AS starter_rate,
  100 * CAST(aged_55_plus_headcount AS DOUBLE) / NULLIF(CAST(employees_headcount AS DOUBLE), 0) AS replacement_demand_rate,
  100 * CAST(qualification_gap_headcount AS DOUBLE) / NULLIF(CAST(qualification_known_headcount AS DOUBLE), 0) AS qualification_gap_rate,
  100 * CAST(sickness_days AS DOUBLE) / NULLIF(CAST(sickness_recorded_fte * 253 AS DOUBLE), 0) AS absence_rate,
  {{small_count(employees_headcount)}}
    OR {{small_count(agency_headcount)}}
    OR {{small_count(leavers_headcount)}} AS suppressed
FROM grouped
