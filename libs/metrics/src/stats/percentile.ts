/** Percentiles of a list of numbers. */

/**
 * Linear interpolation between order statistics (Hyndman–Fan type 7; DuckDB quantile_cont,
 * PostgreSQL percentile_cont): h = (n − 1)·q, value = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function percentileInterpolated(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  if (values.length === 0) return null;
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo] + (h - lo) * (xs[hi] - xs[lo]);
}

/**
 * percentileInterpolated of a histogram: `values` (ascending, distinct) each occurring
 * `counts` times, without writing the values out (leadtime's day histograms hold millions of
 * signals). The value of rank r (from 0) is the smallest value whose running count exceeds r
 * (a value counted 0 times is never one).
 */
export function percentileInterpolatedOfCounts(values: ArrayLike<number>, counts: ArrayLike<number>, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  if (n === 0) return null;
  const at = (rank: number) => {
    let upto = 0;
    for (let i = 0; i < values.length; i++) {
      upto += counts[i];
      if (upto > rank) return values[i];
    }
    return values[values.length - 1];
  };
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return at(lo) + (h - lo) * (at(hi) - at(lo));
}

/**
 * An observed value as the q-quantile: the order statistic nearest to the type-7 position
 * (ties to the lower one). Used where the answer must be one of the inputs (disclosed counts).
 */
export function percentileNearestRank(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  if (values.length === 0) return null;
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * q;
  const i = h - Math.floor(h) > 0.5 ? Math.ceil(h) : Math.floor(h);
  return xs[i];
}
