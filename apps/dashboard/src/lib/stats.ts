/** Small statistics over numbers already released by the API (no metric is recomputed here). */

/** Median with linear interpolation between order statistics; null for an empty list. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

export function quantile(values: readonly number[], p: number): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).slice().sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return xs[lo] + (h - lo) * (xs[hi] - xs[lo]);
}
