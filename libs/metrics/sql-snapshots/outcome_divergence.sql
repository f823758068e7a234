-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"weegploeg","by":"region"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, CAST(year(received_at) AS INTEGER) AS bin,
  wp_band AS band,
  CAST(sum(n) AS INTEGER) AS units, CAST(sum(k) AS DOUBLE) AS units__k,
  CAST(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN n ELSE 0 END) AS INTEGER) AS positive, CAST(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN k ELSE 0 END) AS DOUBLE) AS positive__k
FROM agg_divergence_wp_y
WHERE reached
  AND final_wp_outcome IN ('casusoverleg', 'geen_casusoverleg')
  AND wp_band IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, band, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"weegploeg","by":"region_body"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, final_wp_body AS body, CAST(year(received_at) AS INTEGER) AS bin,
  wp_band AS band,
  CAST(sum(n) AS INTEGER) AS units, CAST(sum(k) AS DOUBLE) AS units__k,
  CAST(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN n ELSE 0 END) AS INTEGER) AS positive, CAST(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN k ELSE 0 END) AS DOUBLE) AS positive__k
FROM agg_divergence_wp_y
WHERE reached
  AND final_wp_outcome IN ('casusoverleg', 'geen_casusoverleg')
  AND wp_band IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, body, band, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"pre_weging","by":"region"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, CAST(year(received_at) AS INTEGER) AS bin,
  lpw_band AS band,
  CAST(sum(n) AS INTEGER) AS units, CAST(sum(k) AS DOUBLE) AS units__k,
  CAST(sum(CASE WHEN lpw_outcome = 'doorgezet' THEN n ELSE 0 END) AS INTEGER) AS positive, CAST(sum(CASE WHEN lpw_outcome = 'doorgezet' THEN k ELSE 0 END) AS DOUBLE) AS positive__k
FROM agg_divergence_pre_y
WHERE TRUE
  AND lpw_outcome IN ('doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info')
  AND lpw_band IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, band, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"pre_weging","by":"region_body"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, lpw_body AS body, CAST(year(received_at) AS INTEGER) AS bin,
  lpw_band AS band,
  CAST(sum(n) AS INTEGER) AS units, CAST(sum(k) AS DOUBLE) AS units__k,
  CAST(sum(CASE WHEN lpw_outcome = 'doorgezet' THEN n ELSE 0 END) AS INTEGER) AS positive, CAST(sum(CASE WHEN lpw_outcome = 'doorgezet' THEN k ELSE 0 END) AS DOUBLE) AS positive__k
FROM agg_divergence_pre_y
WHERE TRUE
  AND lpw_outcome IN ('doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info')
  AND lpw_band IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, body, band, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, CAST(year(received_at) AS INTEGER) AS bin,
  wp_band AS band,
  CAST(sum(n) AS INTEGER) AS units, CAST(sum(k) AS DOUBLE) AS units__k,
  CAST(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN n ELSE 0 END) AS INTEGER) AS positive, CAST(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN k ELSE 0 END) AS DOUBLE) AS positive__k
FROM agg_divergence_wp_y
WHERE reached
  AND final_wp_outcome IN ('casusoverleg', 'geen_casusoverleg')
  AND wp_band IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, band, bin;
