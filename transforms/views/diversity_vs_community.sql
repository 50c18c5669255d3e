-- The workforce's diversity against the community it serves (the Trust's community areas), per
-- period, per partner and for the Trust as a whole (partner_id 'ALL'), by dimension and category.
-- For each area and dimension the latest community profile is used: an upload replaces the
-- built-in Census 2021 figures (ethnicity and disability: residents of all ages; sex and age band:
-- residents aged 16 to 64). community_basis says who the dimension's community figures cover
-- (NULL where no profile is held, or an upload does not say), community_source where they come
-- from (two sources joined by '; ' when the Trust's areas differ).
-- The comparison is like with like: for a category the community profile counts, the workforce
-- share is of the people in the categories it counts (workforce_share_base), so that both shares
-- add up to 100 - staff aged 65 and over are not set against residents aged 16 to 64, nor sex
-- 'other' against a Census that records female and male only. A category outside the comparison,
-- or a dimension with no profile, has its share of everyone whose category is known. Shares are
-- percentages (0-100); not_known and refused have none.
-- The interval is the Wilson score 95% interval of the workforce share: with z = 1.96,
-- (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n); 1.9208 = z²/2, 3.8416 = z², 0.9604 = z²/4.
-- The assessment is NULL for not_known/refused, and where there is no community figure to compare
-- with. suppressed: the headcount is small (1 to threshold - 1: threshold.ts).
WITH workforce AS (
  SELECT
    period,
    CASE WHEN GROUPING(partner_id) = 1 THEN 'ALL' ELSE partner_id END AS partner_id,
    dimension,
    category,
    CAST(SUM(headcount) AS BIGINT) AS workforce_headcount
  FROM workforce_diversity
  GROUP BY GROUPING SETS ((period, partner_id, dimension, category), (period, dimension, category))
),
totals AS (
  SELECT
    period,
    partner_id,
    dimension,
    CAST(SUM(workforce_headcount) AS BIGINT) AS total_headcount,
    CAST(SUM(CASE WHEN category IN ('not_known', 'refused') THEN 0 ELSE workforce_headcount END) AS BIGINT) AS known_headcount
  FROM workforce
  GROUP BY period, partner_id, dimension
),
latest_profile AS (
  SELECT area_code, dimension, MAX(period) AS period
  FROM community_profile
  WHERE area_code IN ({{community_areas}})
  GROUP BY area_code, dimension
),
community AS (
  SELECT c.dimension, c.category, CAST(SUM(c.population) AS BIGINT) AS community_population
  FROM community_profile c
  JOIN latest_profile l ON c.area_code = l.area_code AND c.dimension = l.dimension AND c.period = l.period
  WHERE c.category NOT IN ('not_known', 'refused')
  GROUP BY c.dimension, c.category
),
community_totals AS (
  SELECT dimension, CAST(SUM(community_population) AS BIGINT) AS community_total
  FROM community
  GROUP BY dimension
),
community_basis AS (
  SELECT
    c.dimension,
    CASE
      WHEN MIN(COALESCE(c.population_basis, '')) = MAX(COALESCE(c.population_basis, '')) THEN MAX(c.population_basis)
      ELSE 'different bases in different areas'
    END AS community_basis,
    CASE
      WHEN MIN(COALESCE(c.source, '')) = MAX(COALESCE(c.source, '')) THEN MAX(c.source)
      ELSE MIN(c.source) || '; ' || MAX(c.source)
    END AS community_source
  FROM community_profile c
  JOIN latest_profile l ON c.area_code = l.area_code AND c.dimension = l.dimension AND c.period = l.period
  GROUP BY c.dimension
),
compared AS (
  SELECT w.period, w.partner_id, w.dimension, CAST(SUM(w.workforce_headcount) AS BIGINT) AS compared_headcount
  FROM workforce w
  JOIN community c ON c.dimension = w.dimension AND c.category = w.category
  GROUP BY w.period, w.partner_id, w.dimension
),
frame AS (
  SELECT period, partner_id, dimension, category FROM workforce
  UNION
  SELECT t.period, t.partner_id, c.dimension, c.category
  FROM totals t
  JOIN community c ON c.dimension = t.dimension
),
based AS (
  SELECT
    f.period,
    f.partner_id,
    f.dimension,
    f.category,
    COALESCE(w.workforce_headcount, 0) AS workforce_headcount,
    t.known_headcount AS workforce_known_headcount,
    t.total_headcount,
    CASE
      WHEN f.category IN ('not_known', 'refused') THEN NULL
      WHEN c.category IS NOT NULL THEN CAST(COALESCE(cmp.compared_headcount, 0) AS BIGINT)
      ELSE t.known_headcount
    END AS workforce_share_base,
    c.community_population,
    ct.community_total,
    b.community_basis,
    b.community_source
  FROM frame f
  JOIN totals t ON t.period = f.period AND t.partner_id = f.partner_id AND t.dimension = f.dimension
  LEFT JOIN workforce w ON w.period = f.period AND w.partner_id = f.partner_id AND w.dimension = f.dimension AND w.category = f.category
  LEFT JOIN community c ON c.dimension = f.dimension AND c.category = f.category
  LEFT JOIN community_totals ct ON ct.dimension = f.dimension
  LEFT JOIN community_basis b ON b.dimension = f.dimension
  LEFT JOIN compared cmp ON cmp.period = f.period AND cmp.partner_id = f.partner_id AND cmp.dimension = f.dimension
),
shares AS (
  SELECT
    based.*,
    CAST(total_headcount - workforce_known_headcount AS DOUBLE)
      / NULLIF(CAST(total_headcount AS DOUBLE), 0) AS not_known_proportion,
    CAST(workforce_headcount AS DOUBLE) / NULLIF(CAST(workforce_share_base AS DOUBLE), 0) AS p,
    CAST(workforce_share_base AS DOUBLE) AS n,
    CAST(community_population AS DOUBLE) / NULLIF(CAST(community_total AS DOUBLE), 0) AS q
  FROM based
),
intervals AS (
  SELECT
    shares.*,
    CAST(p + 1.9208 / NULLIF(CAST(n AS DOUBLE), 0) AS DOUBLE) / NULLIF(CAST(1 + 3.8416 / NULLIF(CAST(n AS DOUBLE), 0) AS DOUBLE), 0) AS centre,
    1.96 * CAST(sqrt(p * (1 - p) / NULLIF(CAST(n AS DOUBLE), 0) + 0.9604 / NULLIF(CAST(n * n AS DOUBLE), 0)) AS DOUBLE)
      / NULLIF(CAST(1 + 3.8416 / NULLIF(CAST(n AS DOUBLE), 0) AS DOUBLE), 0) AS half_width
  FROM shares
)
SELECT
  period,
  partner_id,
  dimension,
  category,
  workforce_headcount,
  workforce_known_headcount,
  workforce_share_base,
  100 * not_known_proportion AS not_known_share,
  100 * p AS workforce_share,
  100 * (centre - half_width) AS share_ci_low,
  100 * (centre + half_width) AS share_ci_high,
  community_population,
  100 * q AS community_share,
  community_basis,
  community_source,
  CAST(p AS DOUBLE) / NULLIF(CAST(q AS DOUBLE), 0) AS representation_ratio,
  CASE
    WHEN p IS NULL OR q IS NULL THEN NULL
    WHEN n < 30 OR q * n < 5 THEN 'insufficient_data'
    WHEN centre + half_width < q THEN 'under_represented'
    WHEN centre - half_width > q THEN 'over_represented'
    ELSE 'in_line'
  END AS assessment,
  {{small_count(workforce_headcount)}} AS suppressed
FROM intervals
