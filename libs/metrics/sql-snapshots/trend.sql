-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"phenomenon","grain":"month"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon AS category, (CAST(year(received_at) AS INTEGER) * 100 + CAST(month(received_at) AS INTEGER)) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_phenomenon
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"phenomenon","grain":"quarter"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon AS category, (CAST(year(received_at) AS INTEGER) * 10 + CAST(quarter(received_at) AS INTEGER)) AS bin, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_phenomenon
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, phenomenon, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"phenomenon","grain":"year"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon AS category, CAST(year(received_at) AS INTEGER) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_phenomenon_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"source","grain":"month"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, source AS category, (CAST(year(received_at) AS INTEGER) * 100 + CAST(month(received_at) AS INTEGER)) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_source
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"source","grain":"quarter"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, source AS category, (CAST(year(received_at) AS INTEGER) * 10 + CAST(quarter(received_at) AS INTEGER)) AS bin, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_source
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, source, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"source","grain":"year"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, source AS category, CAST(year(received_at) AS INTEGER) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_source_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"receiving_party","grain":"month"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, receiving_party AS category, (CAST(year(received_at) AS INTEGER) * 100 + CAST(month(received_at) AS INTEGER)) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_receiving_party
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"receiving_party","grain":"quarter"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, receiving_party AS category, (CAST(year(received_at) AS INTEGER) * 10 + CAST(quarter(received_at) AS INTEGER)) AS bin, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_receiving_party
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, receiving_party, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"receiving_party","grain":"year"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, receiving_party AS category, CAST(year(received_at) AS INTEGER) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_receiving_party_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon AS category, (CAST(year(received_at) AS INTEGER) * 100 + CAST(month(received_at) AS INTEGER)) AS bin, n AS signals, CAST(k AS DOUBLE) AS signals__k
FROM agg_phenomenon
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);
