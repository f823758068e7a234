-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, body, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(n) AS INTEGER) AS assessments, CAST(sum(k) AS DOUBLE) AS assessments__k,
  CAST(sum(CASE WHEN framework = 'wettelijke_criteria' THEN n ELSE 0 END) AS INTEGER) AS fw_wettelijke_criteria, CAST(sum(CASE WHEN framework = 'wettelijke_criteria' THEN k ELSE 0 END) AS DOUBLE) AS fw_wettelijke_criteria__k,
  CAST(sum(CASE WHEN framework = 'ontwikkelgebieden' THEN n ELSE 0 END) AS INTEGER) AS fw_ontwikkelgebieden, CAST(sum(CASE WHEN framework = 'ontwikkelgebieden' THEN k ELSE 0 END) AS DOUBLE) AS fw_ontwikkelgebieden__k,
  CAST(sum(CASE WHEN framework = 'ica' THEN n ELSE 0 END) AS INTEGER) AS fw_ica, CAST(sum(CASE WHEN framework = 'ica' THEN k ELSE 0 END) AS DOUBLE) AS fw_ica__k,
  CAST(sum(CASE WHEN framework = 'le_model' THEN n ELSE 0 END) AS INTEGER) AS fw_le_model, CAST(sum(CASE WHEN framework = 'le_model' THEN k ELSE 0 END) AS DOUBLE) AS fw_le_model__k,
  CAST(sum(CASE WHEN framework = 'particulier_instrument' THEN n ELSE 0 END) AS INTEGER) AS fw_particulier_instrument, CAST(sum(CASE WHEN framework = 'particulier_instrument' THEN k ELSE 0 END) AS DOUBLE) AS fw_particulier_instrument__k,
  CAST(sum(CASE WHEN framework = 'open_gesprek' THEN n ELSE 0 END) AS INTEGER) AS fw_open_gesprek, CAST(sum(CASE WHEN framework = 'open_gesprek' THEN k ELSE 0 END) AS DOUBLE) AS fw_open_gesprek__k,
  CAST(sum(CASE WHEN framework = 'niet_pluis' THEN n ELSE 0 END) AS INTEGER) AS fw_niet_pluis, CAST(sum(CASE WHEN framework = 'niet_pluis' THEN k ELSE 0 END) AS DOUBLE) AS fw_niet_pluis__k,
  CAST(sum(CASE WHEN framework = 'onbekend' THEN n ELSE 0 END) AS INTEGER) AS fw_onbekend, CAST(sum(CASE WHEN framework = 'onbekend' THEN k ELSE 0 END) AS DOUBLE) AS fw_onbekend__k
FROM agg_framework_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, body, CAST(year(received_at) AS INTEGER) AS bin,
  CAST(sum(n) AS INTEGER) AS assessments, CAST(sum(k) AS DOUBLE) AS assessments__k,
  CAST(sum(CASE WHEN framework = 'wettelijke_criteria' THEN n ELSE 0 END) AS INTEGER) AS fw_wettelijke_criteria, CAST(sum(CASE WHEN framework = 'wettelijke_criteria' THEN k ELSE 0 END) AS DOUBLE) AS fw_wettelijke_criteria__k,
  CAST(sum(CASE WHEN framework = 'ontwikkelgebieden' THEN n ELSE 0 END) AS INTEGER) AS fw_ontwikkelgebieden, CAST(sum(CASE WHEN framework = 'ontwikkelgebieden' THEN k ELSE 0 END) AS DOUBLE) AS fw_ontwikkelgebieden__k,
  CAST(sum(CASE WHEN framework = 'ica' THEN n ELSE 0 END) AS INTEGER) AS fw_ica, CAST(sum(CASE WHEN framework = 'ica' THEN k ELSE 0 END) AS DOUBLE) AS fw_ica__k,
  CAST(sum(CASE WHEN framework = 'le_model' THEN n ELSE 0 END) AS INTEGER) AS fw_le_model, CAST(sum(CASE WHEN framework = 'le_model' THEN k ELSE 0 END) AS DOUBLE) AS fw_le_model__k,
  CAST(sum(CASE WHEN framework = 'particulier_instrument' THEN n ELSE 0 END) AS INTEGER) AS fw_particulier_instrument, CAST(sum(CASE WHEN framework = 'particulier_instrument' THEN k ELSE 0 END) AS DOUBLE) AS fw_particulier_instrument__k,
  CAST(sum(CASE WHEN framework = 'open_gesprek' THEN n ELSE 0 END) AS INTEGER) AS fw_open_gesprek, CAST(sum(CASE WHEN framework = 'open_gesprek' THEN k ELSE 0 END) AS DOUBLE) AS fw_open_gesprek__k,
  CAST(sum(CASE WHEN framework = 'niet_pluis' THEN n ELSE 0 END) AS INTEGER) AS fw_niet_pluis, CAST(sum(CASE WHEN framework = 'niet_pluis' THEN k ELSE 0 END) AS DOUBLE) AS fw_niet_pluis__k,
  CAST(sum(CASE WHEN framework = 'onbekend' THEN n ELSE 0 END) AS INTEGER) AS fw_onbekend, CAST(sum(CASE WHEN framework = 'onbekend' THEN k ELSE 0 END) AS DOUBLE) AS fw_onbekend__k
FROM agg_framework_y
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body, bin;
