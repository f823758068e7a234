import { loadMunicipalities, REGION_CODES } from '@weegwijzer/contract';
import { describe, expect, it } from 'vitest';
import { DEMO_PROFILE_NOTE, demoRegionProfiles } from './profiles';

describe('demo registry profiles', () => {
  const profiles = demoRegionProfiles(1);

  it('fill every region, labelled as fictitious, the same for the same seed', () => {
    expect(Object.keys(profiles).sort()).toEqual([...REGION_CODES].sort());
    for (const p of Object.values(profiles)) expect(p.sourceNote).toBe(DEMO_PROFILE_NOTE);
    expect(DEMO_PROFILE_NOTE).toMatch(/^DEMO — fictieve waarden/);
    expect(demoRegionProfiles(1)).toEqual(profiles);
    expect(demoRegionProfiles(2)).not.toEqual(profiles);
  });

  it('give plausible values: key officials grow with population, 0.2–0.5 FTE each, a start date only when signed', () => {
    const population = new Map<string, number>();
    for (const m of loadMunicipalities()) population.set(m.regionCode, (population.get(m.regionCode) ?? 0) + m.population);
    for (const [code, p] of Object.entries(profiles)) {
      const expected = Math.round((population.get(code) as number) / 100_000);
      expect(p.keyOfficials, code).toBeGreaterThanOrEqual(Math.max(2, expected - 1));
      expect(p.keyOfficials, code).toBeLessThanOrEqual(Math.max(2, expected + 2));
      expect(p.capacityFte, code).toBeGreaterThanOrEqual(Math.round(p.keyOfficials * 0.2 * 10) / 10 - 0.05);
      expect(p.capacityFte, code).toBeLessThanOrEqual(Math.round(p.keyOfficials * 0.5 * 10) / 10 + 0.05);
      if (p.covenantSigned) expect(p.covenantStartDate, code).toMatch(/^20(19|2[0-3])-(0[1-9]|1[0-2])-01$/);
      else expect(p.covenantStartDate, code).toBeNull();
    }
    // both kinds occur, so knelpunt 4 has something to show
    const signed = Object.values(profiles).filter((p) => p.covenantSigned).length;
    expect(signed).toBeGreaterThan(10);
    expect(signed).toBeLessThan(25);
  });
});
