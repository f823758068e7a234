-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) AS assessments,
  count(*) FILTER (WHERE all_scored) AS all_scored,
  count(*) FILTER (WHERE c_geweld IS NOT NULL) AS scored_c_geweld,
  count(*) FILTER (WHERE c_denkbeelden IS NOT NULL) AS scored_c_denkbeelden,
  count(*) FILTER (WHERE c_sociale_relaties IS NOT NULL) AS scored_c_sociale_relaties,
  count(*) FILTER (WHERE c_identificatie IS NOT NULL) AS scored_c_identificatie,
  count(*) FILTER (WHERE c_zelfredzaamheid IS NOT NULL) AS scored_c_zelfredzaamheid
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
  count(*) FILTER (WHERE all_scored) AS all_scored,
  count(*) FILTER (WHERE c_geweld IS NOT NULL) AS scored_c_geweld,
  count(*) FILTER (WHERE c_denkbeelden IS NOT NULL) AS scored_c_denkbeelden,
  count(*) FILTER (WHERE c_sociale_relaties IS NOT NULL) AS scored_c_sociale_relaties,
  count(*) FILTER (WHERE c_identificatie IS NOT NULL) AS scored_c_identificatie,
  count(*) FILTER (WHERE c_zelfredzaamheid IS NOT NULL) AS scored_c_zelfredzaamheid
FROM assessment_facts
WHERE stage = 'weegploeg'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;
