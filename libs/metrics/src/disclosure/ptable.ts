/**
 * The perturbation table (ptable) of disclosure control v2 (METRICS.md rule 4), and the
 * lookup from (true value, cell key) to noise.
 *
 * Construction (the maximum-entropy method of the `ptable` tool of Destatis/Statistik
 * Austria): for each true value i the noise j takes values in −D..+D with i + j ≥ 0, and
 * its distribution is the one of maximal entropy with mean 0 and variance V. Such a
 * distribution has the form p(j) ∝ exp(a·j + b·j²); `buildPtable` finds a and b by Newton's
 * method on the two moment equations. A true 0 has no records and stays 0. Rows from D on
 * are identical (the support is the full −D..+D), so the table is capped at row D.
 * The table is versioned data (`ptable.data.ts`, written by `buildPtable`); the spec checks
 * that the committed data is what the construction gives, and the properties of the rule.
 */
import { PTABLE_DATA } from './ptable.data';

export interface PtableRow {
  /** True value (the last row stands for every value from it on). */
  i: number;
  /** Noise values in ascending order, and their probabilities. */
  noise: number[];
  p: number[];
}

export interface Ptable {
  version: string;
  D: number;
  V: number;
  rows: PtableRow[];
}

/** The maximum-entropy distribution on `support` with mean 0 and variance `v`. */
function maxEntropy(support: readonly number[], v: number): number[] {
  let a = 0;
  let b = 0;
  for (let iter = 0; iter < 200; iter++) {
    const w = support.map((j) => Math.exp(a * j + b * j * j));
    const z = w.reduce((s, x) => s + x, 0);
    const p = w.map((x) => x / z);
    const m = (f: (j: number) => number) => support.reduce((s, j, k) => s + p[k] * f(j), 0);
    const e1 = m((j) => j);
    const e2 = m((j) => j * j);
    const f1 = e1;
    const f2 = e2 - v;
    if (Math.abs(f1) < 1e-14 && Math.abs(f2) < 1e-14) return p;
    // Jacobian of (E[j], E[j²]) in (a, b): the covariance matrix of (j, j²)
    const c11 = m((j) => j * j) - e1 * e1;
    const c12 = m((j) => j ** 3) - e1 * e2;
    const c22 = m((j) => j ** 4) - e2 * e2;
    const det = c11 * c22 - c12 * c12;
    a -= (c22 * f1 - c12 * f2) / det;
    b -= (-c12 * f1 + c11 * f2) / det;
  }
  throw new Error(`ptable: no maximum-entropy distribution on ${support.join(',')} with variance ${v}`);
}

/** Builds the table for maximum noise D and variance V (rows 0..D). */
export function buildPtable(D: number, V: number, version: string): Ptable {
  const rows: PtableRow[] = [{ i: 0, noise: [0], p: [1] }];
  for (let i = 1; i <= D; i++) {
    const support: number[] = [];
    for (let j = -Math.min(D, i); j <= D; j++) support.push(j);
    const p = maxEntropy(support, V).map((x) => Math.round(x * 1e12) / 1e12);
    // the rounding residue goes to the most likely value, so each row sums to exactly 1 in decimals
    const residue = 1 - p.reduce((s, x) => s + x, 0);
    const top = p.indexOf(Math.max(...p));
    p[top] = Math.round((p[top] + residue) * 1e12) / 1e12;
    rows.push({ i, noise: support, p });
  }
  return { version, D, V, rows };
}

export const PTABLE: Ptable = PTABLE_DATA;

/** Upper bounds of the cell-key intervals of each row: noise[j] when key < bound[j]. */
const BOUNDS: number[][] = PTABLE.rows.map((r) => {
  let c = 0;
  const out = r.p.map((x) => (c += x));
  out[out.length - 1] = Infinity;
  return out;
});

/** The noise for a true count `n` with cell key `u` in [0, 1). A true 0 gets none. */
export function noiseFor(n: number, u: number): number {
  if (n <= 0) return 0;
  const row = Math.min(n, PTABLE.rows.length - 1);
  const bounds = BOUNDS[row];
  const noise = PTABLE.rows[row].noise;
  for (let j = 0; j < bounds.length; j++) if (u < bounds[j]) return noise[j];
  return noise[noise.length - 1];
}

/** Record keys are integers 1..2^24−1 (libs/store record-key.ts); a cell key is their sum mod 2^24, scaled to [0, 1). */
export const KEY_MODULUS = 2 ** 24;

export function cellKeyOf(keySum: number): number {
  return (keySum % KEY_MODULUS) / KEY_MODULUS;
}

/** Released value of a count cell: true value + noise from the ptable at its cell key. */
export function perturb(n: number, keySum: number): number {
  return n + noiseFor(n, cellKeyOf(keySum));
}
