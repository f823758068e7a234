/**
 * Column schemas of contract v1. One entry per column, with its type, whether it is
 * required, its code list and, for pseudonyms, its pattern. The validator, the demo
 * generator and docs/data-contract.md are all driven by these arrays.
 */
import { AGE_BANDS, BODIES, ENRICHMENTS, FRAMEWORKS, OUTCOMES, PHENOMENA, RECEIVING_PARTIES, REGION_CODES, SOURCES, STAGES } from './codes';

export type ColumnType = 'pseudonym' | 'string' | 'code' | 'date' | 'int' | 'bool';
/** `weegploeg` = required on rows with stage `weegploeg`, optional otherwise. */
export type Requirement = 'yes' | 'no' | 'weegploeg';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: Requirement;
  /** Allowed values for `code` columns (and region_code). */
  codes?: readonly string[];
  /** Regex (anchored) for `pseudonym`/`string` columns. */
  pattern?: string;
  /** For int columns: inclusive range. */
  min?: number;
  max?: number;
  description: { nl: string; en: string };
}

export const ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
export const SUBJECT_PATTERN = '^[A-Za-z0-9_-]{16,128}$';
export const MUNICIPALITY_PATTERN = '^GM[0-9]{4}$';

const score = (name: string, nl: string, en: string): ColumnSpec => ({
  name,
  type: 'int',
  required: 'no',
  min: 0,
  max: 2,
  description: { nl: `Zorg (0 geen, 1 enige, 2 ernstige): ${nl}`, en: `Concern (0 none, 1 some, 2 serious): ${en}` },
});
const bool = (name: string, required: Requirement, nl: string, en: string): ColumnSpec => ({
  name,
  type: 'bool',
  required,
  description: { nl, en },
});

export const SIGNAL_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'signal_id',
    type: 'pseudonym',
    required: 'yes',
    pattern: ID_PATTERN,
    description: { nl: 'Pseudoniem van het signaal, uniek per regio', en: 'Signal pseudonym, unique per region' },
  },
  {
    name: 'subject_pseudonym',
    type: 'pseudonym',
    required: 'no',
    pattern: SUBJECT_PATTERN,
    description: { nl: 'HMAC-pseudoniem van de persoon (landelijke sleutel)', en: 'HMAC pseudonym of the person (national key)' },
  },
  {
    name: 'region_code',
    type: 'code',
    required: 'yes',
    codes: REGION_CODES,
    description: { nl: 'Veiligheidsregio, gelijk aan het manifest', en: 'Safety region, equal to the manifest' },
  },
  {
    name: 'municipality_code',
    type: 'string',
    required: 'no',
    pattern: MUNICIPALITY_PATTERN,
    description: { nl: 'CBS-gemeentecode (GM + 4 cijfers)', en: 'CBS municipality code (GM + 4 digits)' },
  },
  {
    name: 'received_at',
    type: 'date',
    required: 'yes',
    description: { nl: 'Datum van ontvangst, binnen de periode van het manifest', en: 'Date received, within the manifest period' },
  },
  {
    name: 'receiving_party',
    type: 'code',
    required: 'yes',
    codes: RECEIVING_PARTIES,
    description: { nl: 'Kernpartij die het signaal ontving', en: 'Core party that received the signal' },
  },
  { name: 'source', type: 'code', required: 'yes', codes: SOURCES, description: { nl: 'Herkomst van het signaal', en: 'Channel the signal came through' } },
  { name: 'phenomenon', type: 'code', required: 'yes', codes: PHENOMENA, description: { nl: 'Fenomeen', en: 'Phenomenon' } },
  { name: 'age_band', type: 'code', required: 'no', codes: AGE_BANDS, description: { nl: 'Leeftijdsklasse', en: 'Age band' } },
];

export const ASSESSMENT_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'assessment_id',
    type: 'pseudonym',
    required: 'yes',
    pattern: ID_PATTERN,
    description: { nl: 'Pseudoniem van de beoordeling, uniek per regio', en: 'Assessment pseudonym, unique per region' },
  },
  {
    name: 'signal_id',
    type: 'pseudonym',
    required: 'yes',
    pattern: ID_PATTERN,
    description: { nl: 'Signaal van dezelfde regio (deze of een eerdere levering)', en: 'Signal of the same region (this or an earlier batch)' },
  },
  {
    name: 'region_code',
    type: 'code',
    required: 'yes',
    codes: REGION_CODES,
    description: { nl: 'Veiligheidsregio, gelijk aan het manifest', en: 'Safety region, equal to the manifest' },
  },
  { name: 'stage', type: 'code', required: 'yes', codes: STAGES, description: { nl: 'Fase: pre-weging, afstemmingsoverleg of weegploeg', en: 'Stage' } },
  { name: 'body', type: 'code', required: 'yes', codes: BODIES, description: { nl: 'Wie besloot (past bij de fase)', en: 'Deciding body (must fit the stage)' } },
  {
    name: 'decided_at',
    type: 'date',
    required: 'yes',
    description: { nl: 'Besluitdatum, niet voor ontvangst van het signaal', en: 'Decision date, not before the signal was received' },
  },
  { name: 'framework', type: 'code', required: 'yes', codes: FRAMEWORKS, description: { nl: 'Gebruikt referentiekader', en: 'Reference framework used' } },
  score('c_geweld', 'bereidheid geweld te gebruiken of te propageren', 'willingness to use or propagate violence'),
  score('c_denkbeelden', 'aanhangen van extremistische denkbeelden', 'adherence to extremist ideas'),
  score('c_sociale_relaties', 'sociale relaties', 'social relations'),
  score('c_identificatie', 'identificatie met extremistische groep of ideologie', 'identification with an extremist group or ideology'),
  score('c_zelfredzaamheid', 'zelfredzaamheid', 'self-reliance'),
  { name: 'outcome', type: 'code', required: 'yes', codes: OUTCOMES, description: { nl: 'Uitkomst (past bij de fase)', en: 'Outcome (must fit the stage)' } },
  {
    name: 'enrichment',
    type: 'code',
    required: 'no',
    codes: ENRICHMENTS,
    description: { nl: 'Verrijking (alleen pre-weging door politie)', en: 'Enrichment (pre_weging by politie only)' },
  },
  bool('present_gemeente', 'weegploeg', 'Gemeente aanwezig', 'Municipality present'),
  bool('present_politie', 'weegploeg', 'Politie aanwezig', 'Police present'),
  bool('present_om', 'weegploeg', 'OM aanwezig', 'Prosecutor present'),
  bool('info_gemeente', 'weegploeg', 'Informatie gemeente gebruikt', 'Municipal information used'),
  bool('info_politie', 'weegploeg', 'Informatie politie gebruikt', 'Police information used'),
  bool('info_om', 'weegploeg', 'Informatie OM gebruikt', 'Prosecutor information used'),
  bool('unanimous', 'weegploeg', 'Unaniem besloten', 'Decided unanimously'),
  bool('analysis_recorded', 'yes', 'Analyse vastgelegd', 'Analysis recorded'),
  bool('decision_recorded', 'yes', 'Besluit vastgelegd', 'Decision recorded'),
];

export type FileKind = 'signals' | 'assessments';
export const COLUMNS_BY_FILE: Record<FileKind, readonly ColumnSpec[]> = {
  signals: SIGNAL_COLUMNS,
  assessments: ASSESSMENT_COLUMNS,
};

/** Accepted spellings of booleans (compared lower-cased). */
export const TRUE_VALUES = ['true', '1', 'ja'] as const;
export const FALSE_VALUES = ['false', '0', 'nee'] as const;

export interface ManifestFile {
  name: string;
  rows: number;
  sha256: string;
}
export interface Manifest {
  contract_version: '1';
  region_code: string;
  batch_id: string;
  produced_at: string;
  period: { from: string; to: string };
  pseudonymisation: { method: 'hmac-sha256'; key_id: string };
  files: { signals: ManifestFile; assessments: ManifestFile };
}

/** Typed row shapes as the generator writes them (null = not known). */
export interface SignalRow {
  signal_id: string;
  subject_pseudonym: string | null;
  region_code: string;
  municipality_code: string | null;
  received_at: string;
  receiving_party: string;
  source: string;
  phenomenon: string;
  age_band: string | null;
}
export interface AssessmentRow {
  assessment_id: string;
  signal_id: string;
  region_code: string;
  stage: string;
  body: string;
  decided_at: string;
  framework: string;
  c_geweld: number | null;
  c_denkbeelden: number | null;
  c_sociale_relaties: number | null;
  c_identificatie: number | null;
  c_zelfredzaamheid: number | null;
  outcome: string;
  enrichment: string | null;
  present_gemeente: boolean | null;
  present_politie: boolean | null;
  present_om: boolean | null;
  info_gemeente: boolean | null;
  info_politie: boolean | null;
  info_om: boolean | null;
  unanimous: boolean | null;
  analysis_recorded: boolean;
  decision_recorded: boolean;
}
