-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) AS signals,
  coalesce(count_if(path = 'direct'), 0) AS direct,
  coalesce(count_if(path = 'via_pre_weging'), 0) AS via_pre_weging,
  coalesce(count_if(path = 'dropped'), 0) AS dropped,
  coalesce(count_if(path = 'pending'), 0) AS pending,
  coalesce(count_if(reached), 0) AS reached,
  coalesce(count_if(final_wp_outcome = 'casusoverleg'), 0) AS casusoverleg,
  coalesce(count_if(final_wp_outcome = 'geen_casusoverleg'), 0) AS geen_casusoverleg,
  coalesce(count_if(final_wp_outcome = 'nadere_duiding'), 0) AS nadere_duiding
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
  coalesce(count_if(path = 'direct'), 0) AS direct,
  coalesce(count_if(path = 'via_pre_weging'), 0) AS via_pre_weging,
  coalesce(count_if(path = 'dropped'), 0) AS dropped,
  coalesce(count_if(path = 'pending'), 0) AS pending,
  coalesce(count_if(reached), 0) AS reached,
  coalesce(count_if(final_wp_outcome = 'casusoverleg'), 0) AS casusoverleg,
  coalesce(count_if(final_wp_outcome = 'geen_casusoverleg'), 0) AS geen_casusoverleg,
  coalesce(count_if(final_wp_outcome = 'nadere_duiding'), 0) AS nadere_duiding
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
