/**
 * Cell suppression on an abstract set of count cells and additive lines between them.
 *
 * A cell is a key with a count. A line is one additive relation between cells: either a
 * list `[total, part, part, …]` (total = Σ parts) or `{ plus, minus }` (Σ plus = Σ minus,
 * e.g. the flows into and out of a Sankey node).
 */
import type { CellKey, Line } from '../types';
import { REASON } from './reasons';

/** Key -> reason for every suppressed cell. */
export type Suppression = Map<CellKey, string>;
export type { Line };

type SignedLine = { readonly plus: readonly CellKey[]; readonly minus: readonly CellKey[] };

export function lineKeys(line: Line): CellKey[] {
  return Array.isArray(line) ? [...new Set(line as readonly CellKey[])] : [...new Set([...(line as SignedLine).plus, ...(line as SignedLine).minus])];
}

/** Deterministic order for tie-breaks: numbers before strings, then natural order. */
function before(a: CellKey, b: CellKey): boolean {
  return typeof a === typeof b ? a < b : typeof a === 'number';
}

/** Coefficient per key: total +1, parts −1 (or plus +1, minus −1); repeated keys add up. */
function coefficients(line: Line): Map<CellKey, number> {
  const out = new Map<CellKey, number>();
  const add = (k: CellKey, c: number) => out.set(k, (out.get(k) ?? 0) + c);
  if (Array.isArray(line)) (line as readonly CellKey[]).forEach((k, i) => add(k, i === 0 ? 1 : -1));
  else {
    const l = line as SignedLine;
    for (const k of l.plus) add(k, 1);
    for (const k of l.minus) add(k, -1);
  }
  for (const [k, c] of out) if (c === 0) out.delete(k);
  return out;
}

/**
 * Primary suppression (counts 1..k−1), then secondary suppression (METRICS.md): a line with
 * exactly one suppressed cell gets its smallest unsuppressed non-zero cell suppressed too,
 * repeated until no line has exactly one. Then an exact audit: a suppressed cell that is
 * still uniquely determined by the lines taken together (linear algebra over all of them,
 * not just one subtraction) gets a further cell of one of its lines suppressed, until none is.
 */
export function suppressCounts(cells: ReadonlyMap<CellKey, number>, allLines: readonly Line[] | (() => readonly Line[]), k: number): Suppression {
  const out: Suppression = new Map();
  for (const [key, v] of cells) if (v > 0 && v < k) out.set(key, REASON.countBelowK);
  // nothing below k: no line can have exactly one hidden cell, nothing to derive
  if (out.size === 0) return out;
  const lines = typeof allLines === 'function' ? allLines() : allLines;

  // only cells that exist take part (a missing cell is a known zero), each once
  const clean: CellKey[][] = [];
  for (const l of lines) {
    const keys = Array.isArray(l) ? (l as readonly CellKey[]) : [...(l as SignedLine).plus, ...(l as SignedLine).minus];
    const line = [...new Set(keys.filter((key) => cells.has(key)))];
    if (line.length > 1) clean.push(line);
  }
  const linesOf = new Map<CellKey, number[]>();
  clean.forEach((line, i) => {
    for (const key of line) {
      const list = linesOf.get(key);
      if (list) list.push(i);
      else linesOf.set(key, [i]);
    }
  });
  const smallestOpen = (line: readonly CellKey[]): CellKey | undefined => {
    let pick: CellKey | undefined;
    let pickValue = Infinity;
    for (const key of line) {
      const v = cells.get(key) as number;
      if (out.has(key) || v === 0) continue;
      if (v < pickValue || (v === pickValue && pick !== undefined && before(key, pick))) {
        pick = key;
        pickValue = v;
      }
    }
    return pick;
  };

  // worklist of lines to (re)check; a line is queued again when one of its cells gets suppressed
  const stack: number[] = [];
  const queued = new Uint8Array(clean.length);
  const enqueue = (i: number) => {
    if (!queued[i]) {
      queued[i] = 1;
      stack.push(i);
    }
  };
  const suppress = (key: CellKey) => {
    out.set(key, REASON.secondary);
    for (const j of linesOf.get(key) ?? []) enqueue(j);
  };
  clean.forEach((_, i) => enqueue(i));
  const lineRule = () => {
    while (stack.length > 0) {
      const i = stack.pop() as number;
      queued[i] = 0;
      const line = clean[i];
      let hidden = 0;
      for (const key of line) if (out.has(key)) hidden++;
      if (hidden !== 1) continue;
      // Cannot be undefined for true sum relations (the hidden cell is non-zero, so another
      // cell of the line is too); guard anyway rather than loop.
      const pick = smallestOpen(line);
      if (pick !== undefined) suppress(pick);
    }
  };
  lineRule();

  const relations = lines.map(coefficients);
  for (;;) {
    const determined = determinedCells(relations, out, cells);
    if (determined.length === 0) break;
    // for every determined cell, the smallest open cell over the lines reachable from it
    // through hidden cells (its own lines may have nothing left to hide); all at once, then
    // the line rule and the audit again
    const picks = new Set<CellKey>();
    for (const key of determined) {
      let best: CellKey | undefined;
      const seenLines = new Set<number>();
      const seenCells = new Set<CellKey>([key]);
      const queue = [key];
      while (queue.length > 0 && best === undefined) {
        const cell = queue.pop() as CellKey;
        for (const j of linesOf.get(cell) ?? []) {
          if (seenLines.has(j)) continue;
          seenLines.add(j);
          const pick = smallestOpen(clean[j]);
          if (pick !== undefined && (best === undefined || (cells.get(pick) as number) < (cells.get(best) as number))) best = pick;
          for (const other of clean[j]) {
            if (out.has(other) && !seenCells.has(other)) {
              seenCells.add(other);
              queue.push(other);
            }
          }
        }
      }
      if (best !== undefined) picks.add(best);
    }
    for (const pick of picks) suppress(pick);
    if (picks.size === 0) break;
    lineRule();
  }
  return out;
}

/** Lines that still have exactly one suppressed cell (empty after suppressCounts). */
export function exposedLines(cells: ReadonlyMap<CellKey, number>, lines: readonly Line[], suppressed: ReadonlySet<CellKey> | Suppression): CellKey[][] {
  return lines.map((l) => lineKeys(l).filter((key) => cells.has(key))).filter((l) => l.filter((k) => suppressed.has(k)).length === 1);
}

/** The largest prime whose square stays below 2^53, so products are exact in doubles. */
const PRIME = 94906249;

/**
 * Suppressed cells whose value follows from the lines and the shown cells: x_s is unique iff
 * the unit vector e_s lies in the row space of the lines restricted to the suppressed cells,
 * i.e. the reduced row echelon form has a row equal to e_s. Exact arithmetic modulo a prime
 * near 2^26.5: the relations have coefficients ±1 and small minors, so a pivot that is
 * non-zero over the rationals is never 0 modulo this prime in practice.
 */
export function determinedCells(relations: readonly Map<CellKey, number>[], suppressed: ReadonlySet<CellKey> | Suppression, cells: ReadonlyMap<CellKey, number>): CellKey[] {
  const rows: Map<CellKey, number>[] = [];
  for (const rel of relations) {
    const r = new Map<CellKey, number>();
    for (const [key, c] of rel) if (suppressed.has(key) && cells.has(key)) r.set(key, c);
    if (r.size > 0) rows.push(r);
  }
  // connected components of suppressed cells through shared lines
  const parent = new Map<CellKey, CellKey>();
  const find = (x: CellKey): CellKey => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as CellKey;
    let y = x;
    while (parent.get(y) !== r) {
      const next = parent.get(y) as CellKey;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  for (const r of rows) for (const key of r.keys()) if (!parent.has(key)) parent.set(key, key);
  for (const r of rows) {
    const keys = [...r.keys()];
    for (let i = 1; i < keys.length; i++) {
      const a = find(keys[0]);
      const b = find(keys[i]);
      if (a !== b) parent.set(a, b);
    }
  }
  const groups = new Map<CellKey, Map<CellKey, number>[]>();
  for (const r of rows) {
    const root = find(r.keys().next().value as CellKey);
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  }
  const out = new Set<CellKey>();
  for (const g of groups.values()) {
    const keys = [...new Set(g.flatMap((r) => [...r.keys()]))];
    for (const key of determinedModP(g, keys, PRIME)) out.add(key);
  }
  return [...out];
}

function determinedModP(rows: Map<CellKey, number>[], keys: CellKey[], p: number): CellKey[] {
  const col = new Map(keys.map((k, i) => [k, i]));
  const n = keys.length;
  const m = rows.map((r) => {
    const v = new Array<number>(n).fill(0);
    for (const [k, c] of r) v[col.get(k) as number] = ((c % p) + p) % p;
    return v;
  });
  const inv = (a: number) => {
    // a^(p−2) mod p by square-and-multiply (products stay below 2^53)
    let result = 1;
    let base = a % p;
    let e = p - 2;
    while (e > 0) {
      if (e & 1) result = (result * base) % p;
      base = (base * base) % p;
      e >>= 1;
    }
    return result;
  };
  let r = 0;
  for (let c = 0; c < n && r < m.length; c++) {
    let piv = -1;
    for (let i = r; i < m.length; i++) if (m[i][c] !== 0) {
      piv = i;
      break;
    }
    if (piv < 0) continue;
    [m[r], m[piv]] = [m[piv], m[r]];
    const f = inv(m[r][c]);
    for (let j = c; j < n; j++) m[r][j] = (m[r][j] * f) % p;
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c] === 0) continue;
      const g = m[i][c];
      for (let j = c; j < n; j++) if (m[r][j] !== 0) m[i][j] = (m[i][j] - ((g * m[r][j]) % p) + p) % p;
    }
    r++;
  }
  const out: CellKey[] = [];
  for (let i = 0; i < r; i++) {
    let nonzero = 0;
    let at = -1;
    for (let j = 0; j < n; j++) if (m[i][j] !== 0) {
      nonzero++;
      at = j;
      if (nonzero > 1) break;
    }
    if (nonzero === 1) out.push(keys[at]);
  }
  return out;
}
