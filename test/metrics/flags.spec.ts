/**
 * The flags and the year-on-year change on a small synthetic set whose numbers are simple
 * enough to work out by hand: a region whose weegploeg sends every comparable case to a case
 * conference, a region with no right-wing signals, and a meldpunt series over two years.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMetric, type MetricResponse, type Row } from '@weegwijzer/metrics';
import { fixtureDb, type AssessmentFixture, type FixtureDb, type SignalFixture } from './duckdb-fixture';
import { assertDisclosed } from './invariants';

const ENSCHEDE = { code: 'GM0153', population: 160640 }; // VR05, 1 January 2022

function build(): { signals: SignalFixture[]; assessments: AssessmentFixture[] } {
  const signals: SignalFixture[] = [];
  const assessments: AssessmentFixture[] = [];
  // 20 high-severity weegploeg cases per region in March 2024. VR05: all 20 to a case conference and
  // all jihadisme; VR06–VR08: 5 of 20 to a case conference, 10 jihadisme and 10 rechts_extremisme.
  for (const region of ['VR05', 'VR06', 'VR07', 'VR08']) {
    for (let i = 1; i <= 20; i++) {
      const id = `${region}-S${String(i).padStart(2, '0')}`;
      const day = String(1 + (i % 28)).padStart(2, '0');
      const planted = region === 'VR05';
      signals.push({
        id,
        region,
        received: `2024-03-${day}`,
        party: 'politie',
        source: 'politie_registratie',
        phenomenon: planted || i <= 10 ? 'jihadisme' : 'rechts_extremisme',
        subject: null,
        municipality: region === 'VR05' ? ENSCHEDE.code : null,
      });
      assessments.push({
        id: `${id}-W`,
        signal: id,
        stage: 'weegploeg',
        body: 'weegploeg',
        decided: `2024-04-${day}`,
        framework: 'wettelijke_criteria',
        outcome: planted || i <= 5 ? 'casusoverleg' : 'geen_casusoverleg',
        scores: [2, 2, 1, 1, 1],
      });
    }
  }
  // meldpunt in Enschede: 2023 six in the first half and six in the second; 2024 three and three
  const meldpunt = (date: string, n: number) => {
    for (let i = 0; i < n; i++) {
      signals.push({
        id: `M-${date}-${i}`,
        region: 'VR05',
        received: date,
        party: 'gemeente',
        source: 'professional_meldpunt',
        phenomenon: 'overig',
        subject: null,
        municipality: ENSCHEDE.code,
      });
    }
  };
  meldpunt('2023-02-10', 6);
  meldpunt('2023-09-10', 6);
  meldpunt('2024-02-10', 3);
  meldpunt('2024-09-10', 3);
  return { signals, assessments };
}

let db: FixtureDb;
beforeAll(async () => {
  db = await fixtureDb(build());
});
afterAll(() => db.close());

const MARCH = { from: '2024-03-01', to: '2024-03-31' };
const pick = (res: MetricResponse, match: Row) => {
  const rows = res.rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  expect(rows, JSON.stringify(match)).toHaveLength(1);
  return rows[0];
};

describe('divergent', () => {
  it('flags the region whose interval excludes 1', async () => {
    const res = await runMetric('outcome_divergence', { role: 'inspectie', scope: MARCH }, db.query, { exact: true });
    // all 80 units high: national rate 35/80 = 0.4375 → E = 20·0.4375 = 8.75 per region.
    // VR05: O = 20, ratio 2.2857, interval [χ²(0.025;40)/2, χ²(0.975;42)/2]/E = [24.433/2, 61.777/2]/8.75 = [1.396, 3.530]
    const v = pick(res, { region_code: 'VR05' });
    expect(v.expected).toBeCloseTo(8.75, 10);
    expect(v.ratio).toBeCloseTo(20 / 8.75, 10);
    expect(v.ci_low).toBeCloseTo(24.433 / 2 / 8.75, 3);
    expect(v.ci_high).toBeCloseTo(61.777 / 2 / 8.75, 3);
    expect(v.divergent).toBe(true);
    // VR06: O = 5, interval [χ²(0.025;10)/2, χ²(0.975;12)/2]/8.75 = [0.1855, 1.3335] contains 1
    const w = pick(res, { region_code: 'VR06' });
    expect(w.ratio).toBeCloseTo(5 / 8.75, 10);
    expect(w.ci_low).toBeCloseTo(3.24697 / 2 / 8.75, 4);
    expect(w.ci_high).toBeCloseTo(23.33666 / 2 / 8.75, 4);
    expect(w.divergent).toBe(false);
    assertDisclosed(res, 5, 'inspectie');
  });

  it("hides the flag from a regio caller's peer rows but keeps its own", async () => {
    const res = await runMetric('outcome_divergence', { role: 'regio', region: 'VR05', scope: MARCH }, db.query, { exact: true });
    expect(pick(res, { group: 'own' }).divergent).toBe(true);
    expect(pick(res, { group: 'peer_median' }).divergent).toBeNull();
    // peers VR06–VR08 all have ratio 5/8.75
    expect(pick(res, { group: 'peer_max' }).ratio).toBeCloseTo(5 / 8.75, 10);
    assertDisclosed(res, 5, 'regio', 'VR05');
  });
});

describe('under_covered', () => {
  it('flags a phenomenon a region does not record while the rest does', async () => {
    const res = await runMetric('phenomenon_coverage', { role: 'inspectie', scope: MARCH }, db.query, { exact: true });
    // VR05 rechts_extremisme: p = 30/60 = 0.5, expected 20·0.5 = 10, P(X ≤ 0 | 20, 0.5) = 2^−20
    const v = pick(res, { region_code: 'VR05', phenomenon: 'rechts_extremisme' });
    expect(v.signals).toBe(0);
    expect(v.rest_share).toBeCloseTo(0.5, 12);
    expect(v.expected).toBeCloseTo(10, 10);
    expect(v.probability).toBeCloseTo(2 ** -20, 15);
    expect(v.under_covered).toBe(true);
    // VR06 jihadisme: p = (50 − 10)/(80 − 20) = 2/3, expected 13.3, observed 10:
    // P(X ≤ 10 | 20, 2/3) = Σ_{i≤10} C(20,i) 2^i / 3^20 = 0.0919 ≥ 0.05 → not flagged
    let num = 0;
    let c = 1;
    for (let i = 0; i <= 10; i++) {
      if (i > 0) c = (c * (20 - i + 1)) / i;
      num += c * 2 ** i;
    }
    const w = pick(res, { region_code: 'VR06', phenomenon: 'jihadisme' });
    expect(w.probability).toBeCloseTo(num / 3 ** 20, 10);
    expect(w.probability as number).toBeGreaterThan(0.05);
    expect(w.under_covered).toBe(false);
  });
});

describe('reach change', () => {
  it('whole years: against the previous calendar year', async () => {
    const res = await runMetric('reach', { role: 'inspectie', k: 3, scope: { regions: ['VR05'], from: '2023-01-01', to: '2024-12-31' } }, db.query, { exact: true });
    const y23 = pick(res, { municipality_code: ENSCHEDE.code, year: 2023 });
    const y24 = pick(res, { municipality_code: ENSCHEDE.code, year: 2024 });
    // 2022 has no data at all: no previous value, no change
    expect([y23.meldpunt_signals, y23.previous_meldpunt_signals, y23.change_per_100k]).toEqual([12, null, null]);
    expect(y24.meldpunt_signals).toBe(6);
    expect(y24.previous_meldpunt_signals).toBe(12);
    expect(y24.rate_per_100k).toBeCloseTo((6 * 100000) / ENSCHEDE.population, 10);
    expect(y24.change_per_100k).toBeCloseTo(((6 - 12) * 100000) / ENSCHEDE.population, 10);
  });

  it('part of a year: against the same days one year earlier', async () => {
    const res = await runMetric('reach', { role: 'inspectie', k: 3, scope: { regions: ['VR05'], from: '2024-01-01', to: '2024-06-30' } }, db.query, { exact: true });
    const y24 = pick(res, { municipality_code: ENSCHEDE.code, year: 2024 });
    // January–June 2024: 3; January–June 2023: 6
    expect([y24.meldpunt_signals, y24.previous_meldpunt_signals]).toEqual([3, 6]);
    expect(y24.change_per_100k).toBeCloseTo(((3 - 6) * 100000) / ENSCHEDE.population, 10);
    expect(res.rows.every((r) => r.year === 2024)).toBe(true);
  });

  it('suppresses the rate and the change with their counts', async () => {
    const res = await runMetric('reach', { role: 'inspectie', k: 5, scope: { regions: ['VR05'], from: '2024-01-01', to: '2024-06-30' } }, db.query, { exact: true });
    const y24 = pick(res, { municipality_code: ENSCHEDE.code, year: 2024 });
    expect([y24.meldpunt_signals, y24.previous_meldpunt_signals, y24.rate_per_100k, y24.change_per_100k]).toEqual([null, 6, null, null]);
    expect(pick(res, { group: 'region', level: 'region', year: 2024 }).meldpunt_signals).toBeNull();
    assertDisclosed(res, 5, 'inspectie');
  });
});
