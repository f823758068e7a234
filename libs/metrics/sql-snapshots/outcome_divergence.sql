-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"weegploeg","by":"region"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  CASE WHEN final_wp_severity <= 3 THEN 'low' WHEN final_wp_severity <= 6 THEN 'mid' ELSE 'high' END AS band,
  count(*) AS units, coalesce(sum(rk), 0)::BIGINT AS units__k,
  coalesce(count_if(final_wp_outcome = 'casusoverleg'), 0) AS positive, coalesce(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN rk ELSE 0 END), 0)::BIGINT AS positive__k
FROM signal_facts
WHERE reached
  AND final_wp_outcome IN ('casusoverleg', 'geen_casusoverleg')
  AND final_wp_severity IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, band, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"weegploeg","by":"region_body"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, final_wp_body AS body, year(received_at) AS bin,
  CASE WHEN final_wp_severity <= 3 THEN 'low' WHEN final_wp_severity <= 6 THEN 'mid' ELSE 'high' END AS band,
  count(*) AS units, coalesce(sum(rk), 0)::BIGINT AS units__k,
  coalesce(count_if(final_wp_outcome = 'casusoverleg'), 0) AS positive, coalesce(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN rk ELSE 0 END), 0)::BIGINT AS positive__k
FROM signal_facts
WHERE reached
  AND final_wp_outcome IN ('casusoverleg', 'geen_casusoverleg')
  AND final_wp_severity IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, body, band, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"pre_weging","by":"region"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  CASE WHEN lpw_severity <= 3 THEN 'low' WHEN lpw_severity <= 6 THEN 'mid' ELSE 'high' END AS band,
  count(*) AS units, coalesce(sum(rk), 0)::BIGINT AS units__k,
  coalesce(count_if(lpw_outcome = 'doorgezet'), 0) AS positive, coalesce(sum(CASE WHEN lpw_outcome = 'doorgezet' THEN rk ELSE 0 END), 0)::BIGINT AS positive__k
FROM signal_facts
WHERE TRUE
  AND lpw_outcome IN ('doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info')
  AND lpw_severity IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, band, bin;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"stage":"pre_weging","by":"region_body"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, lpw_body AS body, year(received_at) AS bin,
  CASE WHEN lpw_severity <= 3 THEN 'low' WHEN lpw_severity <= 6 THEN 'mid' ELSE 'high' END AS band,
  count(*) AS units, coalesce(sum(rk), 0)::BIGINT AS units__k,
  coalesce(count_if(lpw_outcome = 'doorgezet'), 0) AS positive, coalesce(sum(CASE WHEN lpw_outcome = 'doorgezet' THEN rk ELSE 0 END), 0)::BIGINT AS positive__k
FROM signal_facts
WHERE TRUE
  AND lpw_outcome IN ('doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info')
  AND lpw_severity IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, body, band, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  CASE WHEN final_wp_severity <= 3 THEN 'low' WHEN final_wp_severity <= 6 THEN 'mid' ELSE 'high' END AS band,
  count(*) AS units, coalesce(sum(rk), 0)::BIGINT AS units__k,
  coalesce(count_if(final_wp_outcome = 'casusoverleg'), 0) AS positive, coalesce(sum(CASE WHEN final_wp_outcome = 'casusoverleg' THEN rk ELSE 0 END), 0)::BIGINT AS positive__k
FROM signal_facts
WHERE reached
  AND final_wp_outcome IN ('casusoverleg', 'geen_casusoverleg')
  AND final_wp_severity IS NOT NULL
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, band, bin;
