/**
 * Cell suppression on an abstract set of count cells and linear lines between them.
 *
 * A cell is a key with a count. A line is a set of cells tied by one additive relation
 * (a total and its parts, or the flows into and out of a Sankey node): if exactly one cell
 * of a line were hidden, it could be derived by subtraction from the others.
 */
import { REASON } from './reasons';

/** Key -> reason for every suppressed cell. */
export type Suppression = Map<string, string>;

/**
 * Primary suppression (counts 1..k−1), then secondary suppression: a line with exactly one
 * suppressed cell gets its smallest unsuppressed non-zero cell suppressed too, repeated
 * until no line has exactly one (METRICS.md).
 */
export function suppressCounts(cells: ReadonlyMap<string, number>, lines: readonly (readonly string[])[], k: number): Suppression {
  const out: Suppression = new Map();
  for (const [key, v] of cells) if (v > 0 && v < k) out.set(key, REASON.countBelowK);

  // only cells that exist take part; a missing cell is a known zero
  const clean = lines.map((l) => [...new Set(l)].filter((key) => cells.has(key))).filter((l) => l.length > 1);
  const linesOf = new Map<string, number[]>();
  clean.forEach((line, i) => {
    for (const key of line) {
      const list = linesOf.get(key);
      if (list) list.push(i);
      else linesOf.set(key, [i]);
    }
  });

  // worklist of lines to (re)check; a line is queued again when one of its cells gets suppressed
  const stack: number[] = clean.map((_, i) => i);
  const queued = new Uint8Array(clean.length).fill(1);
  while (stack.length > 0) {
    const i = stack.pop() as number;
    queued[i] = 0;
    const line = clean[i];
    let hidden = 0;
    for (const key of line) if (out.has(key)) hidden++;
    if (hidden !== 1) continue;
    let pick: string | undefined;
    let pickValue = Infinity;
    for (const key of line) {
      const v = cells.get(key) as number;
      if (out.has(key) || v === 0) continue;
      if (v < pickValue || (v === pickValue && pick !== undefined && key < pick)) {
        pick = key;
        pickValue = v;
      }
    }
    // Cannot happen for true sum relations (the hidden cell is non-zero, so another cell of
    // the line is too); guard anyway rather than loop.
    if (pick === undefined) continue;
    out.set(pick, REASON.secondary);
    for (const j of linesOf.get(pick) ?? []) {
      if (!queued[j]) {
        queued[j] = 1;
        stack.push(j);
      }
    }
  }
  return out;
}

/** Lines that still have exactly one suppressed cell (empty after suppressCounts). */
export function exposedLines(cells: ReadonlyMap<string, number>, lines: readonly (readonly string[])[], suppressed: ReadonlySet<string> | Suppression): string[][] {
  const has = (k: string) => suppressed.has(k);
  return lines
    .map((l) => [...new Set(l)].filter((key) => cells.has(key)))
    .filter((l) => l.filter(has).length === 1);
}
