/**
 * The perturbation table (ptable) of disclosure control v2 (METRICS.md rule 4), and the
 * lookup from (true value, cell key) to noise.
 *
 * Construction (the maximum-entropy method of the `ptable` tool of Destatis/Statistik
 * Austria): for each true value i the noise j takes values in a range with i + j ≥ 0, and
 * its distribution is the one of maximal entropy with mean 0 and a given variance. Such a
 * distribution has the form p(j) ∝ exp(a·j + b·j²); `maxEntropy` finds a and b by Newton's
 * method on the two moment equations.
 *
 * Why a thin tail: with noise bounded by ±2 the released values pin true values down
 * through the identities between cells (a total released as 0 is at most 2; two hidden parts
 * are at least 1 each; so both are exactly 1). The attack suite measured that. The table is
 * therefore a mixture: with weight 1 − ε the core (|j| ≤ 2, variance 1), with weight ε a
 * tail over the full range (|j| ≤ D, variance Vtail). Every value in −D..+D is possible, so
 * no bound argument is ever exact, while the noise stays small (variance (1 − ε)·1 + ε·Vtail).
 * A true 0 has no records and stays 0. Rows from D on are identical (the full support), so
 * the table is capped at row D.
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
  for (let iter = 0; iter < 500; iter++) {
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

export interface PtableDesign {
  version: string;
  /** The core: noise within ±coreD, variance coreV. */
  coreD: number;
  coreV: number;
  /** The tail: noise within ±D, variance tailV, weight eps. */
  D: number;
  tailV: number;
  eps: number;
}

const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);

/** Builds the table (rows 0..D) for a design; V is the resulting variance of the rows ≥ D. */
export function buildPtable(d: PtableDesign): Ptable {
  const rows: PtableRow[] = [{ i: 0, noise: [0], p: [1] }];
  for (let i = 1; i <= d.D; i++) {
    const support = range(-Math.min(d.D, i), d.D);
    const coreSupport = range(-Math.min(d.coreD, i), d.coreD);
    const core = maxEntropy(coreSupport, d.coreV);
    const tail = maxEntropy(support, d.tailV);
    const p = support.map((j, k) => {
      const c = coreSupport.indexOf(j);
      return Math.round(((1 - d.eps) * (c >= 0 ? core[c] : 0) + d.eps * tail[k]) * 1e12) / 1e12;
    });
    // the rounding residue goes to the most likely value, so each row sums to exactly 1 in decimals
    const residue = 1 - p.reduce((s, x) => s + x, 0);
    const top = p.indexOf(Math.max(...p));
    p[top] = Math.round((p[top] + residue) * 1e12) / 1e12;
    rows.push({ i, noise: support, p });
  }
  const V = Math.round(((1 - d.eps) * d.coreV + d.eps * d.tailV) * 1e9) / 1e9;
  return { version: d.version, D: d.D, V, rows };
}

/** The design of the committed table (ptable.data.ts). */
export const PTABLE_DESIGN: PtableDesign = { version: 'D6-V1.1-1', coreD: 2, coreV: 1, D: 6, tailV: 3, eps: 0.05 };

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
