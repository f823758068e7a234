/**
 * runMetric: request -> validated context -> parameterised SQL -> count cells per calendar
 * bin with their key sums -> cell-key noise (disclosure control v2) -> statistics from the
 * released counts -> small values hidden -> peer view for regio -> the self-describing
 * response. Every result passes through here (STYLE.md: one place).
 */
import { GROUP_COLUMN, GROUP_ORDER, num, numOrNull, ratioValue, REGION_COLUMN, rowTemplate, strOrNull } from './columns';
import { CellMap } from './cells';
import { defaultDense, isCompleteRows } from './cube';
import { perturb, PTABLE, peerView, REASON, type DisclosedRow } from './disclosure';
import { objectLiteralFactory, REGION_CODES } from '@weegwijzer/contract';
import { findMetric } from './registry';
import { resolveContext } from './scope';
import type { MetricColumn, MetricContext, MetricDefinition, MetricRequest, MetricResponse, MetricTable, QueryFn, Row, SqlStatement, SuppressedCell } from './types';

export interface RunOptions {
  /**
   * Exact values without noise: only for the local store (`npm run metrics -- --exact`, a
   * data steward or a verification script, who can read the files anyway). The API never
   * sets it.
   */
  exact?: boolean;
}

/** The columns a response has for these parameters: group, region_code, then the definition's. */
export function activeColumns(def: MetricDefinition, params: Record<string, string>): readonly MetricColumn[] {
  // one list per metric and choice of `when` columns, so what is worked out per column list
  // (the row completer) is found again by identity
  const active = def.columns.map((c) => !c.when || params[c.when.param] === c.when.equals);
  let lists = ACTIVE_COLUMNS.get(def);
  if (!lists) ACTIVE_COLUMNS.set(def, (lists = new Map()));
  const key = active.map(Number).join('');
  let list = lists.get(key);
  if (!list) lists.set(key, (list = Object.freeze([GROUP_COLUMN, REGION_COLUMN, ...def.columns.filter((_, i) => active[i])])));
  return list;
}

const ACTIVE_COLUMNS = new WeakMap<MetricDefinition, Map<string, readonly MetricColumn[]>>();

export async function runMetric(name: string, request: MetricRequest, query: QueryFn, options: RunOptions = {}): Promise<MetricResponse> {
  const def = findMetric(name);
  const ctx = resolveContext(def, request);
  const run = (s: SqlStatement | undefined) => (s ? query(s.text, s.params) : Promise.resolve(undefined));
  if (def.statsFirst && def.statsSql) {
    const statsRaw = await run(def.statsSql(ctx));
    const [raw, linkRaw] = await Promise.all([run(def.sql(ctx, statsRaw)), run(def.links?.sql(ctx))]);
    return assembleResponse(def, ctx, raw ?? [], linkRaw, options, statsRaw);
  }
  const [raw, linkRaw, statsRaw] = await Promise.all([def.sql(ctx), def.links?.sql(ctx), def.statsSql?.(ctx)].map(run));
  return assembleResponse(def, ctx, raw ?? [], linkRaw, options, statsRaw);
}

const KEY_SUFFIX = '__k';

/** The count fields of the raw rows that have a key sum (`x` of `x__k`), from the first row (all rows have the same fields). */
function keyedFields(raw: readonly Record<string, unknown>[]): string[] {
  const out: string[] = [];
  if (raw.length > 0) for (const f in raw[0]) if (f.endsWith(KEY_SUFFIX)) out.push(f.slice(0, -KEY_SUFFIX.length));
  return out;
}

/** Swaps every count with its key sum in place (twice restores the rows): the row builders then add up key sums. */
function swapKeys(raw: readonly Record<string, unknown>[], fields: readonly string[], keyFields: readonly string[]): void {
  for (const r of raw) {
    for (let i = 0; i < fields.length; i++) {
      const v = r[fields[i]];
      r[fields[i]] = r[keyFields[i]];
      r[keyFields[i]] = v;
    }
  }
}

function byBin(raw: readonly Record<string, unknown>[]): Record<string, unknown>[][] {
  const bins = new Map<unknown, Record<string, unknown>[]>();
  for (const r of raw) {
    const b = r.bin ?? '';
    let list = bins.get(b);
    if (!list) bins.set(b, (list = []));
    list.push(r);
  }
  return [...bins.values()];
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

/**
 * A cell row over the bins: per count column (by index) its true value and its released
 * (perturbed) value, NaN while no bin had a number there.
 */
interface Combined {
  row: Row;
  exact: number[];
  released: number[];
}

/** True when two rows of one bin have the same dimension values (the same cell). */
function sameCell(a: Row, b: Row, dims: readonly string[]): boolean {
  for (const d of dims) if (a[d] !== b[d] && String(a[d] ?? '\u0000') !== String(b[d] ?? '\u0000')) return false;
  return true;
}

/**
 * Builds rows per bin twice — once from the counts, once from the key sums (the row
 * builders only add up counts of groups, so the same builder turns key sums into the cell
 * keys of the same cells) — and adds up each cell's released value over the bins. The
 * builders see the same raw rows in the same order both times, so the key row of a cell is
 * normally at the same position; a map by identity is the fallback.
 */
function combineBins(
  raw: readonly Record<string, unknown>[],
  build: (raw: Record<string, unknown>[]) => Row[],
  dims: readonly string[],
  countColumns: readonly string[],
): CellMap<Combined> {
  const out = new CellMap<Combined>(dims);
  const fields = keyedFields(raw);
  const keyFields = fields.map((f) => f + KEY_SUFFIX);
  const nCounts = countColumns.length;
  for (const binRaw of byBin(raw)) {
    const exact = build(binRaw);
    swapKeys(binRaw, fields, keyFields);
    let keys: Row[];
    try {
      keys = build(binRaw);
    } finally {
      swapKeys(binRaw, fields, keyFields);
    }
    let byCell: CellMap<Row> | undefined;
    for (let i = 0; i < exact.length; i++) {
      const row = exact[i];
      let k: Row | undefined = keys[i];
      if (k === undefined || !sameCell(row, k, dims)) {
        if (!byCell) {
          byCell = new CellMap<Row>(dims);
          for (const r of keys) byCell.set(r, r);
        }
        k = byCell.get(row);
      }
      const c = out.getOrSet(row, () => ({ row, exact: new Array<number>(nCounts).fill(NaN), released: new Array<number>(nCounts).fill(NaN) }));
      for (let j = 0; j < nCounts; j++) {
        const col = countColumns[j];
        const n = row[col];
        if (typeof n !== 'number') continue;
        const ks = k === undefined ? 0 : k[col];
        const released = perturb(n, typeof ks === 'number' ? ks : 0);
        if (Number.isNaN(c.exact[j])) {
          c.exact[j] = n;
          c.released[j] = released;
        } else {
          c.exact[j] += n;
          c.released[j] += released;
        }
      }
    }
  }
  return out;
}

/** A cell's row with its counts over the bins: true values (`exact`) or released ones (written into the cell's own row: each cell is tallied once). */
function tallied(c: Combined, countColumns: readonly string[], exact: boolean): Row {
  const out = c.row;
  const values = exact ? c.exact : c.released;
  for (let j = 0; j < countColumns.length; j++) if (!Number.isNaN(values[j])) out[countColumns[j]] = values[j];
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
  if (statsRaw && def.statsRows) statsRaw = def.statsRows(statsRaw, ctx);
  const dims = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group').map((c) => c.name);
  const counts = columns.filter((c) => c.kind === 'count' && !c.reference).map((c) => c.name);
  const build = (r: Record<string, unknown>[]) => {
    const rows = def.rows ? def.rows(r, ctx) : r.map((x) => defaultRow(x, columns));
    if (ctx.totals && def.totalRow === 'sum') rows.push(...sumTotals(rows, columns));
    return rows;
  };
  const exactRow = (row: Row) => options.exact === true || (ctx.ownRegion !== undefined && row.region_code === ctx.ownRegion);
  // exact mode removes the noise only: the k rules still hold (it reveals nothing they hide)
  const ownRow = (row: Row) => ctx.ownRegion !== undefined && row.region_code === ctx.ownRegion;

  // the dense route's rows are zero-filled and already in the response's order
  const dense = def.dense === false ? undefined : (def.dense ?? (statsRaw || def.rows || def.complete || def.validRow ? undefined : defaultDense));
  let rows = dense?.(raw, ctx, columns, (region) => exactRow({ region_code: region }), statsRaw);
  const sorted = rows !== undefined;
  if (rows !== undefined) {
    // denseCounts' rows are complete already (every column in column order, ratios computed)
    if (rows.length > 0 && !isCompleteRows(rows)) rows = rows.map(rowCompleter(columns));
  } else {
    rows = [];
    for (const c of combineBins(raw, build, dims, counts).values()) rows.push(tallied(c, counts, exactRow(c.row)));
    rows = def.complete ? def.complete(rows, ctx, statsRaw) : everyRow(rows, columns, ctx, def);
    if (statsRaw) attachStats(rows, statsRaw, columns, dims);
    rows = rows.map(rowCompleter(columns));
  }
  def.derive?.(rows, ctx);

  // without noise (exact mode) a released base is the true one: no margin needed
  const margin = options.exact ? 0 : PTABLE.D;
  const disclose = discloser(columns, ctx.k, margin);
  const disclosed = rows.map((r) => disclose(r, ownRow(r)));

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
    // without the peer view the rows are completeRow's: every column, in order
    ...toTable(columns, sorted && !ctx.ownRegion ? out : sortRows(out, columns), !ctx.ownRegion, def.derive !== undefined),
    notes,
    ...(def.extra?.(ctx) ?? {}),
  };
  if (def.links && linkRaw) {
    const linkCols = def.links.columns;
    const linkCounts = linkCols.filter((c) => c.kind === 'count').map((c) => c.name);
    const linkDims = linkCols.filter((c) => c.kind === 'dimension').map((c) => c.name);
    const linkId = identityOf(linkDims);
    const exactLinks = options.exact === true || ctx.ownRegion !== undefined;
    const linkRows: DisclosedRow[] = [];
    const discloseLink = discloser(linkCols, ctx.k);
    for (const c of combineBins(linkRaw, (r) => (def.links as NonNullable<MetricDefinition['links']>).build(r, ctx), linkDims, linkCounts).values()) {
      linkRows.push(discloseLink(tallied(c, linkCounts, exactLinks), exactLinks));
    }
    linkRows.sort((a, b) => (linkId(a.values) < linkId(b.values) ? -1 : 1));
    response.links = toTable([...linkCols], linkRows);
  }
  return response;
}

/** Percentiles and other non-additive statistics of the whole period (statsSql), by row identity. */
function attachStats(rows: Row[], statsRaw: readonly Record<string, unknown>[], columns: readonly MetricColumn[], dims: readonly string[]): void {
  const statCols = columns.filter((c) => c.kind !== 'dimension' && c.kind !== 'count');
  const byId = new CellMap<Record<string, unknown>>(dims);
  for (const s of statsRaw) {
    const key: Row = {};
    for (const d of dims) key[d] = strOrNull(s[d]);
    byId.set(key, s);
  }
  for (const r of rows) {
    const s = byId.get(r);
    for (const c of statCols) if (s && c.name in s) r[c.name] = numOrNull(s[c.name]);
  }
}

/**
 * Rules 5 and 7 on a row: a count from 1 to k−1 is null ("count below k"); a statistic is
 * null when a count it uses is null or below k. A percentile needs a released base of at
 * least k + D (the ptable's largest noise), so that it certainly rests on k units while its
 * being shown depends on released values only. Exact rows (own region for regio) are
 * released as they are. The columns' rules are worked out once per response; the returned
 * function applies them to one row (in place: hidden values become null).
 */
function discloser(columns: readonly MetricColumn[], k: number, margin = PTABLE.D): (values: Row, exact: boolean) => DisclosedRow {
  const counts = columns.filter((c) => c.kind === 'count' && !c.reference).map((c) => c.name);
  // statistics in column order: one hidden may hide a later one that uses it
  const stats = columns
    .filter((c) => c.kind !== 'count' && c.kind !== 'dimension')
    .map((c) => ({
      name: c.name,
      from: c.from ?? [],
      base: c.base,
      min: c.kind === 'days' ? k + margin : k,
      baseReason: c.kind === 'days' ? REASON.fewerThanKUnits : REASON.denominatorBelowK,
    }));
  return (values, exact) => {
    // most rows hide nothing: they share one empty (frozen) reasons object
    let reasons = NO_REASONS;
    if (exact) return { values, reasons };
    for (const name of counts) {
      const v = values[name];
      if (typeof v === 'number' && v > 0 && v < k) {
        if (reasons === NO_REASONS) reasons = {};
        values[name] = null;
        reasons[name] = REASON.countBelowK;
      }
    }
    for (const c of stats) {
      if (values[c.name] === null || values[c.name] === undefined) continue;
      let reason: string | undefined;
      if (reasons !== NO_REASONS && c.from.some((f) => reasons[f])) reason = REASON.fromSuppressed;
      else if (c.base && (reasons[c.base] || (values[c.base] as number) < c.min)) reason = c.baseReason;
      if (reason) {
        if (reasons === NO_REASONS) reasons = {};
        values[c.name] = null;
        reasons[c.name] = reason;
      }
    }
    return { values, reasons };
  };
}

const NO_REASONS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Every region (and the national row) × every combination of the code-list dimensions, 0
 * where nothing was counted: whether a row exists then says nothing about the data (a row of
 * zeros would otherwise tell "at least one signal"). Metrics with other dimensions (periods,
 * municipalities) fill their rows in `complete`.
 */
function everyRow(rows: Row[], columns: readonly MetricColumn[], ctx: MetricContext, def: MetricDefinition): Row[] {
  const dims = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group' && c.name !== 'region_code');
  if (dims.some((d) => !d.order)) return rows;
  const id = identityOf(['region_code', ...dims.map((d) => d.name)]);
  const have = new Set(rows.map(id));
  let combos: Row[] = [{}];
  for (const d of dims) combos = combos.flatMap((c) => (d.order as readonly string[]).map((v) => ({ ...c, [d.name]: v })));
  if (def.validRow) combos = combos.filter((c) => (def.validRow as (row: Row) => boolean)(c));
  const regions: (string | null)[] = [...REGION_CODES, ...(ctx.totals ? [null] : [])];
  const counts = columns.filter((c) => c.kind === 'count' && !c.reference).map((c) => c.name);
  const out = [...rows];
  for (const region_code of regions) {
    for (const combo of combos) {
      const row: Row = { region_code, ...combo };
      if (have.has(id(row))) continue;
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
  const totals = new CellMap<Row>(dims);
  for (const r of rows) {
    const t = totals.getOrSet(r, () => {
      const total: Row = { region_code: null };
      for (const d of dims) total[d] = r[d] ?? null;
      for (const c of counts) total[c] = 0;
      return total;
    });
    for (const c of counts) t[c] = (t[c] as number) + ((r[c] as number | null) ?? 0);
  }
  return [...totals.values()];
}

/**
 * A row in column order with every column (null where absent), the group, and generic ratios
 * of released counts (an operand is the completed value of an earlier column unless that is
 * null, else the row's own). The row starts as a copy of `template`: setting each field of an
 * empty object by its name cost a change of shape per field, most of the time on wide rows.
 */
function completeRow(r: Row, columns: readonly MetricColumn[], template: Row): Row {
  const row: Row = { ...template };
  for (const c of columns) {
    const v = r[c.name];
    if (c.ratioOf) row[c.name] = ratioValue(c, row[c.ratioOf[0]] ?? r[c.ratioOf[0]], row[c.ratioOf[1]] ?? r[c.ratioOf[1]]);
    else if (v !== undefined) row[c.name] = v;
    else if (c.name === 'group') row.group = r.region_code === null || r.region_code === undefined ? 'total' : 'region';
    else row[c.name] = null;
  }
  return row;
}

type Completer = (r: Row) => Row;

/**
 * `completeRow` for one column list as one function: each column's value worked out in column
 * order into a local, then the row as one object literal (objectLiteralFactory: no copy of the
 * template, no keyed store per field). The column names appear only as JSON string literals;
 * a list whose names cannot be literal fields gets `completeRow` itself.
 */
function rowCompleter(columns: readonly MetricColumn[]): Completer {
  let complete = COMPLETERS.get(columns);
  if (complete) return complete;
  const names = columns.map((c) => c.name);
  const q = (name: string) => `r[${JSON.stringify(name)}]`;
  const lines = columns.map((c, i) => {
    const own = q(c.name);
    if (c.ratioOf) {
      // an operand's value so far: an earlier column's, else the raw row's (completeRow: row[x] ?? r[x])
      const operand = (name: string) => {
        const at = names.indexOf(name);
        return at >= 0 && at < i ? `(v${at} ?? ${q(name)})` : q(name);
      };
      return `const v${i} = ratio(columns[${i}], ${operand(c.ratioOf[0])}, ${operand(c.ratioOf[1])});`;
    }
    const absent = c.name === 'group' ? `(r.region_code === null || r.region_code === undefined ? 'total' : 'region')` : 'null';
    return `const v${i} = ${own} !== undefined ? ${own} : ${absent};`;
  });
  const make = objectLiteralFactory<(r: Row, ratio: typeof ratioValue, columns: readonly MetricColumn[]) => Row>(
    names,
    ['r', 'ratio', 'columns'],
    (i) => `v${i}`,
    lines.join('\n'),
  );
  const template = rowTemplate(columns);
  complete = make ? (r: Row) => make(r, ratioValue, columns) : (r: Row) => completeRow(r, columns, template);
  COMPLETERS.set(columns, complete);
  return complete;
}

const COMPLETERS = new WeakMap<readonly MetricColumn[], Completer>();

type SortKey = number | string;

/** A dimension value's sort key: null first, then its place in the dimension's code order, a number, or its text. */
function sortKey(v: unknown, rank: ReadonlyMap<string, number> | undefined): SortKey {
  if (v === null || v === undefined) return -Infinity;
  const r = rank?.get(String(v));
  return r !== undefined ? r : typeof v === 'number' ? v : String(v);
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === -Infinity) return -1;
  if (b === -Infinity) return 1;
  return String(a) < String(b) ? -1 : 1;
}

/**
 * Rows in the order of their dimensions (column order; each by sortKey), ties in their
 * current order. Each dimension's distinct values are ranked once, and a row's ranks make one
 * number (mixed radix), so the sort compares numbers instead of a key list per row.
 */
function sortRows(rows: DisclosedRow[], columns: readonly MetricColumn[]): DisclosedRow[] {
  const dims = columns.filter((c) => c.kind === 'dimension');
  const n = rows.length;
  // per dimension (last first), each row's rank among the dimension's distinct values
  const ranks: Float64Array[] = [];
  let scale = 1;
  for (let di = dims.length - 1; di >= 0; di--) {
    const d = dims[di];
    const order = d.order ?? (d.name === 'group' ? GROUP_ORDER : undefined);
    const rank = order ? new Map<string, number>(order.map((v, i) => [v, i])) : undefined;
    const seen = new Map<unknown, number>();
    const keys: SortKey[] = [];
    const index = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i].values[d.name];
      let j = seen.get(v);
      if (j === undefined) {
        j = keys.length;
        seen.set(v, j);
        keys.push(sortKey(v, rank));
      }
      index[i] = j;
    }
    const sorted = keys.map((_, j) => j).sort((a, b) => compareKeys(keys[a], keys[b]));
    const rankOf = new Float64Array(keys.length);
    let r = 0;
    for (let p = 1; p < sorted.length; p++) {
      if (compareKeys(keys[sorted[p - 1]], keys[sorted[p]]) !== 0) r++;
      rankOf[sorted[p]] = r;
    }
    const dimRanks = new Float64Array(n);
    for (let i = 0; i < n; i++) dimRanks[i] = rankOf[index[i]];
    ranks.push(dimRanks);
    scale *= r + 1;
  }
  if (scale * n <= Number.MAX_SAFE_INTEGER) {
    // one number per row: the ranks in mixed radix, the first dimension most significant, then
    // the row's index (ties keep their order); a typed array sorts numbers natively, without a
    // comparator call per comparison
    const composite = new Float64Array(n);
    let weight = 1;
    for (const dimRanks of ranks) {
      let max = 0;
      for (let i = 0; i < n; i++) {
        composite[i] += dimRanks[i] * weight;
        if (dimRanks[i] > max) max = dimRanks[i];
      }
      weight *= max + 1;
    }
    for (let i = 0; i < n; i++) composite[i] = composite[i] * n + i;
    composite.sort();
    const out = new Array<DisclosedRow>(n);
    for (let p = 0; p < n; p++) out[p] = rows[composite[p] % n];
    return out;
  }
  // too many cells for one exact number: compare the ranks dimension by dimension
  const perm = Array.from({ length: n }, (_, i) => i);
  perm.sort((a, b) => {
    for (let k = ranks.length - 1; k >= 0; k--) if (ranks[k][a] !== ranks[k][b]) return ranks[k][a] - ranks[k][b];
    return 0;
  });
  return perm.map((i) => rows[i]);
}

/**
 * `inColumnOrder`: every row's values already hold every column in column order (`completeRow`
 * or a dense route), so they are used as they are; `mayHoldUndefined`: a derive hook ran on
 * them and may have left a column undefined, which is then sent as null (checking every field
 * of every row costs a keyed read each: a third of trend's assembly by source).
 */
function toTable(columns: readonly MetricColumn[], rows: DisclosedRow[], inColumnOrder = false, mayHoldUndefined = true): MetricTable {
  const suppressed: SuppressedCell[] = [];
  const out: Row[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.reasons !== NO_REASONS) for (const c of columns) if (r.reasons[c.name]) suppressed.push({ row: i, column: c.name, reason: r.reasons[c.name] });
    if (inColumnOrder) {
      // (a derive hook may have left undefined: sent as null, like every other absent value)
      if (mayHoldUndefined) for (const c of columns) if (r.values[c.name] === undefined) r.values[c.name] = null;
      out[i] = r.values;
      continue;
    }
    const values: Row = {};
    for (const c of columns) values[c.name] = r.values[c.name] ?? null;
    out[i] = values;
  }
  return { columns: columns.map((c) => ({ name: c.name, kind: c.kind, label: c.label })), rows: out, suppressed };
}
