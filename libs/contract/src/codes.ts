/**
 * Code lists of data contract v1 (../shared/contract/CONTRACT.md). The single source of
 * truth: the validator, the demo generator, the metrics and the docs all read these.
 */
export const CONTRACT_VERSION = '1';

export const REGION_CODES = Array.from({ length: 25 }, (_, i) => `VR${String(i + 1).padStart(2, '0')}`);
export type RegionCode = string;

export const RECEIVING_PARTIES = ['gemeente', 'politie', 'om'] as const;
export type ReceivingParty = (typeof RECEIVING_PARTIES)[number];

export const SOURCES = [
  'professional_meldpunt',
  'burger',
  'politie_registratie',
  'politie_trefwoord',
  'osint',
  'lse_doorverwijzing',
  'ambtsbericht',
  'inlichtingendienst',
  'om_strafzaak',
  'overig',
] as const;
export type Source = (typeof SOURCES)[number];

export const PHENOMENA = ['jihadisme', 'rechts_extremisme', 'links_extremisme', 'anti_institutioneel', 'overig', 'gemengd_onduidelijk', 'onbekend'] as const;
export type Phenomenon = (typeof PHENOMENA)[number];
/** The phenomena phenomenon_coverage tests for under-coverage (METRICS.md §8). */
export const COVERAGE_PHENOMENA = ['jihadisme', 'rechts_extremisme', 'links_extremisme', 'anti_institutioneel'] as const;

export const AGE_BANDS = ['0_17', '18_24', '25_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** In tie-break order (METRICS.md: pre_weging < afstemmingsoverleg < weegploeg). */
export const STAGES = ['pre_weging', 'afstemmingsoverleg', 'weegploeg'] as const;
export type Stage = (typeof STAGES)[number];
export const PRE_STAGES: readonly Stage[] = ['pre_weging', 'afstemmingsoverleg'];

export const BODIES_BY_STAGE: Record<Stage, readonly string[]> = {
  pre_weging: ['gemeente', 'politie', 'om'],
  afstemmingsoverleg: ['politie_om'],
  weegploeg: ['weegploeg', 'driehoek'],
};
export const BODIES = ['gemeente', 'politie', 'om', 'politie_om', 'weegploeg', 'driehoek'] as const;
export type Body = (typeof BODIES)[number];

export const FRAMEWORKS = ['wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument', 'open_gesprek', 'niet_pluis', 'onbekend'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
/** Frameworks that count as an explicit framework (METRICS.md §2); the rest is judgement. */
export const EXPLICIT_FRAMEWORKS: readonly Framework[] = ['wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument'];

export const OUTCOMES_BY_STAGE: Record<Stage, readonly string[]> = {
  pre_weging: ['doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info', 'verrijking', 'doorverwezen'],
  afstemmingsoverleg: ['doorgezet', 'niet_doorgezet'],
  weegploeg: ['casusoverleg', 'geen_casusoverleg', 'nadere_duiding'],
};
export const OUTCOMES = [
  'doorgezet',
  'niet_doorgezet',
  'afgesloten_onvoldoende_info',
  'verrijking',
  'doorverwezen',
  'casusoverleg',
  'geen_casusoverleg',
  'nadere_duiding',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** A last pre-outcome in this list, without a weegploeg assessment, means `dropped`. */
export const DROP_OUTCOMES = ['niet_doorgezet', 'afgesloten_onvoldoende_info', 'doorverwezen'] as const;

export const ENRICHMENTS = ['geen', 'wijkagent', 'alertering', 'osint', 'meerdere'] as const;

export const CRITERIA = ['c_geweld', 'c_denkbeelden', 'c_sociale_relaties', 'c_identificatie', 'c_zelfredzaamheid'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const PATHS = ['direct', 'via_pre_weging', 'dropped', 'pending'] as const;
export type Path = (typeof PATHS)[number];

/** Severity bands for outcome_divergence (METRICS.md §6): sum of the five scores. */
export const SEVERITY_BANDS = [
  { band: 'low', min: 0, max: 3 },
  { band: 'mid', min: 4, max: 6 },
  { band: 'high', min: 7, max: 10 },
] as const;

export const ROLES = ['inspectie', 'nctv', 'regio', 'beheer'] as const;
export type Role = (typeof ROLES)[number];
