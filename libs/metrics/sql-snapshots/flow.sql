-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) AS signals,
  count(*) FILTER (WHERE path = 'direct') AS direct,
  count(*) FILTER (WHERE path = 'via_pre_weging') AS via_pre_weging,
  count(*) FILTER (WHERE path = 'dropped') AS dropped,
  count(*) FILTER (WHERE path = 'pending') AS pending,
  count(*) FILTER (WHERE reached) AS reached,
  count(*) FILTER (WHERE final_wp_outcome = 'casusoverleg') AS casusoverleg,
  count(*) FILTER (WHERE final_wp_outcome = 'geen_casusoverleg') AS geen_casusoverleg,
  count(*) FILTER (WHERE final_wp_outcome = 'nadere_duiding') AS nadere_duiding
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;

-- links
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT source, receiving_party,
  CASE WHEN path = 'dropped' THEN 'dropped:' || last_pre_outcome ELSE path END AS path_node,
  final_wp_outcome AS outcome,
  count(*) AS signals
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY source, receiving_party, path_node, outcome;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) AS signals,
  count(*) FILTER (WHERE path = 'direct') AS direct,
  count(*) FILTER (WHERE path = 'via_pre_weging') AS via_pre_weging,
  count(*) FILTER (WHERE path = 'dropped') AS dropped,
  count(*) FILTER (WHERE path = 'pending') AS pending,
  count(*) FILTER (WHERE reached) AS reached,
  count(*) FILTER (WHERE final_wp_outcome = 'casusoverleg') AS casusoverleg,
  count(*) FILTER (WHERE final_wp_outcome = 'geen_casusoverleg') AS geen_casusoverleg,
  count(*) FILTER (WHERE final_wp_outcome = 'nadere_duiding') AS nadere_duiding
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;

-- links
-- params: ["VR13","2024-01-01","2024-12-31"]
SELECT source, receiving_party,
  CASE WHEN path = 'dropped' THEN 'dropped:' || last_pre_outcome ELSE path END AS path_node,
  final_wp_outcome AS outcome,
  count(*) AS signals
FROM signal_facts
WHERE region_code IN (?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY source, receiving_party, path_node, outcome;
