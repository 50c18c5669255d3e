-- The whole workforce by type, number and setting: headcount and FTE for the Trust and each
-- partner, by sector, employer type, role, setting and employment basis. A rolled-up column holds
-- 'ALL'; a setting not given reads 'not_given'. suppressed: the headcount is small (1 to threshold - 1: threshold.ts).
WITH grouped AS (
  SELECT
    period,
    CASE WHEN GROUPING(partner_id) = 1 THEN 'ALL' ELSE partner_id END AS partner_id,
    CASE WHEN GROUPING(sector) = 1 THEN 'ALL' ELSE sector END AS sector,
    CASE WHEN GROUPING(employer_type) = 1 THEN 'ALL' ELSE employer_type END AS employer_type,
    CASE WHEN GROUPING(role) = 1 THEN 'ALL' ELSE role END AS role,
    CASE WHEN GROUPING(setting) = 1 THEN 'ALL' ELSE COALESCE(setting, 'not_given') END AS setting,
    CASE WHEN GROUPING(employment_basis) = 1 THEN 'ALL' ELSE employment_basis END AS employment_basis,
    CAST(SUM(headcount) AS BIGINT) AS headcount,
    SUM(fte) AS fte
  FROM workforce_by_type
  GROUP BY GROUPING SETS (
    (period),
    (period, partner_id),
    (period, sector),
    (period, employer_type),
    (period, sector, employer_type),
    (period, sector, role),
    (period, setting),
    (period, employment_basis),
    (period, partner_id, sector)
  )
)
SELECT
  grouped.*,
  {{small_count(headcount)}} AS suppressed
FROM grouped
