/**
 * What a data officer should do about each validation rule, in Dutch. The API's report
 * carries the English text (from the ETL's rule list); the dashboard shows this one when the
 * language is Dutch, and the API's text for a rule it does not know (a newer ETL).
 * `{extensions}` stands for the data file extensions the API accepts (GET /v1/me).
 */
export const RULE_HELP_NL: Record<string, string> = {
  ARCHIVE_UNREADABLE: 'Het archief is geen leesbare .zip (beschadigd, versleuteld of een bestand dat niet uitgepakt kan worden). Maak het archief opnieuw, zonder wachtwoord.',
  ARCHIVE_ENTRY_NOT_ALLOWED: 'Het archief mag alleen manifest.json en de twee gegevensbestanden uit het manifest bevatten. Haal andere bestanden eruit.',
  ARCHIVE_LAYOUT: 'Zet de bestanden in de hoofdmap van het archief of samen in één map.',
  ARCHIVE_PATH_UNSAFE: 'Een bestand in het archief heeft een absoluut pad, een stationsletter, een backslash of “..”. Pak de map opnieuw in.',
  ARCHIVE_LINK: 'Het archief bevat een snelkoppeling (symbolische link). Zet het bestand zelf in het archief.',
  ARCHIVE_TOO_LARGE: 'De uitgepakte aanlevering is groter dan de limiet. Lever in kleinere delen (bijvoorbeeld per kwartaal).',
  EXCEL_MACROS: 'De werkmap bevat macro’s (.xlsm of VBA). Sla haar op als gewone Excel-werkmap (.xlsx).',
  EXCEL_EXTERNAL_LINK: 'De werkmap verwijst naar andere bestanden, adressen of gegevensverbindingen. Verwijder de koppelingen (plakken als waarden).',
  EXCEL_FORMULA: 'Een gegevenscel bevat een formule. Plak de waarden in plaats van de formules.',
  EXCEL_HIDDEN_SHEET: 'Een verborgen werkblad bevat gegevens. Verwijder het, of maak het zichtbaar als het bij de aanlevering hoort.',
  EXCEL_HIDDEN_ROW: 'Een verborgen rij bevat gegevens. Verwijder de rij, of maak haar zichtbaar als zij bij de aanlevering hoort.',
  EXCEL_HIDDEN_COLUMN: 'Een verborgen kolom bevat gegevens. Verwijder de kolom, of maak haar zichtbaar als zij bij de aanlevering hoort.',
  EXCEL_TEXT_AS_NUMBER: 'Een code of id staat als getal in de cel (een voorloopnul gaat dan verloren). Maak de kolom op als tekst en vul de waarde opnieuw in.',
  EXCEL_SHEET_MISSING: 'De werkmap heeft geen werkblad voor dit bestand. Noem de werkbladen “signals” en “assessments”.',
  EXCEL_HEADER_ROW: 'De kolomnamen moeten in rij 1 van het werkblad staan.',
  EXCEL_TOO_LARGE: 'Een deel van de werkmap is te groot om te lezen. Lever in kleinere delen of als CSV.',
  MANIFEST_MISSING: 'manifest.json ontbreekt. Voeg het toe aan de aanlevering.',
  MANIFEST_NOT_JSON: 'manifest.json is geen geldige JSON (UTF-8, één object). Controleer komma’s en aanhalingstekens.',
  MANIFEST_FIELD_MISSING: 'Een verplicht veld ontbreekt in manifest.json. Vul het aan.',
  MANIFEST_FIELD_INVALID: 'Een veld in manifest.json heeft een ongeldige waarde. Zie de toelichting achter de fout.',
  MANIFEST_FIELD_UNKNOWN: 'manifest.json bevat een veld dat niet in het contract staat. Verwijder het.',
  CONTRACT_VERSION: 'contract_version moet "1" zijn.',
  REGION_CODE_INVALID: 'region_code moet een veiligheidsregio VR01 t/m VR25 zijn.',
  PRODUCED_AT_IN_FUTURE: 'produced_at ligt in de toekomst. Vul het werkelijke moment van aanmaken in (met tijdzone).',
  PERIOD_INVALID: 'De periode moet van ≤ tot zijn, beide als JJJJ-MM-DD.',
  FILE_NAME_INVALID: 'Gebruik een eenvoudige bestandsnaam (letters, cijfers, . _ -) in dezelfde map.',
  FILE_FORMAT_UNSUPPORTED: 'Gebruik {extensions}.',
  FILE_MISSING: 'Een bestand uit manifest.json zit niet in de aanlevering. Voeg het toe of corrigeer de naam.',
  SHA256_MISMATCH: 'De sha256 in manifest.json klopt niet met het bestand. Bereken de hash opnieuw na de laatste wijziging.',
  ROWS_MISMATCH: 'Het aantal rijen in manifest.json klopt niet met het bestand (kopregel niet meetellen).',
  FILE_TOO_MANY_ROWS: 'Het bestand heeft meer rijen dan één levering mag bevatten. Verdeel de gegevens over meerdere leveringen (bijvoorbeeld per kwartaal).',
  VALIDATION_TIMEOUT: 'Het controleren van deze levering duurde langer dan toegestaan. Verdeel de gegevens over kleinere leveringen.',
  FILE_NOT_UTF8: 'Het bestand is niet in UTF-8 opgeslagen. Kies in Excel “CSV UTF-8”.',
  FILE_UNREADABLE: 'Het bestand is niet te lezen in het opgegeven formaat. Controleer de extensie en exporteer opnieuw.',
  CSV_MALFORMED: 'Deze CSV-rij heeft niet evenveel velden als de kopregel, of de aanhalingstekens kloppen niet.',
  JSON_NOT_OBJECT: 'Deze JSON Lines-regel is geen object. Zet één object per regel.',
  COLUMN_MISSING: 'Een verplichte kolom ontbreekt. Voeg haar toe (mag leeg zijn als de waarde niet verplicht is).',
  COLUMN_DUPLICATE: 'Deze kolom staat twee keer in de kopregel. Verwijder de dubbele.',
  REQUIRED: 'Deze waarde is verplicht en leeg. Vul haar in.',
  REQUIRED_FOR_WEEGPLOEG: 'Bij een weegploeg-beoordeling is deze waarde verplicht. Vul haar in.',
  TYPE_DATE: 'Geen geldige datum. Gebruik JJJJ-MM-DD (of een Excel-datum).',
  TYPE_INT: 'Geen geheel getal. Gebruik 0, 1 of 2.',
  TYPE_BOOL: 'Geen ja/nee-waarde. Gebruik true/false, 1/0 of ja/nee.',
  RANGE: 'Het getal ligt buiten 0 t/m 2.',
  CODE_UNKNOWN: 'Deze waarde staat niet in de codelijst van de kolom. Kies een code uit de lijst (zie de handleiding of het werkblad Toelichting).',
  PATTERN: 'De waarde heeft niet de juiste vorm (gemeentecode: GM + 4 cijfers).',
  REGION_MISMATCH: 'region_code van de rij verschilt van die in manifest.json.',
  DATE_OUTSIDE_PERIOD: 'received_at ligt buiten de periode van manifest.json. Pas de periode aan of lever de rij in een andere aanlevering.',
  DATE_IN_FUTURE: 'De datum ligt in de toekomst. Corrigeer de datum.',
  BODY_STAGE_MISMATCH: 'Dit gremium (body) past niet bij deze fase (stage). Zie de tabel in de handleiding.',
  OUTCOME_STAGE_MISMATCH: 'Deze uitkomst past niet bij deze fase (stage). Zie de tabel in de handleiding.',
  ENRICHMENT_NOT_ALLOWED: 'Verrijking (enrichment) mag alleen bij een pre-weging door de politie. Maak het veld leeg.',
  DUPLICATE_ID: 'Dit id komt vaker voor in het bestand. Elk id mag één keer voorkomen.',
  SIGNAL_UNKNOWN: 'Deze signal_id is geen signaal van deze regio in deze of een eerdere aanlevering. Lever het signaal mee.',
  DATE_BEFORE_SIGNAL: 'decided_at ligt vóór de ontvangstdatum van het signaal. Corrigeer een van beide.',
  COLUMN_UNKNOWN: 'Deze kolom staat niet in het contract (mogelijk persoonsgegevens). Verwijder de kolom.',
  PII_BSN: 'De waarde lijkt een BSN. Lever nooit een BSN: gebruik het pseudonimiseringshulpmiddel.',
  PII_EMAIL: 'De waarde lijkt een e-mailadres. Verwijder persoonsgegevens uit de aanlevering.',
  PII_PHONE: 'De waarde lijkt een telefoonnummer. Verwijder persoonsgegevens uit de aanlevering.',
  PII_POSTCODE: 'De waarde lijkt een postcode met huisnummer. Verwijder persoonsgegevens uit de aanlevering.',
  PII_IBAN: 'De waarde lijkt een IBAN. Verwijder persoonsgegevens uit de aanlevering.',
  PSEUDONYM_INVALID: 'Geen pseudoniem: verkeerde lengte of tekens buiten A-Z a-z 0-9 _ -. Gebruik het pseudonimiseringshulpmiddel.',
  PSEUDONYM_DATE: 'Geen pseudoniem: de waarde is een datum. Gebruik het pseudonimiseringshulpmiddel.',
  PSEUDONYM_NAME: 'Geen pseudoniem: de waarde lijkt een naam. Gebruik het pseudonimiseringshulpmiddel.',
  BATCH_ID_CONFLICT: 'Deze batch_id is al geladen met andere inhoud. Geef een correctie een nieuwe batch_id.',
  REGION_NOT_ALLOWED: 'U mag alleen aanleveren voor uw eigen regio.',
};

/** The Dutch guidance for a rule with the accepted extensions filled in; null when there is none (then the API's text is shown). */
export function ruleHelpNl(rule: string, extensions: readonly string[]): string | null {
  const text = RULE_HELP_NL[rule];
  if (text === undefined || (text.includes('{extensions}') && extensions.length === 0)) return null;
  const list = extensions.length > 1 ? `${extensions.slice(0, -1).join(', ')} of ${extensions[extensions.length - 1]}` : extensions.join('');
  return text.replace('{extensions}', list);
}
