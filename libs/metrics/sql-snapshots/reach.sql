-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31","2023-01-01","2023-12-31","2023-01-01","2023-12-31","VR03","VR13","2023-01-01","2024-12-31"]
SELECT region_code, municipality_code, received_year AS year,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)), 0) AS signals,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE) AND source = 'professional_meldpunt'), 0) AS meldpunt_signals,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)), 0) AS signals_year_later_window,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE) AND source = 'professional_meldpunt'), 0) AS meldpunt_year_later_window
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31","2023-01-01","2023-12-31","2023-01-01","2023-12-31","2023-01-01","2024-12-31"]
SELECT region_code, municipality_code, received_year AS year,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)), 0) AS signals,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE) AND source = 'professional_meldpunt'), 0) AS meldpunt_signals,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)), 0) AS signals_year_later_window,
  coalesce(count_if(received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE) AND source = 'professional_meldpunt'), 0) AS meldpunt_year_later_window
FROM signal_facts
WHERE TRUE
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, municipality_code, received_year;
