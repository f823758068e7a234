-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, stage,
  count(*) AS assessments,
  count(*) FILTER (WHERE present_gemeente AND present_politie AND present_om) AS all_parties_present,
  count(*) FILTER (WHERE info_gemeente AND info_politie AND info_om) AS information_all_parties,
  count(*) FILTER (WHERE unanimous) AS unanimous,
  count(*) FILTER (WHERE analysis_recorded) AS analysis_recorded,
  count(*) FILTER (WHERE decision_recorded) AS decision_recorded
FROM assessment_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage,
  count(*) AS assessments,
  count(*) FILTER (WHERE present_gemeente AND present_politie AND present_om) AS all_parties_present,
  count(*) FILTER (WHERE info_gemeente AND info_politie AND info_om) AS information_all_parties,
  count(*) FILTER (WHERE unanimous) AS unanimous,
  count(*) FILTER (WHERE analysis_recorded) AS analysis_recorded,
  count(*) FILTER (WHERE decision_recorded) AS decision_recorded
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage;
