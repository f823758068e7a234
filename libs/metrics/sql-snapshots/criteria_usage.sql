-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, stage, body,
  count(*) AS assessments,
  coalesce(count_if(framework = 'wettelijke_criteria'), 0) AS fw_wettelijke_criteria,
  coalesce(count_if(framework = 'ontwikkelgebieden'), 0) AS fw_ontwikkelgebieden,
  coalesce(count_if(framework = 'ica'), 0) AS fw_ica,
  coalesce(count_if(framework = 'le_model'), 0) AS fw_le_model,
  coalesce(count_if(framework = 'particulier_instrument'), 0) AS fw_particulier_instrument,
  coalesce(count_if(framework = 'open_gesprek'), 0) AS fw_open_gesprek,
  coalesce(count_if(framework = 'niet_pluis'), 0) AS fw_niet_pluis,
  coalesce(count_if(framework = 'onbekend'), 0) AS fw_onbekend
FROM assessment_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, body,
  count(*) AS assessments,
  coalesce(count_if(framework = 'wettelijke_criteria'), 0) AS fw_wettelijke_criteria,
  coalesce(count_if(framework = 'ontwikkelgebieden'), 0) AS fw_ontwikkelgebieden,
  coalesce(count_if(framework = 'ica'), 0) AS fw_ica,
  coalesce(count_if(framework = 'le_model'), 0) AS fw_le_model,
  coalesce(count_if(framework = 'particulier_instrument'), 0) AS fw_particulier_instrument,
  coalesce(count_if(framework = 'open_gesprek'), 0) AS fw_open_gesprek,
  coalesce(count_if(framework = 'niet_pluis'), 0) AS fw_niet_pluis,
  coalesce(count_if(framework = 'onbekend'), 0) AS fw_onbekend
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body;
