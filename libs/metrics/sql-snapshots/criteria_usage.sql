-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, stage, body,
  count(*) AS assessments,
  count(*) FILTER (WHERE framework = 'wettelijke_criteria') AS fw_wettelijke_criteria,
  count(*) FILTER (WHERE framework = 'ontwikkelgebieden') AS fw_ontwikkelgebieden,
  count(*) FILTER (WHERE framework = 'ica') AS fw_ica,
  count(*) FILTER (WHERE framework = 'le_model') AS fw_le_model,
  count(*) FILTER (WHERE framework = 'particulier_instrument') AS fw_particulier_instrument,
  count(*) FILTER (WHERE framework = 'open_gesprek') AS fw_open_gesprek,
  count(*) FILTER (WHERE framework = 'niet_pluis') AS fw_niet_pluis,
  count(*) FILTER (WHERE framework = 'onbekend') AS fw_onbekend
FROM assessment_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, body,
  count(*) AS assessments,
  count(*) FILTER (WHERE framework = 'wettelijke_criteria') AS fw_wettelijke_criteria,
  count(*) FILTER (WHERE framework = 'ontwikkelgebieden') AS fw_ontwikkelgebieden,
  count(*) FILTER (WHERE framework = 'ica') AS fw_ica,
  count(*) FILTER (WHERE framework = 'le_model') AS fw_le_model,
  count(*) FILTER (WHERE framework = 'particulier_instrument') AS fw_particulier_instrument,
  count(*) FILTER (WHERE framework = 'open_gesprek') AS fw_open_gesprek,
  count(*) FILTER (WHERE framework = 'niet_pluis') AS fw_niet_pluis,
  count(*) FILTER (WHERE framework = 'onbekend') AS fw_onbekend
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body;
