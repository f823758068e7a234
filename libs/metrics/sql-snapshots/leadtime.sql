-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(CASE WHEN reached THEN n ELSE 0 END) AS INTEGER) AS reached, CAST(sum(CASE WHEN reached THEN k ELSE 0 END) AS DOUBLE) AS reached__k,
  CAST(sum(CASE WHEN decided THEN n ELSE 0 END) AS INTEGER) AS decided, CAST(sum(CASE WHEN decided THEN k ELSE 0 END) AS DOUBLE) AS decided__k
FROM agg_leadtime_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- stats
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31"]
SELECT region_code, 0 AS measure, days_to_first_wp AS d, CAST(sum(n) AS INTEGER) AS c
FROM agg_days_to_first_wp_y
WHERE days_to_first_wp IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_first_wp
UNION ALL
SELECT region_code, 1 AS measure, days_to_decision AS d, CAST(sum(n) AS INTEGER) AS c
FROM agg_days_to_decision_y
WHERE days_to_decision IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_decision;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(CASE WHEN reached THEN n ELSE 0 END) AS INTEGER) AS reached, CAST(sum(CASE WHEN reached THEN k ELSE 0 END) AS DOUBLE) AS reached__k,
  CAST(sum(CASE WHEN decided THEN n ELSE 0 END) AS INTEGER) AS decided, CAST(sum(CASE WHEN decided THEN k ELSE 0 END) AS DOUBLE) AS decided__k
FROM agg_leadtime_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- stats
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31"]
SELECT region_code, 0 AS measure, days_to_first_wp AS d, CAST(sum(n) AS INTEGER) AS c
FROM agg_days_to_first_wp_y
WHERE days_to_first_wp IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_first_wp
UNION ALL
SELECT region_code, 1 AS measure, days_to_decision AS d, CAST(sum(n) AS INTEGER) AS c
FROM agg_days_to_decision_y
WHERE days_to_decision IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_decision;
