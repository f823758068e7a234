/**
 * Every metric on the hand-written fixture (hand-fixture.ts, derived fields tabulated there),
 * checked against values worked out by hand. Most tests use the fixture three times over
 * (R = 3) with k = 3, so every non-zero count is at least k and nothing is suppressed; the
 * suppression tests use it once (R = 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMetric, METRIC_NAMES, runMetric, type MetricRequest, type MetricResponse, type Row } from '@weegwijzer/metrics';
import { fixtureDb, replicate, type FixtureDb } from './duckdb-fixture';
import { HAND_FIXTURE } from './hand-fixture';
import { assertDisclosed } from './invariants';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let db3: FixtureDb;
let db1: FixtureDb;
beforeAll(async () => {
  db3 = await fixtureDb(replicate(HAND_FIXTURE, 3));
  db1 = await fixtureDb(replicate(HAND_FIXTURE, 1));
});
afterAll(() => {
  db3.close();
  db1.close();
});

const run = (name: string, req: Partial<MetricRequest> = {}, db = db3) =>
  runMetric(name, { role: 'inspectie', k: 3, scope: {}, ...req } as MetricRequest, db.query, { exact: true });

function pick(res: MetricResponse, match: Row): Row {
  const rows = res.rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  if (rows.length !== 1) throw new Error(`${res.metric}: ${rows.length} rows match ${JSON.stringify(match)}`);
  return rows[0];
}
const region = (res: MetricResponse, code: string | null, extra: Row = {}) => pick(res, { region_code: code, group: code ? 'region' : 'total', ...extra });
const values = (row: Row, cols: string[]) => cols.map((c) => row[c]);
const reasonOf = (res: MetricResponse, match: Row, column: string) => {
  const i = res.rows.indexOf(pick(res, match));
  return res.suppressed.find((s) => s.row === i && s.column === column)?.reason;
};

describe('flow', () => {
  const cols = ['signals', 'direct', 'via_pre_weging', 'dropped', 'pending', 'reached', 'casusoverleg', 'geen_casusoverleg', 'nadere_duiding'];

  it('counts paths and final outcomes per region (R = 3)', async () => {
    const res = await run('flow');
    // R = 1 per region (hand-fixture table): VR01 direct A05 A06 A10, via A01 A09, dropped A02 A03 A07,
    // pending A04 A08; reached 5: casusoverleg A01 A06, geen A05 A10, nadere A09 (loop without decision).
    expect(values(region(res, 'VR01'), cols)).toEqual([30, 9, 6, 9, 6, 15, 6, 6, 3]);
    // VR02: direct B01 B06, via B02 B04, dropped B03, pending B05; casusoverleg B04 B06, geen B01 B02
    expect(values(region(res, 'VR02'), cols)).toEqual([18, 6, 6, 3, 3, 12, 6, 6, 0]);
    // VR03 (driehoek): direct C01, via C02, dropped C03; casusoverleg C01, geen C02
    expect(values(region(res, 'VR03'), cols)).toEqual([9, 3, 3, 3, 0, 6, 3, 3, 0]);
    // VR04: direct D01 D04 D05, dropped D03, pending D02 (no assessments); casusoverleg D01 D05, geen D04
    expect(values(region(res, 'VR04'), cols)).toEqual([15, 9, 0, 3, 3, 9, 6, 3, 0]);
    // national: 24 signals = 9 direct + 5 via + 6 dropped + 4 pending; 14 reached = 7 + 6 + 1
    expect(values(region(res, null), cols)).toEqual([72, 27, 15, 18, 12, 42, 21, 18, 3]);
    expect(res.suppressed).toEqual([]);
    expect(res.columns.map((c) => [c.name, c.kind])).toEqual([
      ['group', 'dimension'],
      ['region_code', 'dimension'],
      ...cols.map((c) => [c, 'count']),
      ['signals_per_fte', 'ratio'],
    ]);
    // no FTE reference given (the API fills it from the registry): unknown
    expect(res.rows.every((r) => r.signals_per_fte === null)).toBe(true);
  });

  it('sends the Sankey links source → receiving party → path → final outcome', async () => {
    const res = await run('flow');
    const link = (s: string, t: string) => res.links?.rows.find((r) => r.source === s && r.target === t)?.value;
    // politie_registratie: A01 A06 A07 A09 B01 B06 C01 D01 D04 D05 = 10 (×3)
    expect(link('source:politie_registratie', 'receiving_party:politie')).toBe(30);
    expect(link('source:professional_meldpunt', 'receiving_party:gemeente')).toBe(9); // A03 B03 D02
    // politie (16): direct A05 A06 B01 B06 C01 D01 D04 D05 = 8; dropped niet_doorgezet A02 A07 C03 D03 = 4
    expect(link('receiving_party:politie', 'path:direct')).toBe(24);
    expect(link('receiving_party:politie', 'path:dropped:niet_doorgezet')).toBe(12);
    expect(link('receiving_party:gemeente', 'path:dropped:afgesloten_onvoldoende_info')).toBe(3); // A03
    expect(link('receiving_party:gemeente', 'path:dropped:doorverwezen')).toBe(3); // B03
    expect(link('receiving_party:gemeente', 'path:pending')).toBe(9); // A04 A08 D02
    // direct: casusoverleg A06 B06 C01 D01 D05 = 5, geen A05 A10 B01 D04 = 4; via: nadere A09
    expect(link('path:direct', 'outcome:casusoverleg')).toBe(15);
    expect(link('path:direct', 'outcome:geen_casusoverleg')).toBe(12);
    expect(link('path:via_pre_weging', 'outcome:nadere_duiding')).toBe(3);
    expect(link('path:pending', 'outcome:casusoverleg')).toBeUndefined();
    const into = (t: string) => res.links!.rows.filter((r) => r.target === t).reduce((s, r) => s + (r.value as number), 0);
    expect(into('path:direct')).toBe(27);
    expect(res.links?.columns.map((c) => c.kind)).toEqual(['dimension', 'dimension', 'count']);
  });

  it('applies the period and filters to received_at and the signal columns', async () => {
    // B06 is received in 2025: VR02 has 5 signals in 2024
    const res = await run('flow', { scope: { from: '2024-01-01', to: '2024-12-31' } });
    expect(region(res, 'VR02').signals).toBe(15);
    // gemeente: VR01 A03 (dropped) A04 A08 (pending)
    const gm = await run('flow', { scope: { receiving_party: 'gemeente', regions: ['VR01'] } });
    expect(values(region(gm, 'VR01'), cols)).toEqual([9, 0, 0, 3, 6, 0, 0, 0, 0]);
    expect(gm.rows.map((r) => r.region_code)).toEqual(['VR01', null]);
    // periods are whole months (disclosure rule 2): a day inside a month is refused
    await expect(run('flow', { scope: { from: '2024-01-10', to: '2024-01-10' } })).rejects.toThrow(/first day of a month/);
  });

  it('hides counts below k after noise, and nothing else (R = 1, k = 3)', async () => {
    // VR01: 10 signals = 3 direct + 2 via + 3 dropped + 2 pending
    // exact mode drops the noise only: the 2s are still below k
    const exact = await run('flow', {}, db1);
    expect(values(region(exact, 'VR01'), ['signals', 'direct', 'via_pre_weging', 'dropped', 'pending'])).toEqual([10, 3, null, 3, null]);
    const truth: Record<string, number> = { signals: 10, direct: 3, via_pre_weging: 2, dropped: 3, pending: 2 };
    const noisy = await runMetric('flow', { role: 'inspectie', k: 3, scope: {} }, db1.query);
    const v = region(noisy, 'VR01');
    // each released count is within ±2 of the truth, or hidden (1..k−1 after noise)
    for (const c of ['signals', 'direct', 'via_pre_weging', 'dropped', 'pending'] as const) {
      const released = v[c];
      if (released === null) expect(reasonOf(noisy, { region_code: 'VR01' }, c)).toBe('count below k');
      else expect(Math.abs((released as number) - truth[c])).toBeLessThanOrEqual(2);
    }
    // zero stays zero
    expect(region(noisy, 'VR02').nadere_duiding).toBe(0);
    // the national total row is never hidden because a part is (no secondary suppression)
    expect(noisy.suppressed.every((s) => s.reason !== 'secondary')).toBe(true);
    assertDisclosed(noisy, 3, 'inspectie');
  });
});

describe('dropoff', () => {
  it('drop and direct rates, dropping decisions by outcome and framework (R = 3)', async () => {
    const res = await run('dropoff');
    const v = region(res, 'VR01');
    // with a pre-assessment: A01 A02 A03 A07 A08 A09 = 6; dropped A02 A03 A07 = 3 → 3/6
    expect(values(v, ['with_pre', 'dropped', 'drop_rate', 'reached', 'direct'])).toEqual([18, 9, 0.5, 15, 9]);
    expect(v.direct_rate).toBeCloseTo(3 / 5, 12);
    // dropping decisions: A02 niet_doorgezet le_model, A07 niet_doorgezet le_model (afstemmingsoverleg
    // wins the tie on 03-08), A03 afgesloten niet_pluis → explicit 2, judgement 1
    expect(values(v, ['dropped_niet_doorgezet', 'dropped_afgesloten_onvoldoende_info', 'dropped_doorverwezen'])).toEqual([6, 3, 0]);
    expect(values(v, ['dropped_fw_le_model', 'dropped_fw_niet_pluis', 'dropped_fw_wettelijke_criteria', 'dropped_explicit', 'dropped_judgement'])).toEqual([6, 3, 0, 6, 3]);
    expect(v.explicit_share).toBeCloseTo(2 / 3, 12);
    // VR02: B03 doorverwezen on niet_pluis; with_pre B02 B03 B04
    expect(values(region(res, 'VR02'), ['with_pre', 'dropped', 'dropped_doorverwezen', 'dropped_judgement', 'explicit_share'])).toEqual([9, 3, 3, 3, 0]);
    // national: 12 with pre, 6 dropped; 14 reached, 9 direct
    const t = region(res, null);
    expect(values(t, ['with_pre', 'dropped', 'drop_rate', 'reached', 'direct', 'dropped_explicit', 'dropped_judgement'])).toEqual([36, 18, 0.5, 42, 27, 12, 6]);
    expect(t.direct_rate).toBeCloseTo(9 / 14, 12);
  });

  it('by receiving party', async () => {
    const res = await run('dropoff', { params: { by: 'receiving_party' } });
    expect(res.columns.map((c) => c.name).slice(0, 3)).toEqual(['group', 'region_code', 'receiving_party']);
    // VR01 politie: with_pre A01 A02 A07 A09, dropped A02 A07; reached A01 A05 A06 A09, direct A05 A06
    expect(values(region(res, 'VR01', { receiving_party: 'politie' }), ['with_pre', 'dropped', 'drop_rate', 'reached', 'direct', 'direct_rate'])).toEqual([12, 6, 0.5, 12, 6, 0.5]);
    // VR01 gemeente: nothing reached → direct rate undefined (0/0), not suppressed
    const gm = region(res, 'VR01', { receiving_party: 'gemeente' });
    expect(values(gm, ['with_pre', 'dropped', 'reached', 'direct_rate'])).toEqual([6, 3, 0, null]);
    expect(reasonOf(res, { region_code: 'VR01', receiving_party: 'gemeente', group: 'region' }, 'direct_rate')).toBeUndefined();
    // VR01 om: A10 direct, no pre-assessment
    expect(values(region(res, 'VR01', { receiving_party: 'om' }), ['with_pre', 'drop_rate', 'reached', 'direct_rate'])).toEqual([0, null, 3, 1]);
  });
});

describe('leadtime', () => {
  it('median and 90th percentile with linear interpolation; suppressed on fewer than k units (R = 1, k = 3)', async () => {
    const res = await run('leadtime', {}, db1);
    const cols = ['reached', 'median_days_to_first_wp', 'p90_days_to_first_wp', 'decided', 'median_days_to_decision', 'p90_days_to_decision'];
    // VR01 days to first weegploeg: A10 5, A06 9, A01 10, A05 10 (tie), A09 11 → median x[2] = 10,
    // p90 h = 4·0.9 = 3.6 → 10 + 0.6·(11 − 10) = 10.6. Decisions (A09 has none, only nadere_duiding):
    // 5, 9, 10, 20 (A05: the geen_casusoverleg after the loop) → median 9.5, p90 h = 2.7 → 10 + 0.7·10 = 17
    const v = region(res, 'VR01');
    expect(v.reached).toBe(5);
    expect(v.median_days_to_first_wp).toBeCloseTo(10, 12);
    expect(v.p90_days_to_first_wp).toBeCloseTo(10.6, 12);
    expect(v.decided).toBe(4);
    expect(v.median_days_to_decision).toBeCloseTo(9.5, 12);
    expect(v.p90_days_to_decision).toBeCloseTo(17, 12);
    // VR02: 10, 11, 17, 20 → median 14, p90 h = 2.7 → 17 + 0.7·3 = 19.1
    expect(region(res, 'VR02').median_days_to_first_wp).toBeCloseTo(14, 12);
    expect(region(res, 'VR02').p90_days_to_first_wp).toBeCloseTo(19.1, 12);
    // VR03 (driehoek) rests on 2 signals: suppressed
    expect(values(region(res, 'VR03'), cols)).toEqual([null, null, null, null, null, null]);
    expect(reasonOf(res, { region_code: 'VR03' }, 'median_days_to_first_wp')).toBe('fewer than k units');
    // national: 4 5 9 9 10 10 10 10 11 11 12 15 17 20 → median (10 + 10)/2, p90 h = 11.7 → 15 + 0.7·2 = 16.4;
    // decisions 4 5 9 9 10 10 10 11 12 15 17 20 20 → median x[6] = 10, p90 h = 10.8 → 17 + 0.8·3 = 19.4
    const t = region(res, null);
    expect(values(t, ['reached', 'decided'])).toEqual([14, 13]);
    expect(t.median_days_to_first_wp).toBeCloseTo(10, 12);
    expect(t.p90_days_to_first_wp).toBeCloseTo(16.4, 12);
    expect(t.median_days_to_decision).toBeCloseTo(10, 12);
    expect(t.p90_days_to_decision).toBeCloseTo(19.4, 12);
    assertDisclosed(res, 3, 'inspectie');
  });
});

describe('criteria_usage and criteria_coverage', () => {
  it('counts assessments by stage × body × framework (R = 3)', async () => {
    const res = await run('criteria_usage');
    // VR01 weegploeg: A01-3 A05-1 A05-2 A09-2 A09-3 A10-1 wettelijke_criteria, A06-1 A06-2 ontwikkelgebieden
    const wp = region(res, 'VR01', { stage: 'weegploeg', body: 'weegploeg' });
    expect(values(wp, ['assessments', 'fw_wettelijke_criteria', 'fw_ontwikkelgebieden', 'fw_ica', 'share_wettelijke_criteria'])).toEqual([24, 18, 6, 0, 0.75]);
    expect(values(region(res, 'VR01', { stage: 'pre_weging', body: 'gemeente' }), ['assessments', 'fw_niet_pluis', 'fw_open_gesprek'])).toEqual([6, 3, 3]);
    expect(values(region(res, 'VR01', { stage: 'afstemmingsoverleg', body: 'politie_om' }), ['assessments', 'fw_le_model'])).toEqual([6, 6]);
    // the driehoek region
    expect(values(region(res, 'VR03', { stage: 'weegploeg', body: 'driehoek' }), ['assessments', 'fw_open_gesprek'])).toEqual([6, 6]);
    // national weegploeg body: VR01 8 + VR02 4 (ica) + VR04 3 = 15 → 45
    expect(values(region(res, null, { stage: 'weegploeg', body: 'weegploeg' }), ['assessments', 'fw_wettelijke_criteria', 'fw_ica', 'fw_ontwikkelgebieden'])).toEqual([
      45, 27, 12, 6,
    ]);
  });

  it('share of weegploeg assessments with all five criteria scored (missing scores)', async () => {
    const res = await run('criteria_coverage');
    // VR01: 8 weegploeg assessments; A05-1 has no scores, A09-3 misses c_zelfredzaamheid → 6/8
    expect(values(region(res, 'VR01'), ['assessments', 'all_scored', 'coverage', 'scored_c_geweld', 'scored_c_zelfredzaamheid'])).toEqual([24, 18, 0.75, 21, 18]);
    // VR03 (driehoek): C01-1 unscored, C02-2 scored
    expect(values(region(res, 'VR03'), ['assessments', 'all_scored', 'coverage'])).toEqual([6, 3, 0.5]);
    // national 17 assessments, 14 fully scored
    const t = region(res, null);
    expect(values(t, ['assessments', 'all_scored'])).toEqual([51, 42]);
    expect(t.coverage).toBeCloseTo(14 / 17, 12);
  });
});

describe('outcome_divergence', () => {
  it('indirect standardisation on the weegploeg (R = 3)', async () => {
    const res = await run('outcome_divergence');
    // units (R = 1): VR01 A01 high+, A05 low−, A06 high+, A10 low− (A09 ends in nadere_duiding);
    // VR02 B01 high−, B02 low−, B04 high+, B06 mid+; VR03 C02 low− (C01 unscored); VR04 D01 mid+, D04 low−, D05 high+.
    // National rates: low 0/5 = 0, mid 2/2 = 1, high 4/5 = 0.8.
    // VR01: E = 2·0.8 = 1.6, O = 2; ×3: E 4.8, O 6, ratio 1.25. Interval for O = 6:
    // [χ²(0.025;12)/2, χ²(0.975;14)/2] = [4.40379/2, 26.11895/2] → /4.8 = [0.45873, 2.72072]
    const v = region(res, 'VR01');
    expect(values(v, ['units', 'units_low', 'units_mid', 'units_high', 'observed'])).toEqual([12, 6, 0, 6, 6]);
    expect(v.expected).toBeCloseTo(4.8, 10);
    expect(v.ratio).toBeCloseTo(1.25, 10);
    expect(v.ci_low).toBeCloseTo(4.40379 / 2 / 4.8, 4);
    expect(v.ci_high).toBeCloseTo(26.11895 / 2 / 4.8, 4);
    expect(v.divergent).toBe(false);
    // VR02: E = 1·1 + 2·0.8 = 2.6 (×3 = 7.8), O = 2 (×3 = 6) → 0.76923
    expect(region(res, 'VR02').expected).toBeCloseTo(7.8, 10);
    expect(region(res, 'VR02').ratio).toBeCloseTo(6 / 7.8, 10);
    // VR03: only a low unit, national low rate 0 → E = 0: ratio undefined (null, not suppressed)
    expect(values(region(res, 'VR03'), ['units', 'observed', 'expected', 'ratio', 'divergent'])).toEqual([3, 0, 0, null, null]);
    expect(reasonOf(res, { region_code: 'VR03' }, 'ratio')).toBeUndefined();
    // VR04: E = 1 + 0.8 = 1.8 (×3 5.4), O 6 → 1.1111
    expect(region(res, 'VR04').ratio).toBeCloseTo(6 / 5.4, 10);
    // national: O = E = 18 → ratio 1; [χ²(0.025;36)/2, χ²(0.975;38)/2]/18 = [21.336/2, 56.896/2]/18
    const t = region(res, null);
    expect(values(t, ['units', 'observed'])).toEqual([36, 18]);
    expect(t.ratio).toBeCloseTo(1, 10);
    expect(t.ci_low).toBeCloseTo(21.336 / 36, 3);
    expect(t.ci_high).toBeCloseTo(56.896 / 36, 3);
  });

  it('pre-assessment per region × body (municipality versus police)', async () => {
    const res = await run('outcome_divergence', { params: { stage: 'pre_weging', by: 'region_body' } });
    // units: latest pre_weging with doorgezet/niet_doorgezet/afgesloten and five scores:
    // A02 low− (politie), A09 mid+ (politie), B02 low+ (politie), B04 high+ (gemeente), C02 low+ (gemeente), C03 low− (politie).
    // National: low 2/4 = 0.5, mid 1/1, high 1/1.
    // VR01 politie: E = 0.5 + 1 = 1.5 (×3 4.5), O 1 (3) → 0.6667
    const v = region(res, 'VR01', { body: 'politie' });
    expect(values(v, ['units', 'observed'])).toEqual([6, 3]);
    expect(v.ratio).toBeCloseTo(2 / 3, 10);
    // VR03 gemeente E 0.5 O 1 → 2; VR03 politie E 0.5 O 0 → 0
    expect(region(res, 'VR03', { body: 'gemeente' }).ratio).toBeCloseTo(2, 10);
    expect(region(res, 'VR03', { body: 'politie' }).ratio).toBe(0);
    expect(region(res, 'VR02', { body: 'gemeente' }).ratio).toBeCloseTo(1, 10);
    // national by body: politie O 2, E 0.5+1+0.5+0.5 = 2.5 → 0.8; gemeente O 2, E 1.5 → 1.3333
    expect(region(res, null, { body: 'politie' }).ratio).toBeCloseTo(0.8, 10);
    expect(region(res, null, { body: 'gemeente' }).ratio).toBeCloseTo(4 / 3, 10);
  });
});

describe('reassessment_consistency', () => {
  it('persons with a final weegploeg outcome in two or more regions (R = 3)', async () => {
    const res = await run('reassessment_consistency');
    // P1 VR01 casusoverleg / VR02 geen → different; P3 geen / geen; P4 VR01 casusoverleg, VR03
    // casusoverleg, VR04 latest D05 casusoverleg (not D04's geen) → same; P5 VR01 nadere / VR03 geen →
    // different. P2 and P6 reached a weegploeg in one region only. 4 persons, 2 different.
    expect(values(region(res, null), ['persons', 'persons_different', 'share_different'])).toEqual([12, 6, 0.5]);
    expect(values(region(res, 'VR01'), ['persons', 'persons_different'])).toEqual([12, 6]);
    expect(values(region(res, 'VR02'), ['persons', 'persons_different'])).toEqual([6, 3]); // P1 P3
    expect(values(region(res, 'VR04'), ['persons', 'persons_different', 'share_different'])).toEqual([3, 0, 0]); // P4
  });
});

describe('phenomenon_coverage', () => {
  /** P(X ≤ x | n, p = a/b) by the exact sum with BigInt (an independent route). */
  function tail(x: number, n: number, a: number, b: number): number {
    let num = 0n;
    let c = 1n;
    for (let i = 0; i <= x; i++) {
      if (i > 0) c = (c * BigInt(n - i + 1)) / BigInt(i);
      num += c * BigInt(a) ** BigInt(i) * BigInt(b - a) ** BigInt(n - i);
    }
    return Number((num * 10n ** 15n) / BigInt(b) ** BigInt(n)) / 1e15;
  }

  it('observed against the rest of the country, one-sided binomial (R = 3)', async () => {
    const res = await run('phenomenon_coverage');
    // signals per region (R = 1): VR01 jihad 6, rechts 2, links 1, anti 1 (N 10); VR02 jihad 4, rechts 1,
    // anti 1 (N 6); VR03 jihad 2, rechts 1 (N 3); VR04 jihad 4, links 1 (N 5). Total 24: jihad 16, rechts 4, links 2, anti 2.
    const j = region(res, 'VR01', { phenomenon: 'jihadisme' });
    // p = (48 − 18)/(72 − 30) = 5/7, expected 30·5/7, P(X ≤ 18 | 30, 5/7)
    expect(values(j, ['signals', 'region_signals', 'share'])).toEqual([18, 30, 0.6]);
    expect(j.rest_share).toBeCloseTo(5 / 7, 12);
    expect(j.expected).toBeCloseTo(150 / 7, 10);
    expect(j.probability).toBeCloseTo(tail(18, 30, 5, 7), 9);
    expect(j.under_covered).toBe(false);
    // VR04 has no right-wing signal: p = 12/57 = 4/19, expected 15·4/19 = 3.158, P(X ≤ 0) = (15/19)^15 = 0.0289 < 0.05
    const r = region(res, 'VR04', { phenomenon: 'rechts_extremisme' });
    expect(values(r, ['signals', 'region_signals'])).toEqual([0, 15]);
    expect(r.expected).toBeCloseTo(60 / 19, 10);
    expect(r.probability).toBeCloseTo((15 / 19) ** 15, 12);
    expect(r.under_covered).toBe(true);
    // VR02 links: p = 6/54 = 1/9, expected 2, P(X ≤ 0 | 18, 1/9) = (8/9)^18 = 0.12 → not under-covered
    expect(region(res, 'VR02', { phenomenon: 'links_extremisme' }).probability).toBeCloseTo((8 / 9) ** 18, 12);
    expect(region(res, 'VR02', { phenomenon: 'links_extremisme' }).under_covered).toBe(false);
    // phenomena outside the four tested ones have no expected value
    expect(values(region(res, 'VR01', { phenomenon: 'overig' }), ['signals', 'expected', 'under_covered'])).toEqual([0, null, null]);
    // national mix
    expect(values(region(res, null, { phenomenon: 'jihadisme' }), ['signals', 'region_signals'])).toEqual([48, 72]);
    expect(res.rows.filter((x) => x.region_code === 'VR01')).toHaveLength(7);
  });
});

describe('integrality', () => {
  it('parties present, information, unanimity, recording (R = 3)', async () => {
    const res = await run('integrality');
    const m = (stage: string, measure: string, code: string | null = 'VR01') => values(region(res, code, { stage, measure }), ['assessments', 'assessments_with', 'share']);
    // VR01 weegploeg (8): A05-1 not all present, A05-2 not all information, A05-2 and A06-1 not unanimous,
    // A10-1 analysis not recorded, A09-2 decision not recorded
    expect(m('weegploeg', 'all_parties_present')).toEqual([24, 21, 0.875]);
    expect(m('weegploeg', 'information_all_parties')).toEqual([24, 21, 0.875]);
    expect(m('weegploeg', 'unanimous')).toEqual([24, 18, 0.75]);
    expect(m('weegploeg', 'analysis_recorded')).toEqual([24, 21, 0.875]);
    expect(m('weegploeg', 'decision_recorded')).toEqual([24, 21, 0.875]);
    // VR01 pre_weging (6): analysis A01-1 A07-1 A09-1; decision all but A03-1. afstemmingsoverleg: A07-2 no decision
    expect(m('pre_weging', 'analysis_recorded')).toEqual([18, 9, 0.5]);
    expect(m('pre_weging', 'decision_recorded')[1]).toBe(15);
    expect(m('afstemmingsoverleg', 'decision_recorded')).toEqual([6, 3, 0.5]);
    // presence is a weegploeg measure only
    expect(res.rows.some((r) => r.stage === 'pre_weging' && r.measure === 'unanimous')).toBe(false);
    // driehoek: C02-2 without the OM
    expect(m('weegploeg', 'all_parties_present', 'VR03')).toEqual([6, 3, 0.5]);
    // national weegploeg 17: present 15, information 14 (B06-1 without gemeente information)
    expect(m('weegploeg', 'all_parties_present', null)).toEqual([51, 45, 45 / 51]);
    expect(m('weegploeg', 'information_all_parties', null)[1]).toBe(42);
  });
});

describe('reach', () => {
  const population = (region: string) =>
    readFileSync(join(__dirname, '..', '..', 'libs', 'contract', 'reference', 'gemeenten_veiligheidsregio_2023.csv'), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.split(',')[2] === region)
      .reduce((s, l) => s + Number(l.split(',').at(-1)), 0);

  it('meldpunt signals per 100 000 and the change, with the population year (R = 3)', async () => {
    const res = await run('reach');
    expect(res.population_year).toBe(2022);
    // VR01 2024: A03 (professional_meldpunt, GM0014) → 3 signals; 2025: none
    const popVR01 = population('VR01');
    const y24 = pick(res, { region_code: 'VR01', level: 'region', year: 2024 });
    expect(values(y24, ['meldpunt_signals', 'previous_meldpunt_signals', 'population'])).toEqual([3, null, popVR01]);
    expect(y24.rate_per_100k).toBeCloseTo((3 * 100000) / popVR01, 10);
    const y25 = pick(res, { region_code: 'VR01', level: 'region', year: 2025 });
    expect(values(y25, ['meldpunt_signals', 'previous_meldpunt_signals'])).toEqual([0, 3]);
    expect(y25.change_per_100k).toBeCloseTo((-3 * 100000) / popVR01, 10);
    // Groningen municipality: 234 950 inhabitants
    const gm = pick(res, { region_code: 'VR01', municipality_code: 'GM0014', year: 2024 });
    expect(gm.rate_per_100k).toBeCloseTo(300000 / 234950, 10);
    // every VR01 municipality of the reference data is listed, zero where nothing came in
    expect(pick(res, { region_code: 'VR01', municipality_code: 'GM0047', year: 2024 }).meldpunt_signals).toBe(0);
    // national 2024: A03 B03 D02
    const nl = pick(res, { group: 'total', year: 2024 });
    expect(nl.meldpunt_signals).toBe(9);
    expect(nl.population).toBe(population('VR01') + population('VR02') + population('VR03') + population('VR04'));
  });
});

describe('trend', () => {
  it('signals per month by phenomenon, source or receiving party, zero months included (R = 3)', async () => {
    const res = await run('trend');
    // VR01 2024-01: A01 A02 jihadisme
    expect(pick(res, { region_code: 'VR01', period: '2024-01', category: 'jihadisme' }).signals).toBe(6);
    // 2024-12 has no signal anywhere but lies between the first (2024-01) and last (2025-01) month
    expect(pick(res, { group: 'total', period: '2024-12', category: 'jihadisme' }).signals).toBe(0);
    // national 2024-02 rechts_extremisme: A03 A05 B02 C02
    expect(pick(res, { group: 'total', period: '2024-02', category: 'rechts_extremisme' }).signals).toBe(12);
    // 13 months × 7 phenomena per region and nationally
    expect(res.rows).toHaveLength(5 * 13 * 7);
    const bySource = await run('trend', { params: { by: 'source' }, scope: { regions: ['VR01'] } });
    expect(pick(bySource, { region_code: 'VR01', period: '2024-03', category: 'politie_registratie' }).signals).toBe(6); // A06 A07
    expect(bySource.params).toEqual({ by: 'source', grain: 'month' });
    // quarter grain: VR01 Q1 2024 politie_registratie = the months January–March (A01 A06 A07 and A09's month)
    const quarters = await run('trend', { params: { by: 'source', grain: 'quarter' }, scope: { regions: ['VR01'], from: '2024-01', to: '2024-12' } });
    const months = ['2024-01', '2024-02', '2024-03'].map((m) => pick(bySource, { region_code: 'VR01', period: m, category: 'politie_registratie' }).signals as number);
    expect(pick(quarters, { region_code: 'VR01', period: '2024-Q1', category: 'politie_registratie' }).signals).toBe(months.reduce((a, b) => a + b, 0));
  });
});

describe('regio peer view', () => {
  it('shows the own region and the others only as a distribution', async () => {
    const res = await run('flow', { role: 'regio', region: 'VR01' });
    expect(res.rows.map((r) => r.group)).toEqual(['own', 'peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max']);
    expect(pick(res, { group: 'own' }).signals).toBe(30);
    // other regions' signals: VR02 18, VR03 9, VR04 15 and 21 regions without data (every region has a
    // row, so a row's existence tells nothing) → 24 values: min 0, q1 0, median 0, q3 (nearest rank 18 of 24) 0, max 18
    expect(res.rows.slice(1).map((r) => r.signals)).toEqual([0, 0, 0, 0, 18]);
    expect(res.scope).toMatchObject({ regions: ['VR01'], peer_regions: 24 });
    // the Sankey covers the own region only: politie_registratie in VR01 = A01 A06 A07 A09
    expect(res.links?.rows.find((r) => r.source === 'source:politie_registratie')?.value).toBe(12);
    assertDisclosed(res, 3, 'regio', 'VR01');
  });

  it('computes the peer rows over every other region, with data or not', async () => {
    const res = await run('flow', { role: 'regio', region: 'VR01', scope: { receiving_party: 'om' } });
    expect(res.rows.map((r) => r.group)).toEqual(['own', 'peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max']);
    expect(res.scope.peer_regions).toBe(24);
  });
});

describe('every metric, every role', () => {
  const metrics = METRIC_NAMES;
  it('keeps the disclosure rules at k = 3 and k = 5 on the unreplicated fixture', async () => {
    for (const name of metrics) {
      for (const k of [3, 5]) {
        for (const role of ['inspectie', 'nctv', 'regio'] as const) {
          if (!findMetric(name).roles.includes(role)) continue;
          const res = await runMetric(name, { role, region: 'VR02', k, scope: {} }, db1.query);
          assertDisclosed(res, k, role, 'VR02');
        }
      }
    }
  });
});
