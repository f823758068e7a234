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
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code,
  quantile_cont(days_to_first_wp, 0.5) AS median_days_to_first_wp,
  quantile_cont(days_to_first_wp, 0.9) AS p90_days_to_first_wp,
  quantile_cont(days_to_decision, 0.5) AS median_days_to_decision,
  quantile_cont(days_to_decision, 0.9) AS p90_days_to_decision
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY GROUPING SETS ((region_code), ());

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
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code,
  quantile_cont(days_to_first_wp, 0.5) AS median_days_to_first_wp,
  quantile_cont(days_to_first_wp, 0.9) AS p90_days_to_first_wp,
  quantile_cont(days_to_decision, 0.5) AS median_days_to_decision,
  quantile_cont(days_to_decision, 0.9) AS p90_days_to_decision
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;
