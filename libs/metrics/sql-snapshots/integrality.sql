-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, stage,
  count(*) AS assessments,
  coalesce(count_if(present_gemeente AND present_politie AND present_om), 0) AS all_parties_present,
  coalesce(count_if(info_gemeente AND info_politie AND info_om), 0) AS information_all_parties,
  coalesce(count_if(unanimous), 0) AS unanimous,
  coalesce(count_if(analysis_recorded), 0) AS analysis_recorded,
  coalesce(count_if(decision_recorded), 0) AS decision_recorded
FROM assessment_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage,
  count(*) AS assessments,
  coalesce(count_if(present_gemeente AND present_politie AND present_om), 0) AS all_parties_present,
  coalesce(count_if(info_gemeente AND info_politie AND info_om), 0) AS information_all_parties,
  coalesce(count_if(unanimous), 0) AS unanimous,
  coalesce(count_if(analysis_recorded), 0) AS analysis_recorded,
  coalesce(count_if(decision_recorded), 0) AS decision_recorded
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage;
