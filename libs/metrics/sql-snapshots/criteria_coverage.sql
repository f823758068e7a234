-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  count(*) AS assessments, coalesce(sum(rk), 0)::BIGINT AS assessments__k,
  coalesce(count_if(all_scored), 0) AS all_scored, coalesce(sum(CASE WHEN all_scored THEN rk ELSE 0 END), 0)::BIGINT AS all_scored__k,
  coalesce(count_if(c_geweld IS NOT NULL), 0) AS scored_c_geweld, coalesce(sum(CASE WHEN c_geweld IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_geweld__k,
  coalesce(count_if(c_denkbeelden IS NOT NULL), 0) AS scored_c_denkbeelden, coalesce(sum(CASE WHEN c_denkbeelden IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_denkbeelden__k,
  coalesce(count_if(c_sociale_relaties IS NOT NULL), 0) AS scored_c_sociale_relaties, coalesce(sum(CASE WHEN c_sociale_relaties IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_sociale_relaties__k,
  coalesce(count_if(c_identificatie IS NOT NULL), 0) AS scored_c_identificatie, coalesce(sum(CASE WHEN c_identificatie IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_identificatie__k,
  coalesce(count_if(c_zelfredzaamheid IS NOT NULL), 0) AS scored_c_zelfredzaamheid, coalesce(sum(CASE WHEN c_zelfredzaamheid IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_zelfredzaamheid__k
FROM assessment_facts
WHERE stage = 'weegploeg'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, year(received_at) AS bin,
  count(*) AS assessments, coalesce(sum(rk), 0)::BIGINT AS assessments__k,
  coalesce(count_if(all_scored), 0) AS all_scored, coalesce(sum(CASE WHEN all_scored THEN rk ELSE 0 END), 0)::BIGINT AS all_scored__k,
  coalesce(count_if(c_geweld IS NOT NULL), 0) AS scored_c_geweld, coalesce(sum(CASE WHEN c_geweld IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_geweld__k,
  coalesce(count_if(c_denkbeelden IS NOT NULL), 0) AS scored_c_denkbeelden, coalesce(sum(CASE WHEN c_denkbeelden IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_denkbeelden__k,
  coalesce(count_if(c_sociale_relaties IS NOT NULL), 0) AS scored_c_sociale_relaties, coalesce(sum(CASE WHEN c_sociale_relaties IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_sociale_relaties__k,
  coalesce(count_if(c_identificatie IS NOT NULL), 0) AS scored_c_identificatie, coalesce(sum(CASE WHEN c_identificatie IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_identificatie__k,
  coalesce(count_if(c_zelfredzaamheid IS NOT NULL), 0) AS scored_c_zelfredzaamheid, coalesce(sum(CASE WHEN c_zelfredzaamheid IS NOT NULL THEN rk ELSE 0 END), 0)::BIGINT AS scored_c_zelfredzaamheid__k
FROM assessment_facts
WHERE stage = 'weegploeg'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;
