-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) AS assessments,
  coalesce(count_if(all_scored), 0) AS all_scored,
  coalesce(count_if(c_geweld IS NOT NULL), 0) AS scored_c_geweld,
  coalesce(count_if(c_denkbeelden IS NOT NULL), 0) AS scored_c_denkbeelden,
  coalesce(count_if(c_sociale_relaties IS NOT NULL), 0) AS scored_c_sociale_relaties,
  coalesce(count_if(c_identificatie IS NOT NULL), 0) AS scored_c_identificatie,
  coalesce(count_if(c_zelfredzaamheid IS NOT NULL), 0) AS scored_c_zelfredzaamheid
FROM assessment_facts
WHERE stage = 'weegploeg'
  AND region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) AS assessments,
  coalesce(count_if(all_scored), 0) AS all_scored,
  coalesce(count_if(c_geweld IS NOT NULL), 0) AS scored_c_geweld,
  coalesce(count_if(c_denkbeelden IS NOT NULL), 0) AS scored_c_denkbeelden,
  coalesce(count_if(c_sociale_relaties IS NOT NULL), 0) AS scored_c_sociale_relaties,
  coalesce(count_if(c_identificatie IS NOT NULL), 0) AS scored_c_identificatie,
  coalesce(count_if(c_zelfredzaamheid IS NOT NULL), 0) AS scored_c_zelfredzaamheid
FROM assessment_facts
WHERE stage = 'weegploeg'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;
