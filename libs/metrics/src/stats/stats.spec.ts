import { describe, expect, it } from 'vitest';
import { binomialCdf, chiSquareQuantile, logGamma, percentileInterpolated, percentileInterpolatedOfCounts, percentileNearestRank, poissonExactInterval } from './index';

/** Published chi-square quantiles (NIST/SEMATECH e-Handbook table 1.3.6.7.4; R qchisq to 7 digits). */
const CHI2_TABLE: [p: number, df: number, value: number][] = [
  [0.025, 2, 0.0506356],
  [0.975, 2, 7.3777589],
  [0.975, 22, 36.780712],
  [0.05, 10, 3.940299],
  [0.95, 10, 18.307038],
  [0.99, 1, 6.634897],
  [0.5, 1, 0.4549364],
  [0.025, 10, 3.246973],
  [0.975, 12, 23.336664],
  [0.95, 100, 124.342113],
  [0.05, 100, 77.929465],
];

describe('chiSquareQuantile', () => {
  it.each(CHI2_TABLE)('χ²(%s; %s) = %s', (p, df, value) => {
    expect(chiSquareQuantile(p, df)).toBeCloseTo(value, 5);
  });
  it('has the closed form −2 ln(1 − p) for 2 degrees of freedom', () => {
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) expect(chiSquareQuantile(p, 2)).toBeCloseTo(-2 * Math.log(1 - p), 10);
  });
  it('is 0 for 0 degrees of freedom (the lower bound for O = 0)', () => {
    expect(chiSquareQuantile(0.025, 0)).toBe(0);
  });
});

describe('poissonExactInterval', () => {
  it('matches the published exact interval for O = 10: [4.795, 18.390]', () => {
    const { lower, upper } = poissonExactInterval(10);
    expect(lower).toBeCloseTo(4.795389, 5);
    expect(upper).toBeCloseTo(18.390356, 5);
  });
  it('O = 0: [0, −ln(0.025)] = [0, 3.6889]', () => {
    const { lower, upper } = poissonExactInterval(0);
    expect(lower).toBe(0);
    expect(upper).toBeCloseTo(-Math.log(0.025), 8);
  });
  it('O = 1: lower = −ln(0.975), upper = χ²(0.975; 4)/2 = 5.5716', () => {
    const { lower, upper } = poissonExactInterval(1);
    expect(lower).toBeCloseTo(-Math.log(0.975), 8);
    expect(upper).toBeCloseTo(5.571643, 5);
  });
  it('O = 5: [3.246973/2, 23.336664/2]', () => {
    const { lower, upper } = poissonExactInterval(5);
    expect(lower).toBeCloseTo(1.6234864, 5);
    expect(upper).toBeCloseTo(11.668332, 5);
  });
  it('answers a repeated count from its cache with the same interval, and another level afresh', () => {
    const first = poissonExactInterval(10);
    const again = poissonExactInterval(10);
    expect(again).toEqual(first);
    expect(Object.isFrozen(again)).toBe(true);
    // 90 %: the published χ²(0.05; 20)/2 and χ²(0.95; 22)/2 (NIST table), not the 95 % interval
    const ninety = poissonExactInterval(10, 0.9);
    expect(ninety.lower).toBeCloseTo(10.850811 / 2, 5);
    expect(ninety.upper).toBeCloseTo(33.924438 / 2, 5);
  });
});

/** Exact binomial sum with BigInt binomial coefficients: an independent route. */
function binomialCdfBySum(x: number, n: number, pNum: number, pDen: number): number {
  let num = 0n;
  let c = 1n;
  for (let i = 0; i <= x; i++) {
    if (i > 0) c = (c * BigInt(n - i + 1)) / BigInt(i);
    num += c * BigInt(pNum) ** BigInt(i) * BigInt(pDen - pNum) ** BigInt(n - i);
  }
  const den = BigInt(pDen) ** BigInt(n);
  const scale = 10n ** 15n;
  return Number((num * scale) / den) / 1e15;
}

describe('binomialCdf', () => {
  it('P(X ≤ 2 | 10, ½) = (1 + 10 + 45) / 1024', () => {
    expect(binomialCdf(2, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
  });
  it('P(X ≤ 0 | 20, 0.1) = 0.9^20', () => {
    expect(binomialCdf(0, 20, 0.1)).toBeCloseTo(0.9 ** 20, 12);
  });
  it('P(X ≤ 3 | 6, ⅓) = (64 + 192 + 240 + 160) / 729', () => {
    expect(binomialCdf(3, 6, 1 / 3)).toBeCloseTo(656 / 729, 12);
  });
  it('P(X ≤ 500 | 1000, ½) = ½ + ½·C(1000,500)/2^1000 = 0.5126125', () => {
    expect(binomialCdf(500, 1000, 0.5)).toBeCloseTo(0.51261251, 7);
  });
  it('agrees with the exact sum over many cases', () => {
    for (const [n, pNum, pDen] of [
      [7, 1, 4],
      [30, 3, 10],
      [120, 17, 100],
      [400, 1, 20],
    ]) {
      for (let x = 0; x <= n; x += Math.max(1, Math.floor(n / 9))) {
        expect(binomialCdf(x, n, pNum / pDen), `n=${n} p=${pNum}/${pDen} x=${x}`).toBeCloseTo(binomialCdfBySum(x, n, pNum, pDen), 9);
      }
    }
  });
  it('handles the edges', () => {
    expect(binomialCdf(-1, 5, 0.3)).toBe(0);
    expect(binomialCdf(5, 5, 0.3)).toBe(1);
    expect(binomialCdf(0, 5, 0)).toBe(1);
    expect(binomialCdf(4, 5, 1)).toBe(0);
  });
});

describe('logGamma', () => {
  it('ln Γ(½) = ln √π, ln Γ(10) = ln 9!', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
  });
});

describe('percentiles', () => {
  it('interpolates between order statistics like quantile_cont', () => {
    expect(percentileInterpolated([4, 1, 3, 2], 0.5)).toBe(2.5);
    // h = 3·0.9 = 2.7 → 3 + 0.7·(4 − 3)
    expect(percentileInterpolated([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    // h = 4·0.4 = 1.6 → 20 + 0.6·(35 − 20) = 29
    expect(percentileInterpolated([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
    expect(percentileInterpolated([7], 0.9)).toBe(7);
    expect(percentileInterpolated([], 0.5)).toBeNull();
  });

  it('of a histogram equal the same percentile of its values written out', () => {
    const values = [0, 3, 4, 9, 30];
    const counts = [5, 1, 0, 7, 2];
    const written = values.flatMap((v, i) => Array.from({ length: counts[i] }, () => v));
    for (const q of [0, 0.1, 0.5, 0.9, 0.95, 1]) expect(percentileInterpolatedOfCounts(values, counts, q)).toBe(percentileInterpolated(written, q));
    expect(percentileInterpolatedOfCounts([7], [1], 0.9)).toBe(7);
    // counts in a typed array with empty days at both ends: 2, 2, 4 -> median 2; p90 h = 1.8 -> 2 + 0.8·2 = 3.6
    expect(percentileInterpolatedOfCounts([1, 2, 3, 4, 5], new Float64Array([0, 2, 0, 1, 0]), 0.5)).toBe(2);
    expect(percentileInterpolatedOfCounts([1, 2, 3, 4, 5], new Float64Array([0, 2, 0, 1, 0]), 0.9)).toBeCloseTo(3.6, 12);
    expect(percentileInterpolatedOfCounts([1, 2], [0, 0], 0.5)).toBeNull();
    expect(() => percentileInterpolatedOfCounts([1], [1], 1.5)).toThrow(RangeError);
  });
  it('nearest rank returns one of the values', () => {
    expect(percentileNearestRank([1, 2, 3, 4], 0.5)).toBe(2); // h = 1.5, tie → lower
    expect(percentileNearestRank([1, 2, 3, 4], 0.25)).toBe(2); // h = 0.75 → x[1]
    expect(percentileNearestRank([0, 5, 9, 12, 40], 0.25)).toBe(5); // h = 1
    expect(percentileNearestRank([0, 5, 9], 0)).toBe(0);
    expect(percentileNearestRank([0, 5, 9], 1)).toBe(9);
  });
});
