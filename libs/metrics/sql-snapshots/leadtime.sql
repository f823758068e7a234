-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  CAST(sum(CASE WHEN reached THEN n ELSE 0 END) AS BIGINT) AS reached, CAST(sum(CASE WHEN reached THEN k ELSE 0 END) AS BIGINT) AS reached__k,
  CAST(sum(CASE WHEN decided THEN n ELSE 0 END) AS BIGINT) AS decided, CAST(sum(CASE WHEN decided THEN k ELSE 0 END) AS BIGINT) AS decided__k
FROM agg_leadtime_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- stats
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31"]
WITH h AS (
  SELECT region_code, 'days_to_first_wp' AS measure, days_to_first_wp AS d, CAST(sum(n) AS BIGINT) AS c, CAST(sum(k) AS BIGINT) AS c__k
  FROM agg_days_to_first_wp_y
  WHERE days_to_first_wp IS NOT NULL
    AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
  GROUP BY GROUPING SETS ((region_code, days_to_first_wp), (days_to_first_wp))
  UNION ALL
  SELECT region_code, 'days_to_decision' AS measure, days_to_decision AS d, CAST(sum(n) AS BIGINT) AS c, CAST(sum(k) AS BIGINT) AS c__k
  FROM agg_days_to_decision_y
  WHERE days_to_decision IS NOT NULL
    AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
  GROUP BY GROUPING SETS ((region_code, days_to_decision), (days_to_decision))
), w AS (
  SELECT region_code, measure, d,
    sum(c) OVER (PARTITION BY region_code, measure ORDER BY d) AS upto,
    sum(c) OVER (PARTITION BY region_code, measure) AS total
  FROM h
), q AS (
  SELECT region_code, measure, min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.5)) + (CAST(total - 1 AS DOUBLE) * 0.5 - floor(CAST(total - 1 AS DOUBLE) * 0.5)) * (min(d) FILTER (WHERE upto > ceil(CAST(total - 1 AS DOUBLE) * 0.5)) - min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.5))) AS p50, min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.9)) + (CAST(total - 1 AS DOUBLE) * 0.9 - floor(CAST(total - 1 AS DOUBLE) * 0.9)) * (min(d) FILTER (WHERE upto > ceil(CAST(total - 1 AS DOUBLE) * 0.9)) - min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.9))) AS p90
  FROM w
  GROUP BY region_code, measure, total
)
SELECT region_code,
  max(CASE WHEN measure = 'days_to_first_wp' THEN p50 END) AS median_days_to_first_wp,
  max(CASE WHEN measure = 'days_to_first_wp' THEN p90 END) AS p90_days_to_first_wp,
  max(CASE WHEN measure = 'days_to_decision' THEN p50 END) AS median_days_to_decision,
  max(CASE WHEN measure = 'days_to_decision' THEN p90 END) AS p90_days_to_decision
FROM q
GROUP BY region_code;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  CAST(sum(CASE WHEN reached THEN n ELSE 0 END) AS BIGINT) AS reached, CAST(sum(CASE WHEN reached THEN k ELSE 0 END) AS BIGINT) AS reached__k,
  CAST(sum(CASE WHEN decided THEN n ELSE 0 END) AS BIGINT) AS decided, CAST(sum(CASE WHEN decided THEN k ELSE 0 END) AS BIGINT) AS decided__k
FROM agg_leadtime_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- stats
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31"]
WITH h AS (
  SELECT region_code, 'days_to_first_wp' AS measure, days_to_first_wp AS d, CAST(sum(n) AS BIGINT) AS c, CAST(sum(k) AS BIGINT) AS c__k
  FROM agg_days_to_first_wp_y
  WHERE days_to_first_wp IS NOT NULL
    AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
  GROUP BY region_code, days_to_first_wp
  UNION ALL
  SELECT region_code, 'days_to_decision' AS measure, days_to_decision AS d, CAST(sum(n) AS BIGINT) AS c, CAST(sum(k) AS BIGINT) AS c__k
  FROM agg_days_to_decision_y
  WHERE days_to_decision IS NOT NULL
    AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
  GROUP BY region_code, days_to_decision
), w AS (
  SELECT region_code, measure, d,
    sum(c) OVER (PARTITION BY region_code, measure ORDER BY d) AS upto,
    sum(c) OVER (PARTITION BY region_code, measure) AS total
  FROM h
), q AS (
  SELECT region_code, measure, min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.5)) + (CAST(total - 1 AS DOUBLE) * 0.5 - floor(CAST(total - 1 AS DOUBLE) * 0.5)) * (min(d) FILTER (WHERE upto > ceil(CAST(total - 1 AS DOUBLE) * 0.5)) - min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.5))) AS p50, min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.9)) + (CAST(total - 1 AS DOUBLE) * 0.9 - floor(CAST(total - 1 AS DOUBLE) * 0.9)) * (min(d) FILTER (WHERE upto > ceil(CAST(total - 1 AS DOUBLE) * 0.9)) - min(d) FILTER (WHERE upto > floor(CAST(total - 1 AS DOUBLE) * 0.9))) AS p90
  FROM w
  GROUP BY region_code, measure, total
)
SELECT region_code,
  max(CASE WHEN measure = 'days_to_first_wp' THEN p50 END) AS median_days_to_first_wp,
  max(CASE WHEN measure = 'days_to_first_wp' THEN p90 END) AS p90_days_to_first_wp,
  max(CASE WHEN measure = 'days_to_decision' THEN p50 END) AS median_days_to_decision,
  max(CASE WHEN measure = 'days_to_decision' THEN p90 END) AS p90_days_to_decision
FROM q
GROUP BY region_code;
