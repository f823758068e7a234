/**
 * The attention metric on a hand-made fixture, worked out by hand (exact mode, k = 3), and
 * flow's signals_per_fte from a given FTE reference.
 *
 * | region | series                                   | 2024-Q4 | 2025-Q4 |
 * |--------|------------------------------------------|---------|---------|
 * | VR01   | phenomenon:jihadisme, source:burger      | 5       | 25 (last on 2025-12-31) |
 * | VR02   | phenomenon:overig, source:osint          | 12      | 10 (+3 on 2025-08-01, Q3) |
 * | VR03   | phenomenon:links_extremisme, source:burger | 1     | 2 (hidden: below k = 3) |
 *
 * Tested (both counts released, n ≥ 20): VR01 ×2, VR02 ×2, national jihadisme (25 vs 5),
 * burger (27 vs 6), overig and osint (10 vs 12): m = 8.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleResponse, ATTENTION_SERIES, findMetric, resolveContext, runMetric, targetQuarter, type MetricRequest, type MetricResponse, type Row } from '@weegwijzer/metrics';
import { fixtureDb, type FixtureDb, type SignalFixture } from './duckdb-fixture';
import { assertDisclosed } from './invariants';

function signals(region: string, n: number, received: string, source: string, phenomenon: string, prefix: string): SignalFixture[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, region, received, party: 'politie' as const, source, phenomenon }));
}

const FIXTURE = {
  signals: [
    ...signals('VR01', 5, '2024-11-10', 'burger', 'jihadisme', 'a'),
    ...signals('VR01', 24, '2025-10-20', 'burger', 'jihadisme', 'b'),
    ...signals('VR01', 1, '2025-12-31', 'burger', 'jihadisme', 'c'),
    ...signals('VR02', 12, '2024-12-01', 'osint', 'overig', 'd'),
    ...signals('VR02', 10, '2025-11-01', 'osint', 'overig', 'e'),
    ...signals('VR02', 3, '2025-08-01', 'osint', 'overig', 'f'),
    ...signals('VR03', 1, '2024-10-05', 'burger', 'links_extremisme', 'g'),
    ...signals('VR03', 2, '2025-10-05', 'burger', 'links_extremisme', 'h'),
  ],
  assessments: [],
};

let db: FixtureDb;
beforeAll(async () => {
  db = await fixtureDb(FIXTURE);
});
afterAll(() => db.close());

const run = (req: Partial<MetricRequest> = {}, name = 'attention') =>
  runMetric(name, { role: 'inspectie', k: 3, scope: { from: '2024-01', to: '2025-12' }, ...req } as MetricRequest, db.query, { exact: true });

function pick(res: MetricResponse, region: string | null, series: string): Row {
  const rows = res.rows.filter((r) => r.region_code === region && r.series === series);
  if (rows.length !== 1) throw new Error(`${rows.length} rows for ${region} ${series}`);
  return rows[0];
}

/** C(n, k) / 2^n summed for k ≤ x, with BigInt (independent of the library's incomplete beta). */
function lowerTailHalf(x: number, n: number): number {
  let c = 1n;
  let sum = 0n;
  for (let k = 0; k <= x; k++) {
    sum += c;
    c = (c * BigInt(n - k)) / BigInt(k + 1);
  }
  return Number((sum * 10n ** 18n) / 2n ** BigInt(n)) / 1e18;
}
const twoSided = (o: number, e: number) => Math.min(1, 2 * lowerTailHalf(Math.min(o, e), o + e));

describe('attention', () => {
  it('compares the last complete quarter with the same quarter a year earlier, exact test and BH q-values (worked by hand)', async () => {
    const res = await run();
    assertDisclosed(res, 3, 'inspectie');
    expect(res.columns.map((c) => [c.name, c.kind])).toEqual([
      ['group', 'dimension'],
      ['region_code', 'dimension'],
      ['series', 'dimension'],
      ['period', 'dimension'],
      ['baseline_period', 'dimension'],
      ['observed', 'count'],
      ['expected', 'count'],
      ['p_value', 'probability'],
      ['q_value', 'probability'],
      ['flag', 'flag'],
    ]);
    // all 25 regions (those without data too: a missing row would say "none") and the nation, every series
    expect(res.rows).toHaveLength(26 * ATTENTION_SERIES.length);
    expect(pick(res, 'VR25', 'source:osint')).toMatchObject({ observed: 0, expected: 0, p_value: 1, q_value: null, flag: false });
    expect(new Set(res.rows.map((r) => `${r.period}/${r.baseline_period}`))).toEqual(new Set(['2025-Q4/2024-Q4']));

    const pA = twoSided(25, 5); // VR01 and national jihadisme
    const pB = twoSided(10, 12); // VR02 ×2, national overig and osint
    const pC = twoSided(27, 6); // national burger
    // by hand: P(X ≤ 5 | 30, ½) = 174 437 / 2^30; P(X ≤ 6 | 33, ½) = 1 391 842 / 2^33
    expect(pA).toBeCloseTo((2 * 174437) / 2 ** 30, 12);
    expect(pC).toBeCloseTo((2 * 1391842) / 2 ** 33, 12);
    // BH, m = 8, sorted: pC (rank 1), pA ×3 (ranks 2–4), pB ×4 (ranks 5–8)
    expect(pC).toBeLessThan(pA);
    const qC = Math.min((8 * pC) / 1, (8 * pA) / 4, (8 * pB) / 8);
    const qA = Math.min((8 * pA) / 4, (8 * pB) / 8);
    const qB = Math.min(1, (8 * pB) / 8);

    const expectRow = (region: string | null, series: string, o: number, e: number, p: number, q: number, flag: boolean) => {
      const r = pick(res, region, series);
      expect([r.observed, r.expected], `${region} ${series}`).toEqual([o, e]);
      expect(r.p_value as number).toBeCloseTo(p, 12);
      expect(r.q_value as number).toBeCloseTo(q, 12);
      expect(r.flag).toBe(flag);
    };
    expectRow('VR01', 'phenomenon:jihadisme', 25, 5, pA, qA, true);
    expectRow('VR01', 'source:burger', 25, 5, pA, qA, true);
    expectRow(null, 'phenomenon:jihadisme', 25, 5, pA, qA, true);
    expectRow(null, 'source:burger', 27, 6, pC, qC, true);
    expectRow('VR02', 'source:osint', 10, 12, pB, qB, false);
    expectRow(null, 'phenomenon:overig', 10, 12, pB, qB, false);
    expect(qA).toBeLessThan(0.05);
    expect(qB).toBeCloseTo(pB, 12); // the largest p keeps its own value (m·p/m)
    expect(pB).toBeGreaterThan(0.8);

    // hidden counts (1 and 2 < k): no p, no q, no flag, outside the correction
    const hidden = pick(res, 'VR03', 'phenomenon:links_extremisme');
    expect([hidden.observed, hidden.expected, hidden.p_value, hidden.q_value, hidden.flag]).toEqual([null, null, null, null, null]);
    // zero in both quarters: p = 1, too few to test
    const empty = pick(res, 'VR01', 'source:osint');
    expect([empty.observed, empty.expected, empty.p_value, empty.q_value, empty.flag]).toEqual([0, 0, 1, null, false]);
    expect(res.rows.filter((r) => r.q_value !== null)).toHaveLength(8);
    expect(res.rows.filter((r) => r.flag === true)).toHaveLength(4);
    expect(res.notes.map((n) => n.code)).toContain('attention_compared');
  });

  it('q-values do not depend on regions= (the family is every region and the nation)', async () => {
    const all = await run();
    const one = await run({ scope: { regions: ['VR01'], from: '2024-01', to: '2025-12' } });
    expect(one.rows.filter((r) => r.group === 'region').every((r) => r.region_code === 'VR01')).toBe(true);
    expect(pick(one, 'VR01', 'source:burger').q_value).toBe(pick(all, 'VR01', 'source:burger').q_value);
  });

  it('reads only the months of the two quarters compared, with the same response (noise included) as reading every month', async () => {
    for (const scope of [
      { from: '2024-01', to: '2025-12' },
      { from: '2024-01', to: '2025-11' },
      { from: '2025-01', to: '2025-12' },
    ]) {
      const request = { role: 'inspectie', k: 3, scope } as MetricRequest;
      const def = findMetric('attention');
      const ctx = resolveContext(def, request);
      const stats = await db.query(def.statsSql!(ctx).text, def.statsSql!(ctx).params);
      const everyMonth = await db.query(def.sql(ctx).text, def.sql(ctx).params);
      const narrowed = await db.query(def.sql(ctx, stats).text, def.sql(ctx, stats).params);
      // the fixture's Q3 signals (VR02, 2025-08-01) and the hidden VR03 rows are read only when their quarter is compared
      expect(narrowed.length).toBeLessThan(everyMonth.length);
      expect(await runMetric('attention', request, db.query)).toEqual(assembleResponse(def, ctx, everyMonth, undefined, {}, stats));
    }
  });

  it('to inside a quarter picks the last quarter ending before it', async () => {
    const res = await run({ scope: { from: '2024-01', to: '2025-11' } });
    const r = pick(res, 'VR02', 'source:osint');
    expect([r.period, r.baseline_period, r.observed, r.expected]).toEqual(['2025-Q3', '2024-Q3', 3, 0]);
  });

  it('a period without a quarter and the same quarter a year earlier gives no rows and a note', async () => {
    const res = await run({ scope: { from: '2025-01', to: '2025-12' } });
    expect(res.rows).toEqual([]);
    expect(res.notes.map((n) => n.code)).toEqual(['attention_no_quarter']);
  });

  it('a quarter is complete when the data reach within 7 days of its end', () => {
    const q = (m: number | null) => (m === null ? null : `${Math.floor(m / 12)}-Q${Math.floor((m % 12) / 3) + 1}`);
    expect(q(targetQuarter('2025-12-31', undefined))).toBe('2025-Q4');
    expect(q(targetQuarter('2025-12-24', undefined))).toBe('2025-Q4');
    expect(q(targetQuarter('2025-12-23', undefined))).toBe('2025-Q3');
    expect(q(targetQuarter('2025-12-31', '2025-11-30'))).toBe('2025-Q3');
    expect(q(targetQuarter('2025-10-02', undefined))).toBe('2025-Q3');
    expect(targetQuarter(null, undefined)).toBeNull();
  });

  it('is not for role regio, and scope filters on the series are refused', async () => {
    await expect(runMetric('attention', { role: 'regio', region: 'VR01', scope: {} }, db.query)).rejects.toThrow(/not available to role 'regio'/);
    await expect(run({ scope: { source: 'osint' } })).rejects.toThrow(/filter 'source' does not apply/);
  });
});

describe('flow signals_per_fte', () => {
  it('is released signals / FTE from reference.fte, null when unknown or 0', async () => {
    const res = await run({ scope: {}, reference: { fte: { VR01: 2.5, VR02: 0, VR03: null } } }, 'flow');
    const of = (region: string | null) => res.rows.find((r) => r.region_code === region)?.signals_per_fte;
    expect(of('VR01')).toBe(30 / 2.5);
    expect(of('VR02')).toBeNull();
    expect(of('VR03')).toBeNull();
    // national: only when every region's FTE is known
    expect(of(null)).toBeNull();
    expect(res.columns.find((c) => c.name === 'signals_per_fte')?.kind).toBe('ratio');
  });

  it('national value when every FTE is known; bad reference input is a clear error', async () => {
    const fte = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`VR${String(i + 1).padStart(2, '0')}`, 2]));
    const res = await run({ scope: {}, reference: { fte } }, 'flow');
    expect(res.rows.find((r) => r.region_code === null)?.signals_per_fte).toBe(58 / 50);
    await expect(run({ scope: {}, reference: { fte: { VR01: -1 } } }, 'flow')).rejects.toThrow(/FTE of VR01 must be a number >= 0/);
    await expect(run({ scope: {}, reference: { fte: { VR99: 1 } } }, 'flow')).rejects.toThrow(/unknown region code 'VR99'/);
  });

  it('is null when the signal count is hidden', async () => {
    const res = await runMetric('flow', { role: 'inspectie', k: 5, scope: { regions: ['VR03'] }, reference: { fte: { VR03: 1 } } }, db.query, { exact: true });
    const r = res.rows.find((x) => x.region_code === 'VR03');
    expect([r?.signals, r?.signals_per_fte]).toEqual([null, null]);
  });
});
