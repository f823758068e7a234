-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, year(received_at) AS bin,
  count(*) AS assessments, coalesce(sum(rk), 0)::BIGINT AS assessments__k,
  coalesce(count_if(present_gemeente AND present_politie AND present_om), 0) AS all_parties_present, coalesce(sum(CASE WHEN present_gemeente AND present_politie AND present_om THEN rk ELSE 0 END), 0)::BIGINT AS all_parties_present__k,
  coalesce(count_if(info_gemeente AND info_politie AND info_om), 0) AS information_all_parties, coalesce(sum(CASE WHEN info_gemeente AND info_politie AND info_om THEN rk ELSE 0 END), 0)::BIGINT AS information_all_parties__k,
  coalesce(count_if(unanimous), 0) AS unanimous, coalesce(sum(CASE WHEN unanimous THEN rk ELSE 0 END), 0)::BIGINT AS unanimous__k,
  coalesce(count_if(analysis_recorded), 0) AS analysis_recorded, coalesce(sum(CASE WHEN analysis_recorded THEN rk ELSE 0 END), 0)::BIGINT AS analysis_recorded__k,
  coalesce(count_if(decision_recorded), 0) AS decision_recorded, coalesce(sum(CASE WHEN decision_recorded THEN rk ELSE 0 END), 0)::BIGINT AS decision_recorded__k
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, year(received_at) AS bin,
  count(*) AS assessments, coalesce(sum(rk), 0)::BIGINT AS assessments__k,
  coalesce(count_if(present_gemeente AND present_politie AND present_om), 0) AS all_parties_present, coalesce(sum(CASE WHEN present_gemeente AND present_politie AND present_om THEN rk ELSE 0 END), 0)::BIGINT AS all_parties_present__k,
  coalesce(count_if(info_gemeente AND info_politie AND info_om), 0) AS information_all_parties, coalesce(sum(CASE WHEN info_gemeente AND info_politie AND info_om THEN rk ELSE 0 END), 0)::BIGINT AS information_all_parties__k,
  coalesce(count_if(unanimous), 0) AS unanimous, coalesce(sum(CASE WHEN unanimous THEN rk ELSE 0 END), 0)::BIGINT AS unanimous__k,
  coalesce(count_if(analysis_recorded), 0) AS analysis_recorded, coalesce(sum(CASE WHEN analysis_recorded THEN rk ELSE 0 END), 0)::BIGINT AS analysis_recorded__k,
  coalesce(count_if(decision_recorded), 0) AS decision_recorded, coalesce(sum(CASE WHEN decision_recorded THEN rk ELSE 0 END), 0)::BIGINT AS decision_recorded__k
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, bin;
