/**
 * Disclosure of one result table: every count cell, every share/ratio/percentile/flag that
 * rests on counts, through the rules of METRICS.md. The one place all results pass through
 * (called by runMetric; `discloseTable` + `peerView` are the whole of it).
 */
import type { CellKey, Line, MetricColumn, MetricContext, Row } from '../types';
import { REASON } from './reasons';
import { suppressCounts, type Suppression } from './suppress';

export type KeyOf = (row: Row, column: string) => CellKey;

/** A row with the reason for each of its suppressed values. */
export interface DisclosedRow {
  values: Row;
  reasons: Record<string, string>;
}

/**
 * Identity of a count cell: a number, row index × number of count columns + column index.
 * A repeated cell (`sameAs`) resolves to the cell it repeats, found by its dimension values;
 * when that row is not in the table (a region's N on phenomenon rows, which has no row of
 * its own), every repeat shares one extra number.
 */
export function makeKeyOf(columns: readonly MetricColumn[], ctx: MetricContext, rows: readonly Row[]): KeyOf {
  const dims = columns.filter((c) => c.kind === 'dimension').map((c) => c.name);
  const counts = columns.filter((c) => c.kind === 'count').map((c) => c.name);
  const n = counts.length;
  const colIndex = new Map(counts.map((c, i) => [c, i]));
  const rowIndex = new Map<Row, number>();
  rows.forEach((r, i) => rowIndex.set(r, i));
  const sameAs = new Map(columns.filter((c) => c.sameAs).map((c) => [c.name, c.sameAs as NonNullable<MetricColumn['sameAs']>]));
  const prefix = (row: Row) => {
    let p = '';
    for (const d of dims) {
      const v = row[d];
      p += v === null || v === undefined ? '|' : `${v}|`;
    }
    return p;
  };
  let byDims: Map<string, number> | undefined;
  const virtual = new Map<string, number>();
  let nextVirtual = rows.length * n;
  const plain = (row: Row, column: string): number => {
    const i = rowIndex.get(row);
    const c = colIndex.get(column);
    if (i === undefined || c === undefined) throw new Error(`disclosure: ${column} is not a count cell of this table`);
    return i * n + c;
  };
  return (row, column) => {
    const repeat = sameAs.get(column);
    const same = repeat ? repeat(row, ctx) : null;
    if (!same) return plain(row, column);
    byDims ??= new Map(rows.map((r, i) => [prefix(r), i]));
    const p = prefix(same.row);
    const target = byDims.get(p);
    const c = colIndex.get(same.column);
    if (target !== undefined && c !== undefined) return target * n + c;
    const id = `${same.column}@${p}`;
    let v = virtual.get(id);
    if (v === undefined) {
      v = nextVirtual++;
      virtual.set(id, v);
    }
    return v;
  };
}

export interface DiscloseInput {
  columns: readonly MetricColumn[];
  rows: readonly Row[];
  k: number;
  keyOf: KeyOf;
  /** The lines, or a function that builds them (only called when some count is below k). */
  lines: readonly Line[] | (() => readonly Line[]);
  /** Count cells outside the table that share its lines (flow's Sankey links). */
  extraCells?: ReadonlyMap<CellKey, number>;
}

export function discloseTable(input: DiscloseInput): { rows: DisclosedRow[]; suppression: Suppression } {
  const { columns, rows, k, keyOf } = input;
  const counts = columns.filter((c) => c.kind === 'count');
  const cells = new Map<CellKey, number>(input.extraCells ?? []);
  for (const row of rows) {
    for (const c of counts) {
      const v = row[c.name];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number') throw new Error(`disclosure: count ${c.name} is not a number (${typeof v})`);
      const key = keyOf(row, c.name);
      const prev = cells.get(key);
      if (prev !== undefined && prev !== v) throw new Error(`disclosure: repeated cell ${key} has two values`);
      cells.set(key, v);
    }
  }
  const suppression = suppressCounts(cells, input.lines, k);
  const derived = columns.filter((c) => c.kind !== 'count' && c.kind !== 'dimension');
  // rows are the pipeline's own objects: suppressed values are nulled in place, after every
  // reason has been decided on the raw values
  const out = rows.map((row) => {
    const values: Row = row as Row;
    const reasons: Record<string, string> = {};
    for (const c of counts) {
      const reason = values[c.name] === null ? undefined : suppression.get(keyOf(row, c.name));
      if (reason) reasons[c.name] = reason;
    }
    for (const c of derived) {
      // a value that is not defined (0/0, no previous year) has nothing to hide
      if (values[c.name] === null || values[c.name] === undefined) continue;
      const reason = derivedReason(c, row, k, (col) => suppression.has(keyOf(row, col)));
      if (reason) reasons[c.name] = reason;
    }
    for (const name in reasons) values[name] = null;
    return { values, reasons };
  });
  return { rows: out, suppression };
}

/**
 * A share, rate or ratio is suppressed when its denominator is below k or a count it is
 * computed from is suppressed; a median or percentile when it rests on fewer than k units;
 * a flag or probability when a count it is computed from is suppressed (it would reveal it).
 */
function derivedReason(c: MetricColumn, row: Row, k: number, isSuppressed: (col: string) => boolean): string | undefined {
  if (c.base !== undefined) {
    const base = row[c.base];
    if (typeof base === 'number' && base < k) return c.kind === 'days' ? REASON.fewerThanKUnits : REASON.denominatorBelowK;
  }
  for (const f of c.from ?? []) if (isSuppressed(f)) return REASON.fromSuppressed;
  return undefined;
}
