-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, phenomenon, count(*) AS signals
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, phenomenon;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, phenomenon, count(*) AS signals
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, phenomenon;
