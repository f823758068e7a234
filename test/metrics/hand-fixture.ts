/**
 * The hand-written fixture the metric tests work out by hand. Four regions:
 * VR01 (ten signals: ties in dates, a signal with no assessments, a nadere_duiding loop, a
 * missing criterion score), VR02, VR03 (decides in the driehoek), VR04.
 *
 * Per signal, the derived fields (METRICS.md) worked out by hand:
 *
 * | signal | region | received   | party    | path    | first wp   | final wp outcome | d.first | d.decision | final sev |
 * |--------|--------|------------|----------|---------|------------|------------------|---------|------------|-----------|
 * | A01    | VR01   | 2024-01-10 | politie  | via     | 2024-01-20 | casusoverleg     | 10      | 10         | 7 high    |
 * | A02    | VR01   | 2024-01-10 | politie  | dropped (niet_doorgezet, le_model)                                        |
 * | A03    | VR01   | 2024-02-01 | gemeente | dropped (afgesloten_onvoldoende_info, niet_pluis)                         |
 * | A04    | VR01   | 2024-02-03 | gemeente | pending (no assessments)                                                  |
 * | A05    | VR01   | 2024-02-10 | politie  | direct  | 2024-02-20 | geen_casusoverleg| 10      | 20         | 2 low     |
 * | A06    | VR01   | 2024-03-01 | politie  | direct  | 2024-03-10 | casusoverleg (tie: A06-2 > A06-1) | 9 | 9   | 8 high    |
 * | A07    | VR01   | 2024-03-05 | politie  | dropped (tie on 03-08: afstemmingsoverleg after pre_weging → niet_doorgezet, le_model) |
 * | A08    | VR01   | 2024-03-05 | gemeente | pending (last pre-outcome verrijking)                                     |
 * | A09    | VR01   | 2024-04-01 | politie  | via     | 2024-04-12 | nadere_duiding   | 11      | —          | — (missing score) |
 * | A10    | VR01   | 2024-04-15 | om       | direct  | 2024-04-20 | geen_casusoverleg| 5       | 5          | 1 low     |
 * | B01    | VR02   | 2024-01-05 | politie  | direct  | 2024-01-25 | geen_casusoverleg| 20      | 20         | 7 high    |
 * | B02    | VR02   | 2024-02-05 | politie  | via     | 2024-02-16 | geen_casusoverleg| 11      | 11         | 3 low     |
 * | B03    | VR02   | 2024-02-05 | gemeente | dropped (doorverwezen, niet_pluis)                                        |
 * | B04    | VR02   | 2024-03-15 | gemeente | via     | 2024-04-01 | casusoverleg     | 17      | 17         | 10 high   |
 * | B05    | VR02   | 2024-05-01 | politie  | pending (no assessments)                                                  |
 * | B06    | VR02   | 2025-01-10 | politie  | direct  | 2025-01-20 | casusoverleg     | 10      | 10         | 5 mid     |
 * | C01    | VR03   | 2024-01-20 | politie  | direct  | 2024-02-01 | casusoverleg (driehoek) | 12 | 12        | — (no scores) |
 * | C02    | VR03   | 2024-02-20 | gemeente | via     | 2024-03-01 | geen_casusoverleg (driehoek) | 10 | 10   | 1 low     |
 * | C03    | VR03   | 2024-03-03 | politie  | dropped (niet_doorgezet, le_model)                                        |
 * | D01    | VR04   | 2024-01-15 | politie  | direct  | 2024-01-30 | casusoverleg     | 15      | 15         | 6 mid     |
 * | D02    | VR04   | 2024-06-01 | gemeente | pending (no assessments)                                                  |
 * | D03    | VR04   | 2024-06-02 | politie  | dropped (niet_doorgezet, le_model)                                        |
 * | D04    | VR04   | 2024-07-01 | politie  | direct  | 2024-07-10 | geen_casusoverleg| 9       | 9          | 2 low     |
 * | D05    | VR04   | 2024-08-01 | politie  | direct  | 2024-08-05 | casusoverleg     | 4       | 4          | 10 high   |
 *
 * Persons: P1 = A01 (VR01 casusoverleg), B01 (VR02 geen); P2 = A02 (not reached), D01 (VR04);
 * P3 = A05 (VR01 geen), B02 (VR02 geen); P4 = A06 (VR01 casusoverleg), C01 (VR03 casusoverleg),
 * D04 (VR04 geen, 07-10), D05 (VR04 casusoverleg, 08-05: the latest in VR04); P5 = A09 (VR01
 * nadere_duiding), C02 (VR03 geen); P6 = B05 (not reached), B06 (VR02).
 */
import type { AssessmentFixture, Fixture, SignalFixture } from './duckdb-fixture';

const S = (
  id: string,
  region: string,
  received: string,
  party: SignalFixture['party'],
  source: string,
  phenomenon: string,
  subject: string | null,
  municipality: string | null,
): SignalFixture => ({
  id,
  region,
  received,
  party,
  source,
  phenomenon,
  subject,
  municipality,
});

export const HAND_SIGNALS: SignalFixture[] = [
  S('A01', 'VR01', '2024-01-10', 'politie', 'politie_registratie', 'jihadisme', 'P1', 'GM0014'),
  S('A02', 'VR01', '2024-01-10', 'politie', 'politie_trefwoord', 'jihadisme', 'P2', 'GM0014'),
  S('A03', 'VR01', '2024-02-01', 'gemeente', 'professional_meldpunt', 'rechts_extremisme', null, 'GM0014'),
  S('A04', 'VR01', '2024-02-03', 'gemeente', 'burger', 'jihadisme', null, 'GM0037'),
  S('A05', 'VR01', '2024-02-10', 'politie', 'osint', 'rechts_extremisme', 'P3', null),
  S('A06', 'VR01', '2024-03-01', 'politie', 'politie_registratie', 'jihadisme', 'P4', 'GM0014'),
  S('A07', 'VR01', '2024-03-05', 'politie', 'politie_registratie', 'links_extremisme', null, 'GM0014'),
  S('A08', 'VR01', '2024-03-05', 'gemeente', 'lse_doorverwijzing', 'anti_institutioneel', null, 'GM0037'),
  S('A09', 'VR01', '2024-04-01', 'politie', 'politie_registratie', 'jihadisme', 'P5', 'GM0014'),
  S('A10', 'VR01', '2024-04-15', 'om', 'om_strafzaak', 'jihadisme', null, null),
  S('B01', 'VR02', '2024-01-05', 'politie', 'politie_registratie', 'jihadisme', 'P1', 'GM0080'),
  S('B02', 'VR02', '2024-02-05', 'politie', 'politie_trefwoord', 'rechts_extremisme', 'P3', 'GM0080'),
  S('B03', 'VR02', '2024-02-05', 'gemeente', 'professional_meldpunt', 'jihadisme', null, 'GM0080'),
  S('B04', 'VR02', '2024-03-15', 'gemeente', 'ambtsbericht', 'anti_institutioneel', null, 'GM0074'),
  S('B05', 'VR02', '2024-05-01', 'politie', 'osint', 'jihadisme', 'P6', 'GM0080'),
  S('B06', 'VR02', '2025-01-10', 'politie', 'politie_registratie', 'jihadisme', 'P6', 'GM0080'),
  S('C01', 'VR03', '2024-01-20', 'politie', 'politie_registratie', 'jihadisme', 'P4', 'GM0106'),
  S('C02', 'VR03', '2024-02-20', 'gemeente', 'burger', 'rechts_extremisme', 'P5', 'GM0106'),
  S('C03', 'VR03', '2024-03-03', 'politie', 'politie_trefwoord', 'jihadisme', null, 'GM0114'),
  S('D01', 'VR04', '2024-01-15', 'politie', 'politie_registratie', 'jihadisme', 'P2', 'GM0193'),
  S('D02', 'VR04', '2024-06-01', 'gemeente', 'professional_meldpunt', 'links_extremisme', null, 'GM0193'),
  S('D03', 'VR04', '2024-06-02', 'politie', 'osint', 'jihadisme', null, 'GM0193'),
  S('D04', 'VR04', '2024-07-01', 'politie', 'politie_registratie', 'jihadisme', 'P4', 'GM0150'),
  S('D05', 'VR04', '2024-08-01', 'politie', 'politie_registratie', 'jihadisme', 'P4', 'GM0150'),
];

const A = (
  id: string,
  signal: string,
  stage: AssessmentFixture['stage'],
  body: string,
  decided: string,
  framework: string,
  outcome: string,
  extra: Partial<AssessmentFixture> = {},
): AssessmentFixture => ({
  id,
  signal,
  stage,
  body,
  decided,
  framework,
  outcome,
  ...extra,
});
const T3: [boolean, boolean, boolean] = [true, true, true];

export const HAND_ASSESSMENTS: AssessmentFixture[] = [
  A('A01-1', 'A01', 'pre_weging', 'politie', '2024-01-12', 'le_model', 'doorgezet'),
  A('A01-2', 'A01', 'afstemmingsoverleg', 'politie_om', '2024-01-15', 'le_model', 'doorgezet'),
  A('A01-3', 'A01', 'weegploeg', 'weegploeg', '2024-01-20', 'wettelijke_criteria', 'casusoverleg', { scores: [2, 2, 1, 1, 1] }),
  A('A02-1', 'A02', 'pre_weging', 'politie', '2024-01-11', 'le_model', 'niet_doorgezet', { scores: [0, 0, 0, 1, 0], analysis: false }),
  A('A03-1', 'A03', 'pre_weging', 'gemeente', '2024-02-05', 'niet_pluis', 'afgesloten_onvoldoende_info', { analysis: false, decision: false }),
  A('A05-1', 'A05', 'weegploeg', 'weegploeg', '2024-02-20', 'wettelijke_criteria', 'nadere_duiding', { present: [true, true, false] }),
  A('A05-2', 'A05', 'weegploeg', 'weegploeg', '2024-03-01', 'wettelijke_criteria', 'geen_casusoverleg', { scores: [0, 1, 0, 1, 0], info: [true, false, true], unanimous: false }),
  A('A06-1', 'A06', 'weegploeg', 'weegploeg', '2024-03-10', 'ontwikkelgebieden', 'nadere_duiding', { scores: [1, 1, 1, 1, 1], unanimous: false }),
  A('A06-2', 'A06', 'weegploeg', 'weegploeg', '2024-03-10', 'ontwikkelgebieden', 'casusoverleg', { scores: [2, 2, 2, 1, 1] }),
  A('A07-1', 'A07', 'pre_weging', 'politie', '2024-03-08', 'le_model', 'doorgezet'),
  A('A07-2', 'A07', 'afstemmingsoverleg', 'politie_om', '2024-03-08', 'le_model', 'niet_doorgezet', { decision: false }),
  A('A08-1', 'A08', 'pre_weging', 'gemeente', '2024-03-09', 'open_gesprek', 'verrijking', { analysis: false }),
  A('A09-1', 'A09', 'pre_weging', 'politie', '2024-04-02', 'le_model', 'doorgezet', { scores: [1, 1, 1, 1, 1] }),
  A('A09-2', 'A09', 'weegploeg', 'weegploeg', '2024-04-12', 'wettelijke_criteria', 'nadere_duiding', { scores: [1, 1, 1, 1, 1], decision: false }),
  A('A09-3', 'A09', 'weegploeg', 'weegploeg', '2024-05-01', 'wettelijke_criteria', 'nadere_duiding', { scores: [1, 1, 1, 1, null] }),
  A('A10-1', 'A10', 'weegploeg', 'weegploeg', '2024-04-20', 'wettelijke_criteria', 'geen_casusoverleg', { scores: [0, 0, 1, 0, 0], analysis: false }),
  A('B01-1', 'B01', 'weegploeg', 'weegploeg', '2024-01-25', 'ica', 'geen_casusoverleg', { scores: [2, 2, 1, 1, 1] }),
  A('B02-1', 'B02', 'pre_weging', 'politie', '2024-02-06', 'le_model', 'doorgezet', { scores: [1, 1, 1, 0, 0] }),
  A('B02-2', 'B02', 'weegploeg', 'weegploeg', '2024-02-16', 'ica', 'geen_casusoverleg', { scores: [1, 1, 1, 0, 0], decision: false }),
  A('B03-1', 'B03', 'pre_weging', 'gemeente', '2024-02-07', 'niet_pluis', 'doorverwezen'),
  A('B04-1', 'B04', 'pre_weging', 'gemeente', '2024-03-20', 'ica', 'doorgezet', { scores: [2, 2, 2, 2, 2] }),
  A('B04-2', 'B04', 'weegploeg', 'weegploeg', '2024-04-01', 'ica', 'casusoverleg', { scores: [2, 2, 2, 2, 2] }),
  A('B06-1', 'B06', 'weegploeg', 'weegploeg', '2025-01-20', 'ica', 'casusoverleg', { scores: [1, 1, 1, 1, 1], info: [false, true, true] }),
  A('C01-1', 'C01', 'weegploeg', 'driehoek', '2024-02-01', 'open_gesprek', 'casusoverleg', { analysis: false }),
  A('C02-1', 'C02', 'pre_weging', 'gemeente', '2024-02-22', 'open_gesprek', 'doorgezet', { scores: [0, 1, 0, 0, 0] }),
  A('C02-2', 'C02', 'weegploeg', 'driehoek', '2024-03-01', 'open_gesprek', 'geen_casusoverleg', {
    scores: [0, 1, 0, 0, 0],
    present: [true, true, false],
    info: [true, true, false],
    unanimous: false,
    analysis: false,
    decision: false,
  }),
  A('C03-1', 'C03', 'pre_weging', 'politie', '2024-03-04', 'le_model', 'niet_doorgezet', { scores: [0, 0, 0, 0, 0] }),
  A('D01-1', 'D01', 'weegploeg', 'weegploeg', '2024-01-30', 'wettelijke_criteria', 'casusoverleg', { scores: [2, 1, 1, 1, 1], present: T3 }),
  A('D03-1', 'D03', 'pre_weging', 'politie', '2024-06-03', 'le_model', 'niet_doorgezet'),
  A('D04-1', 'D04', 'weegploeg', 'weegploeg', '2024-07-10', 'wettelijke_criteria', 'geen_casusoverleg', { scores: [1, 1, 0, 0, 0] }),
  A('D05-1', 'D05', 'weegploeg', 'weegploeg', '2024-08-05', 'wettelijke_criteria', 'casusoverleg', { scores: [2, 2, 2, 2, 2] }),
];

export const HAND_FIXTURE: Fixture = { signals: HAND_SIGNALS, assessments: HAND_ASSESSMENTS };
