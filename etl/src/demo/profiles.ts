/**
 * Demo registry profiles: what a real deployment's registry will hold (key officials, capacity
 * in FTE, covenant signed and its start date), so the scorecard's knelpunt 1 and 4 columns are
 * not empty in demo mode. Fictitious and labelled so in `sourceNote`; deterministic for a seed;
 * capacity grows with the region's population, as real capacity would.
 */
import { loadMunicipalities, REGION_CODES } from '@weegwijzer/contract';
import { Rng } from './prng';

export interface DemoRegionProfile {
  keyOfficials: number;
  capacityFte: number;
  covenantSigned: boolean;
  covenantStartDate: string | null;
  sourceNote: string;
}

export const DEMO_PROFILE_NOTE = 'DEMO — fictieve waarden van de demonstratiegenerator, geen echte gegevens van deze regio.';

export function demoRegionProfiles(seed = 1): Record<string, DemoRegionProfile> {
  const population = new Map<string, number>();
  for (const m of loadMunicipalities()) population.set(m.regionCode, (population.get(m.regionCode) ?? 0) + m.population);
  const out: Record<string, DemoRegionProfile> = {};
  for (const code of REGION_CODES) {
    const rng = new Rng(`profile:${seed}:${code}`);
    const inhabitants = population.get(code) ?? 500_000;
    // about one key official per 100 000 inhabitants, at least two; 0.2–0.5 FTE each
    const keyOfficials = Math.max(2, Math.round(inhabitants / 100_000) + rng.int(-1, 2));
    const capacityFte = Math.round(keyOfficials * rng.uniform(0.2, 0.5) * 10) / 10;
    // most regions signed the model covenant between 2019 and 2023; a few have not (knelpunt 4)
    const covenantSigned = rng.chance(0.8);
    const covenantStartDate = covenantSigned ? `${rng.int(2019, 2023)}-${String(rng.int(1, 12)).padStart(2, '0')}-01` : null;
    out[code] = { keyOfficials, capacityFte, covenantSigned, covenantStartDate, sourceNote: DEMO_PROFILE_NOTE };
  }
  return out;
}
