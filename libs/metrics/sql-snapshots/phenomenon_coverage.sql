-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon, CAST(year(received_at) AS INTEGER) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_phenomenon_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon, CAST(year(received_at) AS INTEGER) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_phenomenon_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);
