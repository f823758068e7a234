/**
 * Labels for the data contract's codes (CONTRACT.md) and for the dimension values the
 * metrics return. The lists mirror libs/contract/src/codes.ts; codes.spec.ts checks they
 * stay complete, so a new code cannot silently show up unlabelled.
 */
import type { Lang } from './messages';

type Labels = Record<string, { nl: string; en: string }>;

export const RECEIVING_PARTY_LABELS: Labels = {
  gemeente: { nl: 'Gemeente', en: 'Municipality' },
  politie: { nl: 'Politie', en: 'Police' },
  om: { nl: 'OM', en: 'Public prosecutor' },
};

export const SOURCE_LABELS: Labels = {
  professional_meldpunt: { nl: 'Meldpunt (professionals)', en: 'Reporting point (professionals)' },
  burger: { nl: 'Burger', en: 'Citizen' },
  politie_registratie: { nl: 'Politieregistratie (CTER)', en: 'Police registration (CTER)' },
  politie_trefwoord: { nl: 'Trefwoordscan politie', en: 'Police keyword scan' },
  osint: { nl: 'Internetonderzoek (OSINT)', en: 'Internet research (OSINT)' },
  lse_doorverwijzing: { nl: 'Doorverwijzing LSE', en: 'LSE referral' },
  ambtsbericht: { nl: 'Ambtsbericht', en: 'Official intelligence message' },
  inlichtingendienst: { nl: 'Andere opsporings- of inlichtingendienst', en: 'Other investigation or intelligence service' },
  om_strafzaak: { nl: 'OM (strafzaak)', en: 'Prosecutor (criminal case)' },
  overig: { nl: 'Overig', en: 'Other' },
};

export const PHENOMENON_LABELS: Labels = {
  jihadisme: { nl: 'Jihadisme', en: 'Jihadism' },
  rechts_extremisme: { nl: 'Rechts-extremisme', en: 'Right-wing extremism' },
  links_extremisme: { nl: 'Links-extremisme', en: 'Left-wing extremism' },
  anti_institutioneel: { nl: 'Anti-institutioneel', en: 'Anti-institutional' },
  overig: { nl: 'Overig', en: 'Other' },
  gemengd_onduidelijk: { nl: 'Gemengd of onduidelijk', en: 'Mixed or unclear' },
  onbekend: { nl: 'Onbekend', en: 'Unknown' },
};

export const STAGE_LABELS: Labels = {
  pre_weging: { nl: 'Pre-weging', en: 'Pre-assessment' },
  afstemmingsoverleg: { nl: 'Afstemmingsoverleg', en: 'Police–OM coordination' },
  weegploeg: { nl: 'Weegploeg', en: 'Weegploeg' },
};

export const BODY_LABELS: Labels = {
  gemeente: { nl: 'Gemeente', en: 'Municipality' },
  politie: { nl: 'Politie', en: 'Police' },
  om: { nl: 'OM', en: 'Public prosecutor' },
  politie_om: { nl: 'Politie en OM', en: 'Police and prosecutor' },
  weegploeg: { nl: 'Weegploeg', en: 'Weegploeg' },
  driehoek: { nl: 'Driehoek', en: 'Triangle (mayor, police, prosecutor)' },
};

export const FRAMEWORK_LABELS: Labels = {
  wettelijke_criteria: { nl: 'Wettelijke criteria (5)', en: 'Legal criteria (5)' },
  ontwikkelgebieden: { nl: 'Ontwikkelgebieden (9)', en: 'Development areas (9)' },
  ica: { nl: 'Intenties, capaciteiten, activiteiten', en: 'Intentions, capabilities, activities' },
  le_model: { nl: 'Model Landelijke Eenheid', en: 'National police unit model' },
  particulier_instrument: { nl: 'Particulier instrument', en: 'Private-vendor instrument' },
  open_gesprek: { nl: 'Open gesprek', en: 'Open discussion' },
  niet_pluis: { nl: 'Niet-pluisgevoel', en: 'Gut feeling' },
  onbekend: { nl: 'Onbekend', en: 'Unknown' },
};

export const OUTCOME_LABELS: Labels = {
  doorgezet: { nl: 'Doorgezet', en: 'Forwarded' },
  niet_doorgezet: { nl: 'Niet doorgezet', en: 'Not forwarded' },
  afgesloten_onvoldoende_info: { nl: 'Afgesloten wegens onvoldoende informatie', en: 'Closed for insufficient information' },
  verrijking: { nl: 'Verrijking', en: 'Enrichment' },
  doorverwezen: { nl: 'Doorverwezen', en: 'Referred' },
  casusoverleg: { nl: 'Casusoverleg', en: 'Case conference' },
  geen_casusoverleg: { nl: 'Geen casusoverleg', en: 'No case conference' },
  nadere_duiding: { nl: 'Nadere duiding', en: 'More information needed' },
};

export const PATH_LABELS: Labels = {
  direct: { nl: 'Direct naar weegploeg', en: 'Directly to weegploeg' },
  via_pre_weging: { nl: 'Via pre-weging', en: 'Via pre-assessment' },
  dropped: { nl: 'Afgevallen', en: 'Dropped' },
  pending: { nl: 'Nog lopend', en: 'Pending' },
};

export const ENRICHMENT_LABELS: Labels = {
  geen: { nl: 'Geen', en: 'None' },
  wijkagent: { nl: 'Wijkagent', en: 'Neighbourhood officer' },
  alertering: { nl: 'Alertering', en: 'Alert on new registrations' },
  osint: { nl: 'OSINT', en: 'OSINT' },
  meerdere: { nl: 'Meerdere', en: 'Several' },
};

export const CRITERION_LABELS: Labels = {
  c_geweld: { nl: 'Geweldsbereidheid', en: 'Willingness to use violence' },
  c_denkbeelden: { nl: 'Extremistische denkbeelden', en: 'Extremist ideas' },
  c_sociale_relaties: { nl: 'Sociale relaties', en: 'Social relations' },
  c_identificatie: { nl: 'Identificatie met groep of ideologie', en: 'Identification with group or ideology' },
  c_zelfredzaamheid: { nl: 'Zelfredzaamheid', en: 'Self-reliance' },
};

export const GROUP_LABELS: Labels = {
  region: { nl: 'Regio', en: 'Region' },
  total: { nl: 'Landelijk totaal', en: 'National total' },
  own: { nl: 'Eigen regio', en: 'Own region' },
  peer_min: { nl: 'Andere regio’s: minimum', en: 'Other regions: minimum' },
  peer_q1: { nl: 'Andere regio’s: 1e kwartiel', en: 'Other regions: 1st quartile' },
  peer_median: { nl: 'Andere regio’s: mediaan', en: 'Other regions: median' },
  peer_q3: { nl: 'Andere regio’s: 3e kwartiel', en: 'Other regions: 3rd quartile' },
  peer_max: { nl: 'Andere regio’s: maximum', en: 'Other regions: maximum' },
  national: { nl: 'Landelijk', en: 'National' },
  rest: { nl: 'Rest van het land', en: 'Rest of the country' },
};

export const BAND_LABELS: Labels = {
  low: { nl: 'Laag (0–3)', en: 'Low (0–3)' },
  mid: { nl: 'Midden (4–6)', en: 'Middle (4–6)' },
  high: { nl: 'Hoog (7–10)', en: 'High (7–10)' },
};

export const WEEGPLOEG_ORGANISATION_LABELS: Labels = {
  gemeentelijk: { nl: 'Gemeentelijk', en: 'Municipal' },
  regionaal: { nl: 'Regionaal', en: 'Regional' },
  provinciaal: { nl: 'Provinciaal', en: 'Provincial' },
  driehoek: { nl: 'Driehoek', en: 'Triangle' },
};

export const COVENANT_ADAPTATION_LABELS: Labels = {
  lokaal_aangepast: { nl: 'Lokaal aangepast', en: 'Adapted locally' },
  een_op_een: { nl: 'Eén op één overgenomen', en: 'Taken over one-to-one' },
};

export const MEASURE_LABELS: Labels = {
  all_parties_present: { nl: 'Alle drie partijen aanwezig', en: 'All three parties present' },
  information_all_parties: { nl: 'Informatie van alle drie gebruikt', en: 'Information from all three used' },
  unanimous: { nl: 'Unaniem besluit', en: 'Unanimous decision' },
  analysis_recorded: { nl: 'Analyse vastgelegd', en: 'Analysis recorded' },
  decision_recorded: { nl: 'Besluit vastgelegd', en: 'Decision recorded' },
};

export const LEVEL_LABELS: Labels = {
  region: { nl: 'Regio', en: 'Region' },
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  municipality_unknown: { nl: 'Gemeente onbekend', en: 'Municipality unknown' },
};

/** Codes offered by the global filters, in the contract's order. */
export const FILTER_CODES = {
  phenomenon: Object.keys(PHENOMENON_LABELS),
  receiving_party: Object.keys(RECEIVING_PARTY_LABELS),
  source: Object.keys(SOURCE_LABELS),
} as const;

/** Which label list a dimension column's values belong to. */
const BY_COLUMN: Record<string, Labels> = {
  receiving_party: RECEIVING_PARTY_LABELS,
  party: RECEIVING_PARTY_LABELS,
  source: SOURCE_LABELS,
  phenomenon: PHENOMENON_LABELS,
  stage: STAGE_LABELS,
  body: BODY_LABELS,
  framework: FRAMEWORK_LABELS,
  outcome: OUTCOME_LABELS,
  last_pre_outcome: OUTCOME_LABELS,
  final_outcome: OUTCOME_LABELS,
  path: PATH_LABELS,
  enrichment: ENRICHMENT_LABELS,
  criterion: CRITERION_LABELS,
  group: GROUP_LABELS,
  measure: MEASURE_LABELS,
  level: LEVEL_LABELS,
  band: BAND_LABELS,
  severity_band: BAND_LABELS,
  weegploeg_organisation: WEEGPLOEG_ORGANISATION_LABELS,
  covenant_adaptation: COVENANT_ADAPTATION_LABELS,
};

const ALL_LISTS: Labels[] = [
  PATH_LABELS,
  OUTCOME_LABELS,
  RECEIVING_PARTY_LABELS,
  SOURCE_LABELS,
  PHENOMENON_LABELS,
  STAGE_LABELS,
  BODY_LABELS,
  FRAMEWORK_LABELS,
  CRITERION_LABELS,
  GROUP_LABELS,
  ENRICHMENT_LABELS,
  MEASURE_LABELS,
];

/** The label of a code in a dimension column, or the code itself when it is not a known code. */
export function codeLabel(column: string, code: string, lang: Lang): string {
  const list = BY_COLUMN[column];
  if (list?.[code]) return list[code][lang];
  for (const l of ALL_LISTS) if (l[code]) return l[code][lang];
  return code;
}

/**
 * Labels a Sankey node. The metrics library names nodes `<stage>:<code>` (or just the code);
 * the stage prefix keeps e.g. `politie` as source and as receiving party apart.
 */
export function nodeLabel(node: string, lang: Lang): string {
  const [layer, code, detail] = node.split(':');
  if (code === undefined) return codeLabel('', layer, lang);
  // `path:dropped:<last pre-outcome>`: dropped, split by why.
  if (detail !== undefined) return `${codeLabel(layer, code, lang)}: ${codeLabel('outcome', detail, lang).toLowerCase()}`;
  return codeLabel(layer, code, lang);
}

/**
 * Column labels that quote a raw code (e.g. "Kader wettelijke_criteria" for `fw_wettelijke_criteria`)
 * get the code's label instead; the code must end the column name, so ordinary words stay.
 */
/**
 * Columns whose labels look alike but count different things: the unit is said in the label
 * ("Met pre-weging" counts signals, "Pre-wegingen" assessments).
 */
const UNIT_OF: Record<string, { nl: string; en: string }> = {
  with_pre: { nl: 'signalen', en: 'signals' },
  via_pre_weging: { nl: 'signalen', en: 'signals' },
  signals: { nl: 'signalen', en: 'signals' },
  assessments: { nl: 'beoordelingen', en: 'assessments' },
  assessments_with: { nl: 'beoordelingen', en: 'assessments' },
};

export function prettyColumnLabel(column: string, label: string, lang: Lang): string {
  const unit = UNIT_OF[column]?.[lang];
  const base = prettyCodes(column, label, lang);
  return unit && !base.toLowerCase().includes(unit) ? `${base} (${unit})` : base;
}

function prettyCodes(column: string, label: string, lang: Lang): string {
  for (const list of ALL_LISTS) {
    for (const code of Object.keys(list)) {
      if (column.endsWith(`_${code}`) || column === code) {
        const re = new RegExp(`(^|[^a-z_])${code}(?![a-z_])`);
        if (re.test(label)) return label.replace(re, (_m, pre: string) => `${pre}${list[code][lang].toLowerCase()}`);
      }
    }
  }
  return label;
}
