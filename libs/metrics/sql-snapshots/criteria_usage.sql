-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, body, year(received_at) AS bin,
  count(*) AS assessments, coalesce(sum(rk), 0)::BIGINT AS assessments__k,
  coalesce(count_if(framework = 'wettelijke_criteria'), 0) AS fw_wettelijke_criteria, coalesce(sum(CASE WHEN framework = 'wettelijke_criteria' THEN rk ELSE 0 END), 0)::BIGINT AS fw_wettelijke_criteria__k,
  coalesce(count_if(framework = 'ontwikkelgebieden'), 0) AS fw_ontwikkelgebieden, coalesce(sum(CASE WHEN framework = 'ontwikkelgebieden' THEN rk ELSE 0 END), 0)::BIGINT AS fw_ontwikkelgebieden__k,
  coalesce(count_if(framework = 'ica'), 0) AS fw_ica, coalesce(sum(CASE WHEN framework = 'ica' THEN rk ELSE 0 END), 0)::BIGINT AS fw_ica__k,
  coalesce(count_if(framework = 'le_model'), 0) AS fw_le_model, coalesce(sum(CASE WHEN framework = 'le_model' THEN rk ELSE 0 END), 0)::BIGINT AS fw_le_model__k,
  coalesce(count_if(framework = 'particulier_instrument'), 0) AS fw_particulier_instrument, coalesce(sum(CASE WHEN framework = 'particulier_instrument' THEN rk ELSE 0 END), 0)::BIGINT AS fw_particulier_instrument__k,
  coalesce(count_if(framework = 'open_gesprek'), 0) AS fw_open_gesprek, coalesce(sum(CASE WHEN framework = 'open_gesprek' THEN rk ELSE 0 END), 0)::BIGINT AS fw_open_gesprek__k,
  coalesce(count_if(framework = 'niet_pluis'), 0) AS fw_niet_pluis, coalesce(sum(CASE WHEN framework = 'niet_pluis' THEN rk ELSE 0 END), 0)::BIGINT AS fw_niet_pluis__k,
  coalesce(count_if(framework = 'onbekend'), 0) AS fw_onbekend, coalesce(sum(CASE WHEN framework = 'onbekend' THEN rk ELSE 0 END), 0)::BIGINT AS fw_onbekend__k
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body, bin;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code, stage, body, year(received_at) AS bin,
  count(*) AS assessments, coalesce(sum(rk), 0)::BIGINT AS assessments__k,
  coalesce(count_if(framework = 'wettelijke_criteria'), 0) AS fw_wettelijke_criteria, coalesce(sum(CASE WHEN framework = 'wettelijke_criteria' THEN rk ELSE 0 END), 0)::BIGINT AS fw_wettelijke_criteria__k,
  coalesce(count_if(framework = 'ontwikkelgebieden'), 0) AS fw_ontwikkelgebieden, coalesce(sum(CASE WHEN framework = 'ontwikkelgebieden' THEN rk ELSE 0 END), 0)::BIGINT AS fw_ontwikkelgebieden__k,
  coalesce(count_if(framework = 'ica'), 0) AS fw_ica, coalesce(sum(CASE WHEN framework = 'ica' THEN rk ELSE 0 END), 0)::BIGINT AS fw_ica__k,
  coalesce(count_if(framework = 'le_model'), 0) AS fw_le_model, coalesce(sum(CASE WHEN framework = 'le_model' THEN rk ELSE 0 END), 0)::BIGINT AS fw_le_model__k,
  coalesce(count_if(framework = 'particulier_instrument'), 0) AS fw_particulier_instrument, coalesce(sum(CASE WHEN framework = 'particulier_instrument' THEN rk ELSE 0 END), 0)::BIGINT AS fw_particulier_instrument__k,
  coalesce(count_if(framework = 'open_gesprek'), 0) AS fw_open_gesprek, coalesce(sum(CASE WHEN framework = 'open_gesprek' THEN rk ELSE 0 END), 0)::BIGINT AS fw_open_gesprek__k,
  coalesce(count_if(framework = 'niet_pluis'), 0) AS fw_niet_pluis, coalesce(sum(CASE WHEN framework = 'niet_pluis' THEN rk ELSE 0 END), 0)::BIGINT AS fw_niet_pluis__k,
  coalesce(count_if(framework = 'onbekend'), 0) AS fw_onbekend, coalesce(sum(CASE WHEN framework = 'onbekend' THEN rk ELSE 0 END), 0)::BIGINT AS fw_onbekend__k
FROM assessment_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, stage, body, bin;
