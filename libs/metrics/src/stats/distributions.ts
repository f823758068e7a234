/** The distributions METRICS.md needs: chi-square quantiles, the exact Poisson interval, the binomial tail. */
import { betaI, gammaPInverse } from './gamma';

/** χ²(p; df): the p-quantile of the chi-square distribution with df degrees of freedom (df = 0: point mass at 0). */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df >= 0)) throw new RangeError(`chiSquareQuantile: df must be >= 0, got ${df}`);
  if (df === 0) return 0;
  return 2 * gammaPInverse(df / 2, p);
}

/**
 * Exact (Garwood) Poisson confidence interval for an observed count O:
 * [χ²(α/2; 2O)/2, χ²(1−α/2; 2O+2)/2] (METRICS.md §6, α = 0.05).
 */
export function poissonExactInterval(observed: number, level = 0.95): Readonly<{ lower: number; upper: number }> {
  if (!(Number.isInteger(observed) && observed >= 0)) throw new RangeError(`poissonExactInterval: observed must be a count, got ${observed}`);
  const cached = level === 0.95 ? INTERVALS_95.get(observed) : undefined;
  if (cached) return cached;
  const alpha = 1 - level;
  const interval = Object.freeze({
    lower: chiSquareQuantile(alpha / 2, 2 * observed) / 2,
    upper: chiSquareQuantile(1 - alpha / 2, 2 * observed + 2) / 2,
  });
  if (level === 0.95) {
    if (INTERVALS_95.size >= MAX_CACHED_INTERVALS) INTERVALS_95.clear();
    INTERVALS_95.set(observed, interval);
  }
  return interval;
}

/**
 * The 95 % intervals computed so far, by observed count: two inverse incomplete gamma
 * functions per row were a third of outcome_divergence's assembly, and a response's counts
 * repeat within it and across requests. Bounded (cleared when full); the function is pure.
 */
const INTERVALS_95 = new Map<number, Readonly<{ lower: number; upper: number }>>();
const MAX_CACHED_INTERVALS = 20_000;

/** P(X ≤ x) for X ~ Binomial(n, p), via I_{1−p}(n − x, x + 1). */
export function binomialCdf(x: number, n: number, p: number): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`binomialCdf: n must be a count, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialCdf: p must be in [0, 1], got ${p}`);
  const k = Math.floor(x);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return betaI(n - k, k + 1, 1 - p);
}
