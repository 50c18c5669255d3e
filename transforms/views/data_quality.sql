-- Coverage and data quality per period, partner and dataset: every configured partner appears
-- for every period anyone submitted for, so those who have not submitted show as 'missing'.
-- latest_status is the outcome of the partner's most recent file; in_force says whether an
-- accepted file is in force. Not-known shares are percentages of the partner's workforce, on the
-- rows of the dataset that counts the people ({{people_dataset}}, from the registry).
-- order_note is set when two uploads for the slot were stored in the same second under different
-- names, so their order could not be known (the one processed last is in force). The Trust's own
-- uploads (community profiles) are not a partner's and are left out.
WITH periods AS (
  SELECT DISTINCT period FROM submissions WHERE partner_id <> {{trust_uploader}}
),
partners AS (
  SELECT partner_id FROM (VALUES {{partners}}) AS configured (partner_id)
  UNION
  SELECT DISTINCT partner_id FROM submissions WHERE partner_id <> {{trust_uploader}}
),
datasets AS (
  SELECT dataset FROM (VALUES {{partner_datasets}}) AS contract (dataset)
),
expected AS (
  SELECT periods.period, partners.partner_id, datasets.dataset
  FROM periods
  CROSS JOIN partners
  CROSS JOIN datasets
),
ranked AS (
  SELECT
    submissions.*,
    ROW_NUMBER() OVER (PARTITION BY period, partner_id, dataset ORDER BY received_at DESC, processed_at DESC, upload_id DESC) AS recency
  FROM submissions
),
counts AS (
  SELECT
    period,
    partner_id,
    dataset,
    COUNT(*) AS submission_count,
    CAST(SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS BIGINT) AS rejected_count,
    CAST(SUM(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) AS BIGINT) AS accepted_count
  FROM submissions
  GROUP BY period, partner_id, dataset
),
not_known AS (
  SELECT
    period,
    partner_id,
    100 * CAST(SUM(CASE WHEN dimension = 'ethnicity' AND category IN ('not_known', 'refused') THEN headcount ELSE 0 END) AS DOUBLE)
      / NULLIF(CAST(SUM(CASE WHEN dimension = 'ethnicity' THEN headcount ELSE 0 END) AS DOUBLE), 0) AS ethnicity_not_known_share,
    100 * CAST(SUM(CASE WHEN dimension = 'disability' AND category IN ('not_known', 'refused') THEN headcount ELSE 0 END) AS DOUBLE)
      / NULLIF(CAST(SUM(CASE WHEN dimension = 'disability' THEN headcount ELSE 0 END) AS DOUBLE), 0) AS disability_not_known_share,
    100 * CAST(SUM(CASE WHEN dimension = 'sex' AND category IN ('not_known', 'refused') THEN headcount ELSE 0 END) AS DOUBLE)
      / NULLIF(CAST(SUM(CASE WHEN dimension = 'sex' THEN headcount ELSE 0 END) AS DOUBLE), 0) AS sex_not_known_share
  FROM workforce_diversity
  GROUP BY period, partner_id
)
SELECT
  e.period,
  e.partner_id,
  e.dataset,
  COALESCE(latest.status, 'missing') AS latest_status,
  COALESCE(counts.accepted_count, 0) > 0 AS in_force,
  CAST(COALESCE(counts.submission_count, 0) AS BIGINT) AS submission_count,
  CAST(COALESCE(counts.rejected_count, 0) AS BIGINT) AS rejected_count,
  latest.rows,
  latest.error_count AS errors,
  latest.warning_count AS warnings,
  latest.received_at AS latest_received_at,
  latest.order_note,
  CASE WHEN e.dataset = {{people_dataset}} THEN not_known.ethnicity_not_known_share END AS ethnicity_not_known_share,
  CASE WHEN e.dataset = {{people_dataset}} THEN not_known.disability_not_known_share END AS disability_not_known_share,
  CASE WHEN e.dataset = {{people_dataset}} THEN not_known.sex_not_known_share END AS sex_not_known_share
FROM expected e
LEFT JOIN ranked latest ON latest.period = e.period AND latest.partner_id = e.partner_id AND latest.dataset = e.dataset AND latest.recency = 1
LEFT JOIN counts ON counts.period = e.period AND counts.partner_id = e.partner_id AND counts.dataset = e.dataset
LEFT JOIN not_known ON not_known.period = e.period AND not_known.partner_id = e.partner_id
