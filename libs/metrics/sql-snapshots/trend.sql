-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"phenomenon"}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, strftime(received_month, '%Y-%m') AS month, phenomenon AS category, CAST(count(*) AS INTEGER) AS signals
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, received_month, phenomenon;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"source"}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, strftime(received_month, '%Y-%m') AS month, source AS category, CAST(count(*) AS INTEGER) AS signals
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, received_month, source;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"receiving_party"}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, strftime(received_month, '%Y-%m') AS month, receiving_party AS category, CAST(count(*) AS INTEGER) AS signals
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, received_month, receiving_party;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, strftime(received_month, '%Y-%m') AS month, phenomenon AS category, CAST(count(*) AS INTEGER) AS signals
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, received_month, phenomenon;
