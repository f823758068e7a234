import { describe, expect, it } from 'vitest';
import { BODIES, BODIES_BY_STAGE, OUTCOMES, OUTCOMES_BY_STAGE, REGION_CODES, STAGES, loadMunicipalities, loadRegions, SIGNAL_COLUMNS, ASSESSMENT_COLUMNS } from './index';

describe('contract code lists', () => {
  it('has the 25 safety regions VR01..VR25', () => {
    expect(REGION_CODES).toHaveLength(25);
    expect(REGION_CODES[0]).toBe('VR01');
    expect(REGION_CODES[24]).toBe('VR25');
  });
  it('lists every body and outcome of every stage in the flat lists', () => {
    for (const s of STAGES) {
      for (const b of BODIES_BY_STAGE[s]) expect(BODIES).toContain(b);
      for (const o of OUTCOMES_BY_STAGE[s]) expect(OUTCOMES).toContain(o);
    }
  });
  it('declares the contract columns in order', () => {
    expect(SIGNAL_COLUMNS.map((c) => c.name)).toEqual([
      'signal_id',
      'subject_pseudonym',
      'region_code',
      'municipality_code',
      'received_at',
      'receiving_party',
      'source',
      'phenomenon',
      'age_band',
    ]);
    expect(ASSESSMENT_COLUMNS).toHaveLength(23);
  });
});

describe('reference data', () => {
  it('has 342 municipalities adding up to the CBS population of 1 Jan 2022', () => {
    const gm = loadMunicipalities();
    expect(gm).toHaveLength(342);
    expect(gm.reduce((s, m) => s + m.population, 0)).toBe(17_590_672);
  });
  it('maps every municipality to one of the 25 regions, each region having municipalities', () => {
    const codes = new Set(loadRegions().map((r) => r.code));
    expect(codes.size).toBe(25);
    const used = new Set(loadMunicipalities().map((m) => m.regionCode));
    expect([...used].sort()).toEqual([...codes].sort());
  });
});
