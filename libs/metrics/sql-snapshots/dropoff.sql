-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"none"}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code,
  coalesce(count_if(has_pre), 0) AS with_pre,
  coalesce(count_if(path = 'dropped'), 0) AS dropped,
  coalesce(count_if(reached), 0) AS reached,
  coalesce(count_if(path = 'direct'), 0) AS direct,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'niet_doorgezet'), 0) AS dropped_niet_doorgezet,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'afgesloten_onvoldoende_info'), 0) AS dropped_afgesloten_onvoldoende_info,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'doorverwezen'), 0) AS dropped_doorverwezen,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'wettelijke_criteria'), 0) AS dropped_fw_wettelijke_criteria,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'ontwikkelgebieden'), 0) AS dropped_fw_ontwikkelgebieden,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'ica'), 0) AS dropped_fw_ica,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'le_model'), 0) AS dropped_fw_le_model,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'particulier_instrument'), 0) AS dropped_fw_particulier_instrument,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'open_gesprek'), 0) AS dropped_fw_open_gesprek,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'niet_pluis'), 0) AS dropped_fw_niet_pluis,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'onbekend'), 0) AS dropped_fw_onbekend,
  coalesce(count_if(path = 'dropped' AND last_pre_framework IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')), 0) AS dropped_explicit,
  coalesce(count_if(path = 'dropped' AND last_pre_framework NOT IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')), 0) AS dropped_judgement
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"receiving_party"}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, receiving_party,
  coalesce(count_if(has_pre), 0) AS with_pre,
  coalesce(count_if(path = 'dropped'), 0) AS dropped,
  coalesce(count_if(reached), 0) AS reached,
  coalesce(count_if(path = 'direct'), 0) AS direct,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'niet_doorgezet'), 0) AS dropped_niet_doorgezet,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'afgesloten_onvoldoende_info'), 0) AS dropped_afgesloten_onvoldoende_info,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'doorverwezen'), 0) AS dropped_doorverwezen,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'wettelijke_criteria'), 0) AS dropped_fw_wettelijke_criteria,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'ontwikkelgebieden'), 0) AS dropped_fw_ontwikkelgebieden,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'ica'), 0) AS dropped_fw_ica,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'le_model'), 0) AS dropped_fw_le_model,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'particulier_instrument'), 0) AS dropped_fw_particulier_instrument,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'open_gesprek'), 0) AS dropped_fw_open_gesprek,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'niet_pluis'), 0) AS dropped_fw_niet_pluis,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'onbekend'), 0) AS dropped_fw_onbekend,
  coalesce(count_if(path = 'dropped' AND last_pre_framework IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')), 0) AS dropped_explicit,
  coalesce(count_if(path = 'dropped' AND last_pre_framework NOT IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')), 0) AS dropped_judgement
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, receiving_party;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code,
  coalesce(count_if(has_pre), 0) AS with_pre,
  coalesce(count_if(path = 'dropped'), 0) AS dropped,
  coalesce(count_if(reached), 0) AS reached,
  coalesce(count_if(path = 'direct'), 0) AS direct,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'niet_doorgezet'), 0) AS dropped_niet_doorgezet,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'afgesloten_onvoldoende_info'), 0) AS dropped_afgesloten_onvoldoende_info,
  coalesce(count_if(path = 'dropped' AND last_pre_outcome = 'doorverwezen'), 0) AS dropped_doorverwezen,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'wettelijke_criteria'), 0) AS dropped_fw_wettelijke_criteria,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'ontwikkelgebieden'), 0) AS dropped_fw_ontwikkelgebieden,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'ica'), 0) AS dropped_fw_ica,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'le_model'), 0) AS dropped_fw_le_model,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'particulier_instrument'), 0) AS dropped_fw_particulier_instrument,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'open_gesprek'), 0) AS dropped_fw_open_gesprek,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'niet_pluis'), 0) AS dropped_fw_niet_pluis,
  coalesce(count_if(path = 'dropped' AND last_pre_framework = 'onbekend'), 0) AS dropped_fw_onbekend,
  coalesce(count_if(path = 'dropped' AND last_pre_framework IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')), 0) AS dropped_explicit,
  coalesce(count_if(path = 'dropped' AND last_pre_framework NOT IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')), 0) AS dropped_judgement
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;
