-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(n) AS INTEGER) AS assessments, CAST(sum(k) AS DOUBLE) AS assessments__k,
  CAST(sum(CASE WHEN all_scored THEN n ELSE 0 END) AS INTEGER) AS all_scored, CAST(sum(CASE WHEN all_scored THEN k ELSE 0 END) AS DOUBLE) AS all_scored__k,
  CAST(sum(CASE WHEN scored_c_geweld THEN n ELSE 0 END) AS INTEGER) AS scored_c_geweld, CAST(sum(CASE WHEN scored_c_geweld THEN k ELSE 0 END) AS DOUBLE) AS scored_c_geweld__k,
  CAST(sum(CASE WHEN scored_c_denkbeelden THEN n ELSE 0 END) AS INTEGER) AS scored_c_denkbeelden, CAST(sum(CASE WHEN scored_c_denkbeelden THEN k ELSE 0 END) AS DOUBLE) AS scored_c_denkbeelden__k,
  CAST(sum(CASE WHEN scored_c_sociale_relaties THEN n ELSE 0 END) AS INTEGER) AS scored_c_sociale_relaties, CAST(sum(CASE WHEN scored_c_sociale_relaties THEN k ELSE 0 END) AS DOUBLE) AS scored_c_sociale_relaties__k,
  CAST(sum(CASE WHEN scored_c_identificatie THEN n ELSE 0 END) AS INTEGER) AS scored_c_identificatie, CAST(sum(CASE WHEN scored_c_identificatie THEN k ELSE 0 END) AS DOUBLE) AS scored_c_identificatie__k,
  CAST(sum(CASE WHEN scored_c_zelfredzaamheid THEN n ELSE 0 END) AS INTEGER) AS scored_c_zelfredzaamheid, CAST(sum(CASE WHEN scored_c_zelfredzaamheid THEN k ELSE 0 END) AS DOUBLE) AS scored_c_zelfredzaamheid__k
FROM agg_criteria_y
WHERE stage = 'weegploeg'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(n) AS INTEGER) AS assessments, CAST(sum(k) AS DOUBLE) AS assessments__k,
  CAST(sum(CASE WHEN all_scored THEN n ELSE 0 END) AS INTEGER) AS all_scored, CAST(sum(CASE WHEN all_scored THEN k ELSE 0 END) AS DOUBLE) AS all_scored__k,
  CAST(sum(CASE WHEN scored_c_geweld THEN n ELSE 0 END) AS INTEGER) AS scored_c_geweld, CAST(sum(CASE WHEN scored_c_geweld THEN k ELSE 0 END) AS DOUBLE) AS scored_c_geweld__k,
  CAST(sum(CASE WHEN scored_c_denkbeelden THEN n ELSE 0 END) AS INTEGER) AS scored_c_denkbeelden, CAST(sum(CASE WHEN scored_c_denkbeelden THEN k ELSE 0 END) AS DOUBLE) AS scored_c_denkbeelden__k,
  CAST(sum(CASE WHEN scored_c_sociale_relaties THEN n ELSE 0 END) AS INTEGER) AS scored_c_sociale_relaties, CAST(sum(CASE WHEN scored_c_sociale_relaties THEN k ELSE 0 END) AS DOUBLE) AS scored_c_sociale_relaties__k,
  CAST(sum(CASE WHEN scored_c_identificatie THEN n ELSE 0 END) AS INTEGER) AS scored_c_identificatie, CAST(sum(CASE WHEN scored_c_identificatie THEN k ELSE 0 END) AS DOUBLE) AS scored_c_identificatie__k,
  CAST(sum(CASE WHEN scored_c_zelfredzaamheid THEN n ELSE 0 END) AS INTEGER) AS scored_c_zelfredzaamheid, CAST(sum(CASE WHEN scored_c_zelfredzaamheid THEN k ELSE 0 END) AS DOUBLE) AS scored_c_zelfredzaamheid__k
FROM agg_criteria_y
WHERE stage = 'weegploeg'
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, bin;
