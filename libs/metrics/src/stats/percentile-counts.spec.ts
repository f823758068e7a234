import { describe, expect, it } from 'vitest';
import { percentileInterpolated, percentileInterpolatedOfCounts } from './percentile';

/** quantile_cont on the values themselves: sort, position (n − 1)·p, interpolate (written out plainly). */
function plainQuantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.ceil(h)] - s[lo]);
}

function histogram(values: number[]): [number, number][] {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

describe('percentileInterpolatedOfCounts', () => {
  it('equals the quantile of the values it counts (ties, one value, empty)', () => {
    expect(percentileInterpolatedOfCounts([], 0.5)).toBeNull();
    expect(percentileInterpolatedOfCounts([[7, 1]], 0.9)).toBe(7);
    // 5 9 10 10 11: median 10, p90 at 3.6 → 10.6
    expect(percentileInterpolatedOfCounts(histogram([5, 9, 10, 10, 11]), 0.5)).toBe(10);
    expect(percentileInterpolatedOfCounts(histogram([5, 9, 10, 10, 11]), 0.9)).toBeCloseTo(10.6, 12);
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 500; t++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => Math.floor(rand() * (t % 3 === 0 ? 5 : 200)));
      for (const p of [0, 0.1, 0.5, 0.9, 1]) {
        const expected = plainQuantile(values, p)!;
        expect(percentileInterpolatedOfCounts(histogram(values), p)).toBeCloseTo(expected, 10);
        expect(percentileInterpolated(values, p)).toBeCloseTo(expected, 10);
      }
    }
  });
});
