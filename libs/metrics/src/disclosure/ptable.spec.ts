import { describe, expect, it } from 'vitest';
import { buildPtable, cellKeyOf, KEY_MODULUS, noiseFor, perturb, PTABLE, PTABLE_DESIGN } from './ptable';

const K = 5;
const moments = (row: { noise: number[]; p: number[] }) => {
  const mean = row.noise.reduce((s, j, i) => s + j * row.p[i], 0);
  const variance = row.noise.reduce((s, j, i) => s + j * j * row.p[i], 0) - mean * mean;
  return { mean, variance, total: row.p.reduce((s, x) => s + x, 0) };
};

describe('ptable (METRICS.md disclosure v2, rule 4)', () => {
  it('the committed table is what the maximum-entropy construction gives', () => {
    expect(buildPtable(PTABLE_DESIGN)).toEqual(PTABLE);
    expect(PTABLE.V).toBeCloseTo(0.95 * 1 + 0.05 * 3, 12);
  });

  it('zero stays zero; every other row sums to 1, is unbiased with variance V, never goes negative, and every noise in −D..+D can occur', () => {
    expect(PTABLE.rows[0]).toEqual({ i: 0, noise: [0], p: [1] });
    for (const row of PTABLE.rows.slice(1)) {
      const m = moments(row);
      expect(m.total).toBeCloseTo(1, 12);
      expect(m.mean).toBeCloseTo(0, 9);
      expect(m.variance).toBeCloseTo(PTABLE.V, 9);
      expect(Math.min(...row.noise)).toBeGreaterThanOrEqual(-Math.min(row.i, PTABLE.D));
      expect(Math.max(...row.noise.map(Math.abs))).toBeLessThanOrEqual(PTABLE.D);
      // the thin tail: no bound argument on a released value is ever exact
      expect(row.noise).toEqual(Array.from({ length: PTABLE.D + Math.min(row.i, PTABLE.D) + 1 }, (_, k) => k - Math.min(row.i, PTABLE.D)));
      expect(Math.min(...row.p)).toBeGreaterThan(0);
    }
  });

  it('for true values 1..k−1 the chance of zero noise is at most one half', () => {
    for (let i = 1; i < K; i++) {
      const row = PTABLE.rows[Math.min(i, PTABLE.rows.length - 1)];
      expect(row.p[row.noise.indexOf(0)]).toBeLessThanOrEqual(0.5);
    }
  });

  it('the core (|noise| ≤ 2, variance 1) is the symmetric max-entropy law p(j) ∝ x^(j²) with 6x⁴ = 1 (worked by hand)', () => {
    // variance (2x + 8x⁴)/(1 + 2x + 2x⁴) = 1  =>  6x⁴ = 1, x = 6^(-1/4)
    const x = 6 ** -0.25;
    const z = 1 + 2 * x + 2 * x ** 4;
    const row = buildPtable({ version: 'core', coreD: 2, coreV: 1, D: 2, tailV: 1, eps: 0 }).rows[2];
    expect(row.noise).toEqual([-2, -1, 0, 1, 2]);
    [x ** 4 / z, x / z, 1 / z, x / z, x ** 4 / z].forEach((p, i) => expect(row.p[i]).toBeCloseTo(p, 10));
  });

  it('noise follows the cell key through the cumulative intervals, and the same key gives the same value', () => {
    const row = PTABLE.rows[PTABLE.D];
    expect(noiseFor(10, 0)).toBe(-PTABLE.D);
    expect(noiseFor(10, row.p[0] - 1e-9)).toBe(-PTABLE.D);
    expect(noiseFor(10, row.p[0] + 1e-9)).toBe(-PTABLE.D + 1);
    expect(noiseFor(10, 0.9999999)).toBe(PTABLE.D);
    expect(noiseFor(0, 0.3)).toBe(0);
    expect(noiseFor(1, 0)).toBe(-1);
    const keySum = 123_456_789;
    expect(perturb(7, keySum)).toBe(perturb(7, keySum));
    expect(cellKeyOf(KEY_MODULUS + 5)).toBe(cellKeyOf(5));
  });

  it('over uniform cell keys the empirical noise is unbiased with variance about 1', () => {
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const j = noiseFor(50, (i + 0.5) / n);
      s += j;
      s2 += j * j;
    }
    expect(Math.abs(s / n)).toBeLessThan(1e-3);
    expect(s2 / n).toBeCloseTo(PTABLE.V, 2);
  });
});
