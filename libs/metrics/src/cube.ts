/**
 * The dense route for count metrics whose cells are region × a few axes with known values
 * (trend: period × category): the cells live in typed arrays indexed by position, so counting,
 * releasing (cell-key noise per bin), adding national totals and zero-filling take one pass
 * over the raw rows and one over the cells, with one object per output row and none per
 * intermediate cell — instead of the generic route's rows built twice (counts and key sums),
 * cell maps, zero-filling and sorting. It must give exactly what the generic route gives
 * (`rows` → per-bin release → `complete` → completed rows, in sorted order); the metric's
 * spec runs both on random data and compares them.
 */
import { REGION_CODES } from '@weegwijzer/contract';
import { num } from './columns';
import { perturb } from './disclosure';
import type { MetricColumn, MetricContext, Row } from './types';

export interface DenseAxis {
  /** The dimension column this axis fills. */
  name: string;
  /** Every value of the axis (zero-filled where nothing was counted), in any order: `denseCounts` orders them as the response sorts that dimension. */
  values: readonly string[];
  /** A raw row's value on this axis; undefined when it has none on the axis (then the generic route runs). */
  valueOf(raw: Record<string, unknown>): string | undefined;
}

const REGION_INDEX = new Map<string, number>(REGION_CODES.map((r, i) => [r, i]));

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
  count: string,
  exactRegion: (region: string | null) => boolean,
): Row[] | undefined {
  if (raw.length === 0) return [];
  const keyField = `${count}__k`;
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
  const exact = new Float64Array(R * cells);
  const released = new Float64Array(R * cells);
  const present = new Uint8Array(R);
  // national cells per bin: (bin, cell) -> [count sum, key sum]
  const totals = ctx.totals ? new Map<unknown, Float64Array>() : undefined;
  for (const r of raw) {
    const region = REGION_INDEX.get(String(r.region_code));
    if (region === undefined) return undefined;
    let cell = 0;
    for (let a = 0; a < axes.length; a++) {
      const v = axes[a].valueOf(r);
      const p = v === undefined ? undefined : positions[a].get(v);
      if (p === undefined) return undefined;
      cell += p * strides[a];
    }
    present[region] = 1;
    const n = num(r[count]);
    const ks = num(r[keyField]);
    const i = region * cells + cell;
    exact[i] += n;
    released[i] += perturb(n, ks);
    if (totals) {
      const bin = r.bin ?? '';
      let t = totals.get(bin);
      if (!t) totals.set(bin, (t = new Float64Array(2 * cells)));
      t[2 * cell] += n;
      t[2 * cell + 1] += ks;
    }
  }
  const out: Row[] = [];
  const emit = (group: string, region: string | null, values: Float64Array, offset: number, asExact: boolean, exactValues: Float64Array) => {
    for (let cell = 0; cell < cells; cell++) {
      const row: Row = { group, region_code: region };
      for (let a = 0; a < axes.length; a++) row[axes[a].name] = labels[a][Math.floor(cell / strides[a]) % labels[a].length];
      row[count] = asExact ? exactValues[offset + cell] : values[offset + cell];
      out.push(row);
    }
  };
  for (let region = 0; region < R; region++) {
    if (!present[region]) continue;
    const code = REGION_CODES[region];
    emit('region', code, released, region * cells, exactRegion(code), exact);
  }
  if (totals) {
    const tExact = new Float64Array(cells);
    const tReleased = new Float64Array(cells);
    for (const t of totals.values()) {
      for (let cell = 0; cell < cells; cell++) {
        const n = t[2 * cell];
        tExact[cell] += n;
        tReleased[cell] += perturb(n, t[2 * cell + 1]);
      }
    }
    emit('total', null, tReleased, 0, exactRegion(null), tExact);
  }
  return out;
}
