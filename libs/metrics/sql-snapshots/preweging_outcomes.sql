-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, body, outcome, enrichment, CAST(year(received_at) AS INTEGER) AS bin, n AS n, CAST(k AS DOUBLE) AS n__k
FROM agg_outcomes_y
WHERE stage = 'pre_weging'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, body, outcome, enrichment, CAST(year(received_at) AS INTEGER) AS bin, n AS n, CAST(k AS DOUBLE) AS n__k
FROM agg_outcomes_y
WHERE stage = 'pre_weging'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);
