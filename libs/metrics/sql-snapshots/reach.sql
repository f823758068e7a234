-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31","2023-01-01","2023-12-31"]
SELECT region_code, municipality_code, received_year AS year, 'current' AS part, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN n ELSE 0 END) AS INTEGER) AS meldpunt, CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN k ELSE 0 END) AS DOUBLE) AS meldpunt__k, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_municipality_y
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin
UNION ALL
SELECT region_code, municipality_code, received_year AS year, 'previous' AS part, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN n ELSE 0 END) AS INTEGER) AS meldpunt, CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN k ELSE 0 END) AS DOUBLE) AS meldpunt__k, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_municipality_y
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31","2023-01-01","2023-12-31"]
SELECT region_code, municipality_code, received_year AS year, 'current' AS part, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN n ELSE 0 END) AS INTEGER) AS meldpunt, CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN k ELSE 0 END) AS DOUBLE) AS meldpunt__k, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_municipality_y
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin
UNION ALL
SELECT region_code, municipality_code, received_year AS year, 'previous' AS part, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN n ELSE 0 END) AS INTEGER) AS meldpunt, CAST(sum(CASE WHEN source = 'professional_meldpunt' THEN k ELSE 0 END) AS DOUBLE) AS meldpunt__k, CAST(sum(n) AS INTEGER) AS signals, CAST(sum(k) AS DOUBLE) AS signals__k
FROM agg_municipality_y
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin;
