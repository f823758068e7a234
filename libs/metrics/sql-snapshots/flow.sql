-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, path, final_wp_outcome, CAST(year(received_at) AS INTEGER) AS bin, n AS n, CAST(k AS DOUBLE) AS n__k
FROM agg_flow_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- links
-- params: ["2024-01-01","2024-12-31"]
SELECT source, receiving_party, path, last_pre_outcome, final_wp_outcome, CAST(year(received_at) AS INTEGER) AS bin, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_links_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY source, receiving_party, path, last_pre_outcome, final_wp_outcome, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, path, final_wp_outcome, CAST(year(received_at) AS INTEGER) AS bin, n AS n, CAST(k AS DOUBLE) AS n__k
FROM agg_flow_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- links
-- params: ["VR13","2024-01-01","2024-12-31"]
SELECT source, receiving_party, path, last_pre_outcome, final_wp_outcome, CAST(year(received_at) AS INTEGER) AS bin, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_links_y
WHERE region_code IN (?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY source, receiving_party, path, last_pre_outcome, final_wp_outcome, bin;
