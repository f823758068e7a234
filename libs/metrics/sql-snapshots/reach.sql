-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31","2023-01-01","2023-12-31"]
SELECT region_code, municipality_code, received_year AS year, 'current' AS part, year(received_at) AS bin,
  coalesce(count_if(source = 'professional_meldpunt'), 0) AS meldpunt, coalesce(sum(CASE WHEN source = 'professional_meldpunt' THEN rk ELSE 0 END), 0)::BIGINT AS meldpunt__k, count(*) AS signals, coalesce(sum(rk), 0)::BIGINT AS signals__k
FROM signal_facts
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin
UNION ALL
SELECT region_code, municipality_code, received_year AS year, 'previous' AS part, year(received_at) AS bin,
  coalesce(count_if(source = 'professional_meldpunt'), 0) AS meldpunt, coalesce(sum(CASE WHEN source = 'professional_meldpunt' THEN rk ELSE 0 END), 0)::BIGINT AS meldpunt__k, count(*) AS signals, coalesce(sum(rk), 0)::BIGINT AS signals__k
FROM signal_facts
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31","2023-01-01","2023-12-31"]
SELECT region_code, municipality_code, received_year AS year, 'current' AS part, year(received_at) AS bin,
  coalesce(count_if(source = 'professional_meldpunt'), 0) AS meldpunt, coalesce(sum(CASE WHEN source = 'professional_meldpunt' THEN rk ELSE 0 END), 0)::BIGINT AS meldpunt__k, count(*) AS signals, coalesce(sum(rk), 0)::BIGINT AS signals__k
FROM signal_facts
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin
UNION ALL
SELECT region_code, municipality_code, received_year AS year, 'previous' AS part, year(received_at) AS bin,
  coalesce(count_if(source = 'professional_meldpunt'), 0) AS meldpunt, coalesce(sum(CASE WHEN source = 'professional_meldpunt' THEN rk ELSE 0 END), 0)::BIGINT AS meldpunt__k, count(*) AS signals, coalesce(sum(rk), 0)::BIGINT AS signals__k
FROM signal_facts
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year, bin;
