-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  coalesce(count_if(reached), 0) AS reached, coalesce(sum(CASE WHEN reached THEN rk ELSE 0 END), 0)::BIGINT AS reached__k,
  coalesce(count_if(decision_date IS NOT NULL), 0) AS decided, coalesce(sum(CASE WHEN decision_date IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS decided__k
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- stats
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31"]
SELECT region_code, 'days_to_first_wp' AS measure, days_to_first_wp AS days, CAST(sum(n) AS BIGINT) AS signals, CAST(sum(k) AS BIGINT) AS signals__k
FROM agg_days_to_first_wp
WHERE days_to_first_wp IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_first_wp
UNION ALL
SELECT region_code, 'days_to_decision' AS measure, days_to_decision AS days, CAST(sum(n) AS BIGINT) AS signals, CAST(sum(k) AS BIGINT) AS signals__k
FROM agg_days_to_decision
WHERE days_to_decision IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_decision;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  coalesce(count_if(reached), 0) AS reached, coalesce(sum(CASE WHEN reached THEN rk ELSE 0 END), 0)::BIGINT AS reached__k,
  coalesce(count_if(decision_date IS NOT NULL), 0) AS decided, coalesce(sum(CASE WHEN decision_date IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS decided__k
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- stats
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31"]
SELECT region_code, 'days_to_first_wp' AS measure, days_to_first_wp AS days, CAST(sum(n) AS BIGINT) AS signals, CAST(sum(k) AS BIGINT) AS signals__k
FROM agg_days_to_first_wp
WHERE days_to_first_wp IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_first_wp
UNION ALL
SELECT region_code, 'days_to_decision' AS measure, days_to_decision AS days, CAST(sum(n) AS BIGINT) AS signals, CAST(sum(k) AS BIGINT) AS signals__k
FROM agg_days_to_decision
WHERE days_to_decision IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, days_to_decision;
