/**
 * Property test over many random scopes, roles, k and parameters on a random data set:
 * no count in any result lies in 1..k−1, no line (row, column total, Sankey node) leaves
 * exactly one suppressed cell to be derived by subtraction, and no regio result names
 * another region.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { catalogue, findMetric, monthEnd, monthIndex, runMetric, type MetricRequest } from '@weegwijzer/metrics';
import { FRAMEWORKS, PHENOMENA, RECEIVING_PARTIES, SOURCES } from '@weegwijzer/contract';
import { fixtureDb, type AssessmentFixture, type FixtureDb, type SignalFixture } from './duckdb-fixture';
import { assertDisclosed } from './invariants';

const REGIONS = ['VR01', 'VR02', 'VR03', 'VR04', 'VR05', 'VR06', 'VR07'];

/** mulberry32: a small seeded generator, so the data set is the same every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomData(): { signals: SignalFixture[]; assessments: AssessmentFixture[] } {
  const r = rng(20240601);
  const pickOne = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86400000).toISOString().slice(0, 10);
  const signals: SignalFixture[] = [];
  const assessments: AssessmentFixture[] = [];
  REGIONS.forEach((region, ri) => {
    const n = 15 + ri * 12; // regions of different size, so small cells occur
    for (let i = 0; i < n; i++) {
      const id = `${region}-${i}`;
      const received = addDays('2023-01-01', Math.floor(r() * 900));
      const party = pickOne(RECEIVING_PARTIES);
      signals.push({
        id,
        region,
        received,
        party,
        source: pickOne(SOURCES),
        phenomenon: pickOne(PHENOMENA),
        subject: r() < 0.6 ? `P${Math.floor(r() * 120)}` : null,
        municipality: null,
      });
      let day = received;
      const scores = () => (r() < 0.2 ? [null, 1, 1, 1, 1] : Array.from({ length: 5 }, () => Math.floor(r() * 3)));
      const step = () => (day = addDays(day, Math.floor(r() * 4))); // 0 days: ties
      let k = 0;
      const a = (stage: AssessmentFixture['stage'], body: string, outcome: string) =>
        assessments.push({
          id: `${id}-${k++}`,
          signal: id,
          stage,
          body,
          decided: step(),
          framework: pickOne(FRAMEWORKS),
          outcome,
          scores: scores(),
          unanimous: r() < 0.8,
          analysis: r() < 0.8,
          decision: r() < 0.9,
          present: [r() < 0.9, true, r() < 0.8],
          info: [r() < 0.8, true, r() < 0.7],
        });
      const u = r();
      if (u < 0.15) continue; // no assessments
      if (u < 0.7) {
        a('pre_weging', party, pickOne(['doorgezet', 'doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info', 'verrijking', 'doorverwezen']));
        if (r() < 0.3) a('afstemmingsoverleg', 'politie_om', pickOne(['doorgezet', 'niet_doorgezet']));
        if (r() < 0.4) continue;
      }
      const body = region === 'VR03' ? 'driehoek' : 'weegploeg';
      do a('weegploeg', body, pickOne(['casusoverleg', 'geen_casusoverleg', 'nadere_duiding']));
      while (r() < 0.25);
    }
  });
  return { signals, assessments };
}

let db: FixtureDb;
beforeAll(async () => {
  db = await fixtureDb(randomData());
});
afterAll(() => db.close());

const entries = catalogue('inspectie');
const date = fc.integer({ min: 0, max: 1000 }).map((n) => new Date(Date.parse('2022-12-01') + n * 86400000).toISOString().slice(0, 10));

const request = fc
  .record({
    metric: fc.constantFrom(...entries.map((e) => e.name)),
    role: fc.constantFrom('inspectie', 'nctv', 'regio', 'beheer'),
    own: fc.constantFrom(...REGIONS),
    k: fc.integer({ min: 3, max: 9 }),
    regions: fc.option(fc.subarray(REGIONS, { minLength: 1 }), { nil: undefined }),
    from: fc.option(date, { nil: undefined }),
    to: fc.option(date, { nil: undefined }),
    phenomenon: fc.option(fc.constantFrom(...PHENOMENA), { freq: 4, nil: undefined }),
    receiving_party: fc.option(fc.constantFrom(...RECEIVING_PARTIES), { freq: 4, nil: undefined }),
    source: fc.option(fc.constantFrom(...SOURCES), { freq: 4, nil: undefined }),
    paramSeed: fc.nat(),
  })
  .filter((x) => findMetric(x.metric).roles.includes(x.role));

describe('disclosure properties over random requests', () => {
  it('holds for every metric, role, scope and k', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (x) => {
        const entry = entries.find((e) => e.name === x.metric)!;
        // periods are whole months (rule 2): `from` as YYYY-MM, `to` as the last day of its month
        const [lo, hi] = x.from && x.to && x.from > x.to ? [x.to, x.from] : [x.from, x.to];
        const scope: MetricRequest['scope'] = { from: lo?.slice(0, 7), to: hi ? monthEnd(monthIndex(hi)) : undefined };
        if (x.role !== 'regio') scope.regions = x.regions;
        for (const f of ['phenomenon', 'receiving_party', 'source'] as const) if (x[f] && entry.filters.includes(f)) scope[f] = x[f];
        const params = Object.fromEntries(entry.params.map((p, i) => [p.name, p.values[(x.paramSeed >> i) % p.values.length]]));
        const res = await runMetric(x.metric, { role: x.role, region: x.own, k: x.k, scope, params }, db.query);
        assertDisclosed(res, x.k, x.role, x.own);
      }),
      { numRuns: 250 },
    );
  });
});
