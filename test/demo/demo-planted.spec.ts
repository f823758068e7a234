/**
 * The planted effects of the demo data are found by the metric definitions of METRICS.md,
 * computed here by hand-written code (not the metrics library, not the generator): at
 * scale 1 over three years, seed 1 — the defaults of `npm run etl -- demo`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '@weegwijzer/etl';
import { binomialCdf, loadCsvBatches, poissonInterval, removeTempDirs, tempDir, type Row } from './demo-helpers';

afterAll(removeTempDirs);

interface Effect {
  id: string;
  kind: string;
  region: string | null;
  stage?: string;
  body?: string;
  phenomenon?: string;
  phenomena?: string[];
  expect: string;
  direction?: string;
}

const STAGE_ORDER: Record<string, number> = { pre_weging: 0, afstemmingsoverleg: 1, weegploeg: 2 };
const SCORES = ['c_geweld', 'c_denkbeelden', 'c_sociale_relaties', 'c_identificatie', 'c_zelfredzaamheid'];

/** Latest of a set of assessments: decided_at, then stage order, then assessment_id. */
function latest(rows: Row[]): Row | undefined {
  return [...rows].sort((a, b) => a.decided_at.localeCompare(b.decided_at) || STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || a.assessment_id.localeCompare(b.assessment_id)).at(-1);
}
function severity(a: Row): number | null {
  if (SCORES.some((c) => a[c] === '')) return null;
  return SCORES.reduce((s, c) => s + Number(a[c]), 0);
}
const band = (sev: number) => (sev <= 3 ? 'low' : sev <= 6 ? 'mid' : 'high');

interface Unit {
  group: string;
  band: string;
  positive: boolean;
}
interface Divergence {
  ratio: number;
  lower: number;
  upper: number;
  divergent: boolean;
}
/** Indirect standardisation of METRICS.md §6 over units grouped by `group`. */
function divergence(units: Unit[]): Map<string, Divergence> {
  const national = new Map<string, [number, number]>();
  for (const u of units) {
    const [pos, n] = national.get(u.band) ?? [0, 0];
    national.set(u.band, [pos + (u.positive ? 1 : 0), n + 1]);
  }
  const byGroup = new Map<string, { o: number; e: number }>();
  for (const u of units) {
    const g = byGroup.get(u.group) ?? { o: 0, e: 0 };
    const [pos, n] = national.get(u.band)!;
    g.o += u.positive ? 1 : 0;
    g.e += pos / n;
    byGroup.set(u.group, g);
  }
  const out = new Map<string, Divergence>();
  for (const [group, { o, e }] of byGroup) {
    const [lo, hi] = poissonInterval(o);
    out.set(group, { ratio: o / e, lower: lo / e, upper: hi / e, divergent: lo / e > 1 || hi / e < 1 });
  }
  return out;
}

describe('the test statistics', () => {
  it('match published exact Poisson limits and binomial tails', () => {
    // Garwood limits for 10 observed: 4.7954 .. 18.3904; for 0: 0 .. 3.6889.
    const [lo, hi] = poissonInterval(10);
    expect(lo).toBeCloseTo(4.7954, 3);
    expect(hi).toBeCloseTo(18.3904, 3);
    expect(poissonInterval(0)[1]).toBeCloseTo(3.6889, 3);
    // P(X <= 2 | n = 10, p = 0.5) = (1 + 10 + 45) / 1024.
    expect(binomialCdf(2, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
  });
});

describe('planted effects at scale 1, 3 years, seed 1', () => {
  let effects: Effect[];
  let signals: Row[];
  let bySignal: Map<string, Row[]>;

  beforeAll(async () => {
    const out = tempDir('planted');
    const r = await generateDemo({ outDir: out, seed: 1, years: 3, endYear: 2025, scale: 1 });
    effects = JSON.parse(readFileSync(r.plantedEffectsFile, 'utf8')).effects;
    const batches = loadCsvBatches(r.batchDirs);
    signals = batches.flatMap((b) => b.signals);
    bySignal = new Map();
    for (const a of batches.flatMap((b) => b.assessments)) {
      const key = `${a.region_code}/${a.signal_id}`;
      const list = bySignal.get(key);
      if (list) list.push(a);
      else bySignal.set(key, [a]);
    }
  });

  const assessmentsOf = (s: Row) => bySignal.get(`${s.region_code}/${s.signal_id}`) ?? [];

  it('the planted weegploeg region is divergent above 1; other regions mostly not', () => {
    const units: Unit[] = [];
    for (const s of signals) {
      const final = latest(assessmentsOf(s).filter((a) => a.stage === 'weegploeg'));
      if (!final || !['casusoverleg', 'geen_casusoverleg'].includes(final.outcome)) continue;
      const sev = severity(final);
      if (sev === null) continue;
      units.push({ group: s.region_code, band: band(sev), positive: final.outcome === 'casusoverleg' });
    }
    const planted = effects.filter((e) => e.kind === 'outcome_divergence');
    expect(planted).toHaveLength(1);
    const result = divergence(units);
    const mine = result.get(planted[0].region!)!;
    expect(mine.divergent).toBe(true);
    expect(mine.lower).toBeGreaterThan(1);
    expect(mine.ratio).toBeGreaterThan(1.4);
    const others = [...result.entries()].filter(([r, d]) => r !== planted[0].region && d.divergent);
    expect(others.length).toBeLessThanOrEqual(2);
  });

  it('the heavy pre-weging regions are divergent below 1 at pre_weging (region, or region x body)', () => {
    const units: Unit[] = [];
    for (const s of signals) {
      const last = latest(assessmentsOf(s).filter((a) => a.stage === 'pre_weging'));
      if (!last || !['doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info'].includes(last.outcome)) continue;
      const sev = severity(last);
      if (sev === null) continue;
      units.push({ group: `${s.region_code}|${last.body}`, band: band(sev), positive: last.outcome === 'doorgezet' });
    }
    const byRegion = divergence(units.map((u) => ({ ...u, group: u.group.split('|')[0] })));
    const byRegionBody = divergence(units);
    const heavy = effects.filter((e) => e.kind === 'heavy_pre_weging_dropoff');
    expect(heavy).toHaveLength(2);
    for (const e of heavy) {
      const d = e.body ? byRegionBody.get(`${e.region}|${e.body}`)! : byRegion.get(e.region!)!;
      expect(d.divergent, e.id).toBe(true);
      expect(d.upper, e.id).toBeLessThan(1);
    }
    const plantedRegions = new Set(heavy.map((e) => e.region));
    const others = [...byRegion.entries()].filter(([r, d]) => !plantedRegions.has(r) && d.divergent);
    expect(others.length).toBeLessThanOrEqual(2);
  });

  it('the phenomenon gap and the jihadist-focus regions are under_covered; other regions mostly not', () => {
    const total = new Map<string, number>();
    const cell = new Map<string, number>();
    for (const s of signals) {
      total.set(s.region_code, (total.get(s.region_code) ?? 0) + 1);
      cell.set(`${s.region_code}|${s.phenomenon}`, (cell.get(`${s.region_code}|${s.phenomenon}`) ?? 0) + 1);
    }
    const all = signals.length;
    const nationalOf = (f: string) => [...cell.entries()].filter(([k]) => k.endsWith(`|${f}`)).reduce((s, [, n]) => s + n, 0);
    const underCovered = (g: string, f: string) => {
      const n = total.get(g)!;
      const observed = cell.get(`${g}|${f}`) ?? 0;
      const p = (nationalOf(f) - observed) / (all - n);
      return observed < n * p && binomialCdf(observed, n, p) < 0.05;
    };
    const expected = new Set<string>();
    for (const e of effects.filter((x) => x.expect === 'under_covered')) {
      for (const f of e.phenomena ?? [e.phenomenon!]) expected.add(`${e.region}|${f}`);
    }
    expect(expected.size).toBe(7); // the gap (1 phenomenon) and two focus regions (3 each)
    for (const key of expected) {
      const [g, f] = key.split('|');
      expect(underCovered(g, f), key).toBe(true);
    }
    const unexpected: string[] = [];
    for (const g of total.keys()) {
      for (const f of ['jihadisme', 'rechts_extremisme', 'links_extremisme', 'anti_institutioneel']) {
        if (!expected.has(`${g}|${f}`) && underCovered(g, f)) unexpected.push(`${g}|${f}`);
      }
    }
    // 93 region x phenomenon cells without a planted gap; at the 5% level chance flags a few.
    expect(unexpected.length).toBeLessThanOrEqual(6);
  });

  it('the direct region has direct rate 1 and the heavy region the highest drop rate', () => {
    const direct = effects.find((e) => e.kind === 'direct_to_weegploeg')!.region!;
    const heavy = effects.find((e) => e.kind === 'heavy_pre_weging_dropoff' && !e.body)!.region!;
    const stats = new Map<string, { pre: number; dropped: number; reached: number; direct: number }>();
    for (const s of signals) {
      const rows = assessmentsOf(s);
      const st = stats.get(s.region_code) ?? { pre: 0, dropped: 0, reached: 0, direct: 0 };
      const pre = rows.filter((a) => a.stage !== 'weegploeg');
      const reached = rows.some((a) => a.stage === 'weegploeg');
      if (pre.length) st.pre++;
      if (reached) st.reached++;
      if (reached && !pre.length) st.direct++;
      if (!reached && pre.length && ['niet_doorgezet', 'afgesloten_onvoldoende_info', 'doorverwezen'].includes(latest(pre)!.outcome)) st.dropped++;
      stats.set(s.region_code, st);
    }
    const d = stats.get(direct)!;
    expect(d.direct).toBe(d.reached);
    expect(d.pre).toBe(0);
    const dropRate = (r: string) => stats.get(r)!.dropped / stats.get(r)!.pre;
    const highest = [...stats.keys()].filter((r) => r !== direct).sort((a, b) => dropRate(b) - dropRate(a))[0];
    expect(highest).toBe(heavy);
  });
});
