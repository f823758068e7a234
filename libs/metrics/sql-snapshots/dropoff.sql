-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"none"}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) FILTER (WHERE has_pre) AS with_pre,
  count(*) FILTER (WHERE path = 'dropped') AS dropped,
  count(*) FILTER (WHERE reached) AS reached,
  count(*) FILTER (WHERE path = 'direct') AS direct,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'niet_doorgezet') AS dropped_niet_doorgezet,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'afgesloten_onvoldoende_info') AS dropped_afgesloten_onvoldoende_info,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'doorverwezen') AS dropped_doorverwezen,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'wettelijke_criteria') AS dropped_fw_wettelijke_criteria,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'ontwikkelgebieden') AS dropped_fw_ontwikkelgebieden,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'ica') AS dropped_fw_ica,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'le_model') AS dropped_fw_le_model,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'particulier_instrument') AS dropped_fw_particulier_instrument,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'open_gesprek') AS dropped_fw_open_gesprek,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'niet_pluis') AS dropped_fw_niet_pluis,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'onbekend') AS dropped_fw_onbekend,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')) AS dropped_explicit,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework NOT IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')) AS dropped_judgement
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;

-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{"by":"receiving_party"}}
-- main
-- params: ["VR03","VR13","2024-01-01","2024-12-31"]
SELECT region_code, receiving_party,
  count(*) FILTER (WHERE has_pre) AS with_pre,
  count(*) FILTER (WHERE path = 'dropped') AS dropped,
  count(*) FILTER (WHERE reached) AS reached,
  count(*) FILTER (WHERE path = 'direct') AS direct,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'niet_doorgezet') AS dropped_niet_doorgezet,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'afgesloten_onvoldoende_info') AS dropped_afgesloten_onvoldoende_info,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'doorverwezen') AS dropped_doorverwezen,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'wettelijke_criteria') AS dropped_fw_wettelijke_criteria,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'ontwikkelgebieden') AS dropped_fw_ontwikkelgebieden,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'ica') AS dropped_fw_ica,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'le_model') AS dropped_fw_le_model,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'particulier_instrument') AS dropped_fw_particulier_instrument,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'open_gesprek') AS dropped_fw_open_gesprek,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'niet_pluis') AS dropped_fw_niet_pluis,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'onbekend') AS dropped_fw_onbekend,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')) AS dropped_explicit,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework NOT IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')) AS dropped_judgement
FROM signal_facts
WHERE region_code IN (?, ?)
  AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code, receiving_party;

-- regio: {"role":"regio","region":"VR13","scope":{"from":"2024-01-01","to":"2024-12-31"}}
-- main
-- params: ["2024-01-01","2024-12-31"]
SELECT region_code,
  count(*) FILTER (WHERE has_pre) AS with_pre,
  count(*) FILTER (WHERE path = 'dropped') AS dropped,
  count(*) FILTER (WHERE reached) AS reached,
  count(*) FILTER (WHERE path = 'direct') AS direct,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'niet_doorgezet') AS dropped_niet_doorgezet,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'afgesloten_onvoldoende_info') AS dropped_afgesloten_onvoldoende_info,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_outcome = 'doorverwezen') AS dropped_doorverwezen,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'wettelijke_criteria') AS dropped_fw_wettelijke_criteria,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'ontwikkelgebieden') AS dropped_fw_ontwikkelgebieden,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'ica') AS dropped_fw_ica,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'le_model') AS dropped_fw_le_model,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'particulier_instrument') AS dropped_fw_particulier_instrument,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'open_gesprek') AS dropped_fw_open_gesprek,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'niet_pluis') AS dropped_fw_niet_pluis,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework = 'onbekend') AS dropped_fw_onbekend,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')) AS dropped_explicit,
  count(*) FILTER (WHERE path = 'dropped' AND last_pre_framework NOT IN ('wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument')) AS dropped_judgement
FROM signal_facts
WHERE received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
GROUP BY region_code;
