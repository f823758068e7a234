-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"none"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, path, has_pre, last_pre_outcome, last_pre_framework, CAST(year(received_at) AS INTEGER) AS bin, CAST(sum(n) AS INTEGER) AS n, CAST(sum(k) AS DOUBLE) AS n__k
FROM agg_path_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, path, has_pre, last_pre_outcome, last_pre_framework, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"receiving_party"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, receiving_party, path, has_pre, last_pre_outcome, last_pre_framework, CAST(year(received_at) AS INTEGER) AS bin, CAST(sum(n) AS INTEGER) AS n, CAST(sum(k) AS DOUBLE) AS n__k
FROM agg_path_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, receiving_party, path, has_pre, last_pre_outcome, last_pre_framework, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, path, has_pre, last_pre_outcome, last_pre_framework, CAST(year(received_at) AS INTEGER) AS bin, CAST(sum(n) AS INTEGER) AS n, CAST(sum(k) AS DOUBLE) AS n__k
FROM agg_path_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, path, has_pre, last_pre_outcome, last_pre_framework, bin;
