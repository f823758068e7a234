-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(n) AS INTEGER) AS assessments, CAST(sum(k) AS DOUBLE) AS assessments__k,
  CAST(sum(CASE WHEN present_gemeente AND present_politie AND present_om THEN n ELSE 0 END) AS INTEGER) AS all_parties_present, CAST(sum(CASE WHEN present_gemeente AND present_politie AND present_om THEN k ELSE 0 END) AS DOUBLE) AS all_parties_present__k,
  CAST(sum(CASE WHEN info_gemeente AND info_politie AND info_om THEN n ELSE 0 END) AS INTEGER) AS information_all_parties, CAST(sum(CASE WHEN info_gemeente AND info_politie AND info_om THEN k ELSE 0 END) AS DOUBLE) AS information_all_parties__k,
  CAST(sum(CASE WHEN unanimous THEN n ELSE 0 END) AS INTEGER) AS unanimous, CAST(sum(CASE WHEN unanimous THEN k ELSE 0 END) AS DOUBLE) AS unanimous__k,
  CAST(sum(CASE WHEN analysis_recorded THEN n ELSE 0 END) AS INTEGER) AS analysis_recorded, CAST(sum(CASE WHEN analysis_recorded THEN k ELSE 0 END) AS DOUBLE) AS analysis_recorded__k,
  CAST(sum(CASE WHEN decision_recorded THEN n ELSE 0 END) AS INTEGER) AS decision_recorded, CAST(sum(CASE WHEN decision_recorded THEN k ELSE 0 END) AS DOUBLE) AS decision_recorded__k
FROM agg_integrality_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(n) AS INTEGER) AS assessments, CAST(sum(k) AS DOUBLE) AS assessments__k,
  CAST(sum(CASE WHEN present_gemeente AND present_politie AND present_om THEN n ELSE 0 END) AS INTEGER) AS all_parties_present, CAST(sum(CASE WHEN present_gemeente AND present_politie AND present_om THEN k ELSE 0 END) AS DOUBLE) AS all_parties_present__k,
  CAST(sum(CASE WHEN info_gemeente AND info_politie AND info_om THEN n ELSE 0 END) AS INTEGER) AS information_all_parties, CAST(sum(CASE WHEN info_gemeente AND info_politie AND info_om THEN k ELSE 0 END) AS DOUBLE) AS information_all_parties__k,
  CAST(sum(CASE WHEN unanimous THEN n ELSE 0 END) AS INTEGER) AS unanimous, CAST(sum(CASE WHEN unanimous THEN k ELSE 0 END) AS DOUBLE) AS unanimous__k,
  CAST(sum(CASE WHEN analysis_recorded THEN n ELSE 0 END) AS INTEGER) AS analysis_recorded, CAST(sum(CASE WHEN analysis_recorded THEN k ELSE 0 END) AS DOUBLE) AS analysis_recorded__k,
  CAST(sum(CASE WHEN decision_recorded THEN n ELSE 0 END) AS INTEGER) AS decision_recorded, CAST(sum(CASE WHEN decision_recorded THEN k ELSE 0 END) AS DOUBLE) AS decision_recorded__k
FROM agg_integrality_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, bin;
