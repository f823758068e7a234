/**
 * The dense route for count metrics whose cells are region × a few axes with known values
 * (trend: period × category; a metric whose rows are its query's rows, by code lists:
 * `defaultDense`, as criteria_usage): the cells live in typed arrays indexed by position, so counting,
 * releasing (cell-key noise per bin), adding national totals and zero-filling take one pass
 * over the raw rows and one over the cells, with one object per output row and none per
 * intermediate cell — instead of the generic route's rows built twice (counts and key sums),
 * cell maps, zero-filling and sorting. It must give exactly what the generic route gives
 * (`rows` → per-bin release → `complete` or the default fill → completed rows, in sorted
 * order); cube.spec.ts runs both on random data and compares them byte for byte.
 */
import { objectLiteralFactory, REGION_CODES } from '@weegwijzer/contract';
import { num, ratioValue } from './columns';
import { perturb } from './disclosure';
import type { GroupCondition } from './pivot';
import type { CellValue, MetricColumn, MetricContext, Row } from './types';

export interface DenseAxis {
  /** The dimension column this axis fills. */
  name: string;
  /** Every value of the axis (zero-filled where nothing was counted), in any order: `denseCounts` orders them as the response sorts that dimension. */
  values: readonly string[];
  /** A raw row's value on this axis; undefined when it has none on the axis (then the generic route runs). */
  valueOf(raw: Record<string, unknown>): string | undefined;
}

/**
 * The row lists `denseCounts` returned: complete already (every column in column order, ratios
 * computed, as completeRow makes them), so the caller skips completion.
 */
const COMPLETE_ROWS = new WeakSet<readonly Row[]>();

/** True when `rows` is a list `denseCounts` returned (complete rows, see COMPLETE_ROWS). */
export function isCompleteRows(rows: readonly Row[]): boolean {
  return COMPLETE_ROWS.has(rows);
}

/**
 * Releases one calendar bin's cells and adds them up over the bins: `sums` holds a
 * [count, key sum] pair per cell (at least `exact.length` of them, from the start); each
 * cell's count is added to `exact` and its released count (cell-key noise on the pair) to
 * `released`, at the same position. A cell the bin did not count adds 0 (perturb(0, 0) = 0).
 */
export function addReleasedBin(sums: Float64Array, exact: Float64Array, released: Float64Array): void {
  for (let i = 0; i < exact.length; i++) {
    const n = sums[2 * i];
    exact[i] += n;
    released[i] += perturb(n, sums[2 * i + 1]);
  }
}

/** Makes a row of the given fields from their values by position (an object literal where the names allow). */
type RowFactory = (values: readonly CellValue[]) => Row;

const ROW_FACTORIES = new Map<string, RowFactory>();

function rowFactory(names: readonly string[]): RowFactory {
  const key = JSON.stringify(names);
  let make = ROW_FACTORIES.get(key);
  if (make) return make;
  make =
    objectLiteralFactory<RowFactory>(names, ['values'], (i) => `values[${i}]`) ??
    ((values) => {
      const row: Row = {};
      for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
      return row;
    });
  // (the keys are column lists of metric definitions: a bounded set)
  ROW_FACTORIES.set(key, make);
  return make;
}

/**
 * The count columns (by index) whose condition a group meets, remembered per combination of
 * its attribute values — its fields other than the region, the bin, the axes and the count
 * (GroupCondition reads only those) — in a tree of maps by value: a few thousand groups have a
 * few dozen combinations, and a call per condition and group was most of the dense route.
 */
function metConditions(
  raw: readonly Record<string, unknown>[],
  axes: readonly DenseAxis[],
  groups: { count: string; conditions: readonly GroupCondition[] },
): (g: Record<string, unknown>) => readonly number[] {
  const other = new Set(['region_code', 'bin', groups.count, `${groups.count}__k`, ...axes.map((a) => a.name)]);
  const fields = raw.length > 0 ? Object.keys(raw[0]).filter((f) => !other.has(f)) : [];
  const evaluate = (g: Record<string, unknown>) => groups.conditions.flatMap((c, j) => (c(g) ? [j] : []));
  if (fields.length === 0) {
    let all: readonly number[] | undefined;
    return (g) => (all ??= evaluate(g));
  }
  const last = fields.length - 1;
  const root = new Map<unknown, unknown>();
  return (g) => {
    let node = root;
    for (let i = 0; i < last; i++) {
      const v = g[fields[i]];
      let next = node.get(v) as Map<unknown, unknown> | undefined;
      if (!next) node.set(v, (next = new Map()));
      node = next;
    }
    const v = g[fields[last]];
    let out = node.get(v) as readonly number[] | undefined;
    if (!out) node.set(v, (out = evaluate(g)));
    return out;
  };
}

/** A region code's position in REGION_CODES (the order of the response's region rows). */
export const REGION_INDEX = new Map<string, number>(REGION_CODES.map((r, i) => [r, i]));

/** An axis's values in the order the response sorts its dimension: the column's code order, else as text. */
function sortedValues(axis: DenseAxis, column: MetricColumn | undefined): string[] {
  const order = column?.order;
  if (!order) return [...axis.values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(order.map((v, i) => [v, i]));
  // a value outside the code order sorts as text after the ranked ones: not dense
  if (axis.values.some((v) => !rank.has(v))) throw new Error(`axis ${axis.name}: a value outside its column's code order`);
  return [...axis.values].sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
}

/**
 * The completed rows (group, region_code, the axes, the count) of every region present in
 * the raw rows and, with `ctx.totals`, the national rows, over every combination of axis
 * values, sorted as the response is; each cell's count is the sum over the bins of its
 * released value (cell-key noise on the bin's count and key sum), or of its true value where
 * `exactRegion` says so. Undefined when a raw row falls outside the axes or the known
 * regions: the caller then takes the generic route.
 */
export function denseCounts(
  raw: readonly Record<string, unknown>[],
  ctx: MetricContext,
  columns: readonly MetricColumn[],
  axes: readonly DenseAxis[],
  counts: readonly string[],
  exactRegion: (region: string | null) => boolean,
  /** Rows for every known region (and the nation with `ctx.totals`) even without data, as `everyRow`; default: the regions in the raw rows only. */
  everyRegion = false,
  /**
   * Raw rows that are groups (`sumGroups`): each adds its count `n` (and key sum) to every
   * count column whose condition it meets. Several groups make one cell of a bin, so a cell's
   * bin is released after its groups are added up.
   */
  groups?: { count: string; conditions: readonly GroupCondition[] },
): Row[] | undefined {
  if (raw.length === 0 && !everyRegion) return [];
  const nc = counts.length;
  const keyFields = counts.map((c) => `${c}__k`);
  const labels = axes.map((a) =>
    sortedValues(
      a,
      columns.find((c) => c.name === a.name),
    ),
  );
  const positions = labels.map((l) => new Map(l.map((v, i) => [v, i])));
  const strides: number[] = new Array(axes.length);
  let cells = 1;
  for (let a = axes.length - 1; a >= 0; a--) {
    strides[a] = cells;
    cells *= labels[a].length;
  }
  const R = REGION_CODES.length;
  // per region, cell and count column: its true and its released sum over the bins
  const exact = new Float64Array(R * cells * nc);
  const released = new Float64Array(R * cells * nc);
  const present = new Uint8Array(R);
  // national cells per bin: (cell, count column) -> [count sum, key sum]
  const totals = ctx.totals ? new Map<unknown, Float64Array>() : undefined;
  // groups: per bin, per region (the nation last) × cell × count column, [count sum, key sum]
  const binned = groups ? new Map<unknown, Float64Array>() : undefined;
  const groupKey = groups ? `${groups.count}__k` : '';
  const met = groups && metConditions(raw, axes, groups);
  // the last value seen of the region, of each axis and of the bin with its position: rows of
  // one region or bin tend to come together, and a Map lookup per value was most of this loop
  let lastCode: unknown = NaN;
  let region: number | undefined;
  const lastValue: (string | undefined)[] = axes.map(() => undefined);
  const lastPosition: (number | undefined)[] = axes.map(() => undefined);
  let lastBin: unknown = NaN;
  let t: Float64Array | undefined;
  for (const r of raw) {
    if (r.region_code !== lastCode) {
      lastCode = r.region_code;
      region = REGION_INDEX.get(String(lastCode));
    }
    if (region === undefined) return undefined;
    let cell = 0;
    for (let a = 0; a < axes.length; a++) {
      const v = axes[a].valueOf(r);
      if (v !== lastValue[a] || v === undefined) {
        lastValue[a] = v;
        lastPosition[a] = v === undefined ? undefined : positions[a].get(v);
      }
      const p = lastPosition[a];
      if (p === undefined) return undefined;
      cell += p * strides[a];
    }
    present[region] = 1;
    const bin = r.bin ?? '';
    if (binned && groups && met) {
      if (bin !== lastBin) {
        lastBin = bin;
        t = binned.get(bin);
        if (!t) binned.set(bin, (t = new Float64Array(2 * (R + 1) * cells * nc)));
      }
      const b = t as Float64Array;
      const n = num(r[groups.count]);
      const ks = num(r[groupKey]);
      const at = 2 * (region * cells + cell) * nc;
      const nation = 2 * (R * cells + cell) * nc;
      for (const j of met(r)) {
        b[at + 2 * j] += n;
        b[at + 2 * j + 1] += ks;
        b[nation + 2 * j] += n;
        b[nation + 2 * j + 1] += ks;
      }
      continue;
    }
    const base = (region * cells + cell) * nc;
    if (totals && bin !== lastBin) {
      lastBin = bin;
      t = totals.get(bin);
      if (!t) totals.set(bin, (t = new Float64Array(2 * cells * nc)));
    }
    for (let j = 0; j < nc; j++) {
      const n = num(r[counts[j]]);
      const ks = num(r[keyFields[j]]);
      exact[base + j] += n;
      released[base + j] += perturb(n, ks);
      if (t) {
        t[2 * (cell * nc + j)] += n;
        t[2 * (cell * nc + j) + 1] += ks;
      }
    }
  }
  if (binned) {
    // each bin's region cells released on their sums; the nation's sums go on as totals
    const size = R * cells * nc;
    for (const [bin, b] of binned) {
      addReleasedBin(b, exact, released);
      if (totals) totals.set(bin, b.subarray(2 * size));
    }
  }
  const out: Row[] = [];
  COMPLETE_ROWS.add(out);
  // every row complete as completeRow makes it: each column in column order (null where the
  // route has no value), the ratio columns from the released counts; a field the columns lack
  // comes after them, as an assignment to a row of the column template would put it
  const names = columns.map((c) => c.name);
  const slot = (name: string) => {
    const at = names.indexOf(name);
    return at >= 0 ? at : names.push(name) - 1;
  };
  const groupAt = slot('group');
  const regionAt = slot('region_code');
  const axisAt = axes.map((a) => slot(a.name));
  const countAt = counts.map(slot);
  const ratios = columns.filter((c) => c.ratioOf).map((c) => ({ column: c, at: slot(c.name), of: (c.ratioOf as readonly [string, string]).map(slot) as [number, number] }));
  const make = rowFactory(names);
  const values: CellValue[] = names.map(() => null);
  const emit = (group: string, region: string | null, cellValues: Float64Array, offset: number) => {
    values[groupAt] = group;
    values[regionAt] = region;
    for (let cell = 0; cell < cells; cell++) {
      for (let a = 0; a < axes.length; a++) values[axisAt[a]] = labels[a][Math.floor(cell / strides[a]) % labels[a].length];
      for (let j = 0; j < nc; j++) values[countAt[j]] = cellValues[offset + cell * nc + j];
      for (const r of ratios) values[r.at] = ratioValue(r.column, values[r.of[0]], values[r.of[1]]);
      out.push(make(values));
    }
  };
  for (let region = 0; region < R; region++) {
    if (!present[region] && !everyRegion) continue;
    const code = REGION_CODES[region];
    emit('region', code, exactRegion(code) ? exact : released, region * cells * nc);
  }
  if (totals) {
    const tExact = new Float64Array(cells * nc);
    const tReleased = new Float64Array(cells * nc);
    for (const t of totals.values()) addReleasedBin(t, tExact, tReleased);
    emit('total', null, exactRegion(null) ? tExact : tReleased, 0);
  }
  return out;
}

/**
 * A metric's code-list dimensions as axes (a raw row's value is its text in the dimension's
 * field) and its count columns in column order; undefined when a dimension has no code list.
 */
function codeShape(columns: readonly MetricColumn[]): { axes: DenseAxis[]; counts: string[] } | undefined {
  const dims = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group' && c.name !== 'region_code');
  if (dims.some((d) => !d.order)) return undefined;
  const axes = dims.map((d): DenseAxis => ({
    name: d.name,
    values: d.order as readonly string[],
    valueOf: (r) => {
      const v = r[d.name];
      return typeof v === 'string' ? v : undefined;
    },
  }));
  return { axes, counts: columns.filter((c) => c.kind === 'count' && !c.reference).map((c) => c.name) };
}

/**
 * The dense route of a metric whose rows are its query's rows as they are (no `rows`,
 * `complete`, `validRow` or statistics): every dimension a code list, every raw field a
 * dimension, a count or a count's key sum. The rows are every region × every combination of
 * codes, as the default fill (`everyRow`) gives them; undefined when the metric does not fit.
 */
export function defaultDense(
  raw: readonly Record<string, unknown>[],
  ctx: MetricContext,
  columns: readonly MetricColumn[],
  exactRegion: (region: string | null) => boolean,
): Row[] | undefined {
  const shape = codeShape(columns);
  if (!shape || shape.counts.length === 0) return undefined;
  const { axes, counts } = shape;
  if (raw.length > 0) {
    const known = new Set(['region_code', 'bin', ...axes.map((a) => a.name), ...counts, ...counts.map((c) => `${c}__k`)]);
    const fields = Object.keys(raw[0]);
    if (fields.some((f) => !known.has(f)) || counts.some((c) => !fields.includes(c) || !fields.includes(`${c}__k`))) return undefined;
  }
  return denseCounts(raw, ctx, columns, axes, counts, exactRegion, true);
}

/**
 * The dense route of a metric whose rows are `sumGroups` of its query's groups (each count
 * column the sum of `n` over the groups meeting its condition) with the default fill: every
 * dimension a code list, the conditions exactly the count columns. Undefined when the metric
 * does not fit.
 */
export function denseGroups(
  raw: readonly Record<string, unknown>[],
  ctx: MetricContext,
  columns: readonly MetricColumn[],
  exactRegion: (region: string | null) => boolean,
  conditions: Readonly<Record<string, GroupCondition>>,
): Row[] | undefined {
  const shape = codeShape(columns);
  const names = Object.keys(conditions);
  if (!shape || names.length !== shape.counts.length || names.some((n) => !shape.counts.includes(n))) return undefined;
  if (raw.length > 0 && !('n' in raw[0] && 'n__k' in raw[0])) return undefined;
  // the count columns in column order, each with its condition
  const { axes, counts } = shape;
  return denseCounts(raw, ctx, columns, axes, counts, exactRegion, true, { count: 'n', conditions: counts.map((c) => conditions[c]) });
}
