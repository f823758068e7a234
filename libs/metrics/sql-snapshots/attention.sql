-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main built from the stats rows [{"last_received":"2024-12-31"}] (run first)
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon, source, (CAST(year(received_at) AS INTEGER) * 10 + CAST(quarter(received_at) AS INTEGER)) AS bin, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_scope
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
  AND FALSE
GROUP BY region_code, phenomenon, source, bin;

-- stats
-- params: ["2024-01-01","2024-12-31"]
SELECT max(received_at) AS last_received
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2023-01-01","to":"2024-12-31"},"params":{}}
-- main built from the stats rows [{"last_received":"2024-12-31"}] (run first)
-- main
-- params: ["2023-01-01","2024-12-31","2023-10-01","2023-12-31","2024-10-01","2024-12-31"]
SELECT region_code, phenomenon, source, (CAST(year(received_at) AS INTEGER) * 10 + CAST(quarter(received_at) AS INTEGER)) AS bin, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_scope
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
  AND (received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE) OR received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE))
GROUP BY region_code, phenomenon, source, bin;

-- stats
-- params: ["2023-01-01","2024-12-31"]
SELECT max(received_at) AS last_received
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE);
