import { FRAMEWORKS, OUTCOMES, PATHS, PHENOMENA, RECEIVING_PARTIES, SOURCES, STAGES, BODIES, CRITERIA, ENRICHMENTS } from '@weegwijzer/contract';
import { describe, expect, it } from 'vitest';
import {
  BODY_LABELS,
  CRITERION_LABELS,
  ENRICHMENT_LABELS,
  FRAMEWORK_LABELS,
  OUTCOME_LABELS,
  PATH_LABELS,
  PHENOMENON_LABELS,
  RECEIVING_PARTY_LABELS,
  SOURCE_LABELS,
  STAGE_LABELS,
  codeLabel,
  nodeLabel,
  prettyColumnLabel,
} from './codes';
import { MESSAGES } from './messages';

describe('code labels', () => {
  it('label exactly the contract code lists, in both languages', () => {
    const pairs: [readonly string[], Record<string, { nl: string; en: string }>][] = [
      [RECEIVING_PARTIES, RECEIVING_PARTY_LABELS],
      [SOURCES, SOURCE_LABELS],
      [PHENOMENA, PHENOMENON_LABELS],
      [STAGES, STAGE_LABELS],
      [BODIES, BODY_LABELS],
      [FRAMEWORKS, FRAMEWORK_LABELS],
      [OUTCOMES, OUTCOME_LABELS],
      [PATHS, PATH_LABELS],
      [CRITERIA, CRITERION_LABELS],
      [ENRICHMENTS, ENRICHMENT_LABELS],
    ];
    for (const [codes, labels] of pairs) {
      expect(Object.keys(labels)).toEqual([...codes]);
      for (const c of codes) expect(labels[c].nl.length * labels[c].en.length).toBeGreaterThan(0);
    }
  });
  it('labels a code by its column, and Sankey nodes by their stage prefix', () => {
    expect(codeLabel('receiving_party', 'om', 'nl')).toBe('OM');
    expect(codeLabel('source', 'om_strafzaak', 'en')).toBe('Prosecutor (criminal case)');
    expect(nodeLabel('path:dropped', 'en')).toBe('Dropped');
    expect(nodeLabel('path:dropped:afgesloten_onvoldoende_info', 'nl')).toBe('Afgevallen: afgesloten wegens onvoldoende informatie');
    expect(nodeLabel('outcome:casusoverleg', 'en')).toBe('Case conference');
    expect(nodeLabel('receiving_party:politie', 'nl')).toBe('Politie');
    expect(codeLabel('x', 'not_a_code', 'nl')).toBe('not_a_code');
  });
  it('replaces a raw code that ends the column name in a column label', () => {
    expect(prettyColumnLabel('fw_wettelijke_criteria', 'Kader wettelijke_criteria', 'nl')).toBe('Kader wettelijke criteria (5)');
    expect(prettyColumnLabel('dropped_afgesloten_onvoldoende_info', 'Dropped: afgesloten_onvoldoende_info', 'en')).toBe('Dropped: closed for insufficient information');
    expect(prettyColumnLabel('scored_c_geweld', 'c_geweld gescoord', 'nl')).toBe('geweldsbereidheid gescoord');
    expect(prettyColumnLabel('fw_ica', 'Kader ica', 'en')).toBe('Kader intentions, capabilities, activities');
    expect(prettyColumnLabel('signals', 'Signalen om te wegen', 'nl')).toBe('Signalen om te wegen');
  });
  it('has every UI string in both languages', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.nl).sort());
    for (const v of Object.values(MESSAGES.en)) expect(v.length).toBeGreaterThan(0);
  });
});
