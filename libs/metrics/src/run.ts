/**
 * runMetric: request -> validated context -> parameterised SQL -> count cells per calendar
 * bin with their key sums -> cell-key noise (disclosure control v2) -> statistics from the
 * released counts -> small values hidden -> peer view for regio -> the self-describing
 * response. Every result passes through here (STYLE.md: one place).
 */
import { GROUP_COLUMN, GROUP_ORDER, num, numOrNull, REGION_COLUMN, strOrNull } from './columns';
import { perturb, PTABLE, peerView, REASON, type DisclosedRow } from './disclosure';
import { REGION_CODES } from '@weegwijzer/contract';
import { findMetric } from './registry';
import { resolveContext } from './scope';
import type { MetricColumn, MetricContext, MetricDefinition, MetricRequest, MetricResponse, MetricTable, QueryFn, Row, SuppressedCell } from './types';

export interface RunOptions {
  /**
   * Exact values without noise: only for the local store (`npm run metrics -- --exact`, a
   * data steward or a verification script, who can read the files anyway). The API never
   * sets it.
   */
  exact?: boolean;
}

/** The columns a response has for these parameters: group, region_code, then the definition's. */
export function activeColumns(def: MetricDefinition, params: Record<string, string>): MetricColumn[] {
  return [GROUP_COLUMN, REGION_COLUMN, ...def.columns.filter((c) => !c.when || params[c.when.param] === c.when.equals)];
}

export async function runMetric(name: string, request: MetricRequest, query: QueryFn, options: RunOptions = {}): Promise<MetricResponse> {
  const def = findMetric(name);
  const ctx = resolveContext(def, request);
  const statements = [def.sql(ctx), def.links?.sql(ctx), def.statsSql?.(ctx)];
  const [raw, linkRaw, statsRaw] = await Promise.all(statements.map((s) => (s ? query(s.text, s.params) : Promise.resolve(undefined))));
  return assembleResponse(def, ctx, raw ?? [], linkRaw, options, statsRaw);
}

const KEY_SUFFIX = '__k';

/** The raw rows with every count replaced by its key sum (`<alias>__k` of the SQL). */
function keyRows(raw: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return raw.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const f in r) if (f.endsWith(KEY_SUFFIX)) out[f.slice(0, -KEY_SUFFIX.length)] = r[f];
    return out;
  });
}

function byBin(raw: readonly Record<string, unknown>[]): Map<string, Record<string, unknown>[]> {
  const bins = new Map<string, Record<string, unknown>[]>();
  for (const r of raw) {
    const b = r.bin === undefined ? '' : String(r.bin);
    let list = bins.get(b);
    if (!list) bins.set(b, (list = []));
    list.push(r);
  }
  return bins;
}

function defaultRow(raw: Record<string, unknown>, columns: readonly MetricColumn[]): Row {
  const row: Row = {};
  for (const c of columns) {
    if (c.name === 'group' || !(c.name in raw)) continue;
    const v = raw[c.name];
    row[c.name] = c.kind === 'count' ? num(v) : c.kind === 'dimension' ? strOrNull(v) : c.kind === 'flag' ? (v === null || v === undefined ? null : Boolean(v)) : numOrNull(v);
  }
  return row;
}

/** A count cell over the bins: its true value and its released (perturbed) value. */
interface Tally {
  exact: number;
  released: number;
}

interface Combined {
  row: Row;
  tallies: Map<string, Tally>;
}

/**
 * Builds rows per bin twice — once from the counts, once from the key sums (the row
 * builders only add up counts of groups, so the same builder turns key sums into the cell
 * keys of the same cells) — and adds up each cell's released value over the bins.
 */
function combineBins(
  raw: readonly Record<string, unknown>[],
  build: (raw: Record<string, unknown>[]) => Row[],
  identity: (row: Row) => string,
  countColumns: readonly string[],
): Map<string, Combined> {
  const out = new Map<string, Combined>();
  for (const binRaw of byBin(raw).values()) {
    const exact = build(binRaw);
    const keys = new Map(build(keyRows(binRaw)).map((r) => [identity(r), r]));
    for (const row of exact) {
      const id = identity(row);
      let c = out.get(id);
      if (!c) out.set(id, (c = { row, tallies: new Map() }));
      const k = keys.get(id);
      for (const col of countColumns) {
        const n = row[col];
        if (typeof n !== 'number') continue;
        const keySum = k && typeof k[col] === 'number' ? (k[col] as number) : 0;
        const t = c.tallies.get(col);
        const released = perturb(n, keySum);
        if (t) {
          t.exact += n;
          t.released += released;
        } else c.tallies.set(col, { exact: n, released });
      }
    }
  }
  return out;
}

function identityOf(dims: readonly string[]): (row: Row) => string {
  return (row) => {
    let id = '';
    for (const d of dims) id += `${row[d] ?? '\u0000'}|`;
    return id;
  };
}

/** Turns query results into the disclosed response (pure; exported for tests and benchmarks). */
export function assembleResponse(
  def: MetricDefinition,
  ctx: MetricContext,
  raw: Record<string, unknown>[],
  linkRaw?: Record<string, unknown>[],
  options: RunOptions = {},
  statsRaw?: Record<string, unknown>[],
): MetricResponse {
  const columns = activeColumns(def, ctx.params);
  const dims = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group').map((c) => c.name);
  const counts = columns.filter((c) => c.kind === 'count' && !c.reference).map((c) => c.name);
  const identity = identityOf(dims);
  const build = (r: Record<string, unknown>[]) => {
    const rows = def.rows ? def.rows(r, ctx) : r.map((x) => defaultRow(x, columns));
    if (ctx.totals && def.totalRow === 'sum') rows.push(...sumTotals(rows, columns));
    return rows;
  };
  const exactRow = (row: Row) => options.exact === true || (ctx.ownRegion !== undefined && row.region_code === ctx.ownRegion);
  // exact mode removes the noise only: the k rules still hold (it reveals nothing they hide)
  const ownRow = (row: Row) => ctx.ownRegion !== undefined && row.region_code === ctx.ownRegion;

  const combined = combineBins(raw, build, identity, counts);
  let rows: Row[] = [];
  for (const { row, tallies } of combined.values()) {
    const exact = exactRow(row);
    const out: Row = { ...row };
    for (const [col, t] of tallies) out[col] = exact ? t.exact : t.released;
    rows.push(out);
  }
  rows = def.complete ? def.complete(rows, ctx, statsRaw) : everyRow(rows, columns, ctx, def);
  if (statsRaw) attachStats(rows, statsRaw, columns, identity);
  rows = rows.map((r) => completeRow(r, columns));
  def.derive?.(rows, ctx);

  // without noise (exact mode) a released base is the true one: no margin needed
  const margin = options.exact ? 0 : PTABLE.D;
  const disclosed = rows.map((r) => discloseRow(r, columns, ctx.k, ownRow(r), margin));

  let out: DisclosedRow[] = disclosed;
  const notes = [...(def.notes?.(ctx, rows) ?? [])];
  const scope = { ...ctx.scope };
  if (ctx.ownRegion) {
    const peers = peerView(disclosed, columns, ctx.ownRegion, def.peerRow);
    out = peers.rows;
    scope.peer_regions = peers.peerRegions;
    notes.push(...peers.notes);
  } else if (ctx.selectedRegions) {
    const selected = new Set(ctx.selectedRegions);
    out = out.filter((r) => r.values.region_code === null || selected.has(r.values.region_code as string));
  }

  const response: MetricResponse = {
    metric: def.name,
    k: ctx.k,
    scope,
    params: ctx.params,
    protection: options.exact ? 'exact' : ctx.ownRegion ? 'exact_own_region' : 'cell_key',
    additivity: options.exact ? 'exact' : 'approximate',
    ptable: PTABLE.version,
    ...toTable(columns, sortRows(out, columns)),
    notes,
    ...(def.extra?.(ctx) ?? {}),
  };
  if (def.links && linkRaw) {
    const linkCols = def.links.columns;
    const linkCounts = linkCols.filter((c) => c.kind === 'count').map((c) => c.name);
    const linkId = identityOf(linkCols.filter((c) => c.kind === 'dimension').map((c) => c.name));
    const exactLinks = options.exact === true || ctx.ownRegion !== undefined;
    const linkRows: DisclosedRow[] = [];
    for (const { row, tallies } of combineBins(linkRaw, (r) => (def.links as NonNullable<MetricDefinition['links']>).build(r, ctx), linkId, linkCounts).values()) {
      const values: Row = { ...row };
      for (const [col, t] of tallies) values[col] = exactLinks ? t.exact : t.released;
      linkRows.push(discloseRow(values, linkCols, ctx.k, exactLinks));
    }
    linkRows.sort((a, b) => (linkId(a.values) < linkId(b.values) ? -1 : 1));
    response.links = toTable([...linkCols], linkRows);
  }
  return response;
}

/** Percentiles and other non-additive statistics of the whole period (statsSql), by row identity. */
function attachStats(rows: Row[], statsRaw: readonly Record<string, unknown>[], columns: readonly MetricColumn[], identity: (row: Row) => string): void {
  const statCols = columns.filter((c) => c.kind !== 'dimension' && c.kind !== 'count');
  const dimCols = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group');
  const byId = new Map<string, Record<string, unknown>>();
  for (const s of statsRaw) {
    const key: Row = {};
    for (const d of dimCols) key[d.name] = strOrNull(s[d.name]);
    byId.set(identity(key), s);
  }
  for (const r of rows) {
    const s = byId.get(identity(r));
    for (const c of statCols) if (s && c.name in s) r[c.name] = numOrNull(s[c.name]);
  }
}

/**
 * Rules 5 and 7 on one row: a count from 1 to k−1 is null ("count below k"); a statistic is
 * null when a count it uses is null or below k. A percentile needs a released base of at
 * least k + D (the ptable's largest noise), so that it certainly rests on k units while its
 * being shown depends on released values only. Exact rows (own region for regio) are
 * released as they are.
 */
function discloseRow(values: Row, columns: readonly MetricColumn[], k: number, exact: boolean, margin = PTABLE.D): DisclosedRow {
  const reasons: Record<string, string> = {};
  if (exact) return { values, reasons };
  const below = (v: unknown) => typeof v === 'number' && v > 0 && v < k;
  for (const c of columns) {
    if (c.kind !== 'count' || c.reference) continue;
    if (below(values[c.name])) {
      values[c.name] = null;
      reasons[c.name] = REASON.countBelowK;
    }
  }
  for (const c of columns) {
    if (c.kind === 'count' || c.kind === 'dimension' || values[c.name] === null || values[c.name] === undefined) continue;
    const from = c.from ?? [];
    if (from.some((f) => reasons[f])) {
      values[c.name] = null;
      reasons[c.name] = REASON.fromSuppressed;
    } else if (c.base && (reasons[c.base] || (values[c.base] as number) < (c.kind === 'days' ? k + margin : k))) {
      values[c.name] = null;
      reasons[c.name] = c.kind === 'days' ? REASON.fewerThanKUnits : REASON.denominatorBelowK;
    }
  }
  return { values, reasons };
}

/**
 * Every region (and the national row) × every combination of the code-list dimensions, 0
 * where nothing was counted: whether a row exists then says nothing about the data (a row of
 * zeros would otherwise tell "at least one signal"). Metrics with other dimensions (periods,
 * municipalities) fill their rows in `complete`.
 */
function everyRow(rows: Row[], columns: readonly MetricColumn[], ctx: MetricContext, def: MetricDefinition): Row[] {
  const dims = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group' && c.name !== 'region_code');
  if (dims.some((d) => !d.order)) return rows;
  const have = new Set(rows.map((r) => identityOf(['region_code', ...dims.map((d) => d.name)])(r)));
  let combos: Row[] = [{}];
  for (const d of dims) combos = combos.flatMap((c) => (d.order as readonly string[]).map((v) => ({ ...c, [d.name]: v })));
  if (def.validRow) combos = combos.filter((c) => (def.validRow as (row: Row) => boolean)(c));
  const regions: (string | null)[] = [...REGION_CODES, ...(ctx.totals ? [null] : [])];
  const counts = columns.filter((c) => c.kind === 'count' && !c.reference).map((c) => c.name);
  const out = [...rows];
  for (const region_code of regions) {
    for (const combo of combos) {
      const row: Row = { region_code, ...combo };
      if (have.has(identityOf(['region_code', ...dims.map((d) => d.name)])(row))) continue;
      for (const c of counts) row[c] = 0;
      out.push(row);
    }
  }
  return out;
}

/** National total rows: per combination of the other dimensions, the sum of each count over the regions. */
function sumTotals(rows: readonly Row[], columns: readonly MetricColumn[]): Row[] {
  const dims = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group' && c.name !== 'region_code').map((c) => c.name);
  const counts = columns.filter((c) => c.kind === 'count').map((c) => c.name);
  const totals = new Map<string, Row>();
  for (const r of rows) {
    let id = '';
    for (const d of dims) id += `${r[d] ?? ''}|`;
    let t = totals.get(id);
    if (!t) {
      t = { region_code: null };
      for (const d of dims) t[d] = r[d] ?? null;
      for (const c of counts) t[c] = 0;
      totals.set(id, t);
    }
    for (const c of counts) t[c] = (t[c] as number) + ((r[c] as number | null) ?? 0);
  }
  return [...totals.values()];
}

/** A row in column order with every column (null where absent), the group, and generic ratios of released counts. */
function completeRow(r: Row, columns: readonly MetricColumn[]): Row {
  const row: Row = {};
  for (const c of columns) {
    const v = r[c.name];
    if (c.ratioOf) {
      const den = row[c.ratioOf[1]] ?? r[c.ratioOf[1]];
      const numerator = row[c.ratioOf[0]] ?? r[c.ratioOf[0]];
      const v = typeof den === 'number' && den > 0 && typeof numerator === 'number' ? (numerator / den) * (c.scale ?? 1) : null;
      // two released counts of one unit can cross by their noise (7 of 5): a share stays in 0..1
      row[c.name] = v !== null && c.kind === 'share' ? Math.min(1, Math.max(0, v)) : v;
    } else if (v !== undefined) row[c.name] = v;
    else if (c.name === 'group') row.group = r.region_code === null || r.region_code === undefined ? 'total' : 'region';
    else row[c.name] = null;
  }
  return row;
}

function sortRows(rows: DisclosedRow[], columns: readonly MetricColumn[]): DisclosedRow[] {
  const dims = columns.filter((c) => c.kind === 'dimension');
  const ranks = dims.map((d) => {
    const order = d.order ?? (d.name === 'group' ? GROUP_ORDER : undefined);
    return order ? new Map(order.map((v, i) => [v, i])) : undefined;
  });
  const keyed = rows.map((r) => ({
    r,
    key: dims.map((d, i) => {
      const v = r.values[d.name];
      if (v === null || v === undefined) return -Infinity;
      const rank = ranks[i]?.get(String(v));
      return rank !== undefined ? rank : typeof v === 'number' ? v : String(v);
    }),
  }));
  keyed.sort((x, y) => {
    for (let i = 0; i < x.key.length; i++) {
      const a = x.key[i];
      const b = y.key[i];
      if (a === b) continue;
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (a === -Infinity) return -1;
      if (b === -Infinity) return 1;
      return String(a) < String(b) ? -1 : 1;
    }
    return 0;
  });
  return keyed.map((k) => k.r);
}

function toTable(columns: readonly MetricColumn[], rows: DisclosedRow[]): MetricTable {
  const suppressed: SuppressedCell[] = [];
  const out: Row[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (const c of columns) if (r.reasons[c.name]) suppressed.push({ row: i, column: c.name, reason: r.reasons[c.name] });
    const values: Row = {};
    for (const c of columns) values[c.name] = r.values[c.name] ?? null;
    out[i] = values;
  }
  return { columns: columns.map((c) => ({ name: c.name, kind: c.kind, label: c.label })), rows: out, suppressed };
}
