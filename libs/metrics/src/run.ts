/**
 * runMetric: request -> validated context -> parameterised SQL -> rows -> disclosure control
 * (-> peer view for regio) -> the self-describing response. Every result passes through here.
 */
import { buildLines, discloseTable, makeKeyOf, peerView, type DisclosedRow } from './disclosure';
import { GROUP_COLUMN, GROUP_ORDER, num, numOrNull, REGION_COLUMN, strOrNull } from './columns';
import { findMetric } from './registry';
import { resolveContext } from './scope';
import type { CellKey, MetricColumn, MetricContext, MetricDefinition, MetricRequest, MetricResponse, MetricTable, QueryFn, Row, SuppressedCell } from './types';

/** The columns a response has for these parameters: group, region_code, then the definition's. */
export function activeColumns(def: MetricDefinition, params: Record<string, string>): MetricColumn[] {
  return [GROUP_COLUMN, REGION_COLUMN, ...def.columns.filter((c) => !c.when || params[c.when.param] === c.when.equals)];
}

export async function runMetric(name: string, request: MetricRequest, query: QueryFn): Promise<MetricResponse> {
  const def = findMetric(name);
  const ctx = resolveContext(def, request);
  const stmt = def.sql(ctx);
  const linkStmt = def.links?.sql(ctx);
  const [raw, linkRaw] = await Promise.all([query(stmt.text, stmt.params), linkStmt ? query(linkStmt.text, linkStmt.params) : Promise.resolve(undefined)]);
  return assembleResponse(def, ctx, raw, linkRaw);
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

/** Turns query results into the disclosed response (pure; exported for tests and benchmarks). */
export function assembleResponse(def: MetricDefinition, ctx: MetricContext, raw: Record<string, unknown>[], linkRaw?: Record<string, unknown>[]): MetricResponse {
  const columns = activeColumns(def, ctx.params);
  const built = def.rows ? def.rows(raw, ctx) : raw.map((r) => defaultRow(r, columns));
  if (ctx.totals && def.totalRow === 'sum') built.push(...sumTotals(built, columns));
  const rows = built.map((r) => completeRow(r, columns));

  const keyOf = makeKeyOf(columns, ctx, rows);
  let links: { build: ReturnType<NonNullable<MetricDefinition['links']>['build']>; columns: readonly MetricColumn[] } | undefined;
  const extraCells = new Map<CellKey, number>();
  if (def.links && linkRaw) {
    const build = def.links.build(linkRaw, rows, ctx, keyOf);
    for (const r of build.rows) extraCells.set(build.keyOf(r), r.value as number);
    links = { build, columns: def.links.columns };
  }
  // built only when some count is below k (on large data usually none is)
  const lines = () => [...buildLines(def, columns, rows, ctx, keyOf), ...(links?.build.lines ?? [])];

  const disclosed = discloseTable({ columns, rows, k: ctx.k, keyOf, lines, extraCells });
  let out: DisclosedRow[] = disclosed.rows;
  const notes = [...(def.notes?.(ctx, rows) ?? [])];
  const scope = { ...ctx.scope };
  if (ctx.ownRegion) {
    const peers = peerView(disclosed.rows, columns, ctx.ownRegion, def.peerRow);
    out = peers.rows;
    scope.peer_regions = peers.peerRegions;
    notes.push(...peers.notes);
  }

  const response: MetricResponse = {
    metric: def.name,
    k: ctx.k,
    scope,
    params: ctx.params,
    ...toTable(columns, sortRows(out, columns)),
    notes,
    ...(def.extra?.(ctx) ?? {}),
  };
  if (links) {
    const linkRows = links.build.rows.map((r): DisclosedRow => {
      const reason = disclosed.suppression.get(links.build.keyOf(r));
      return reason ? { values: { ...r, value: null }, reasons: { value: reason } } : { values: r, reasons: {} };
    });
    response.links = toTable([...links.columns], linkRows);
  }
  return response;
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

/** A row in column order with every column (null where absent), the group, and generic ratios. */
function completeRow(r: Row, columns: readonly MetricColumn[]): Row {
  const row: Row = {};
  for (const c of columns) {
    const v = r[c.name];
    if (v !== undefined) row[c.name] = v;
    else if (c.name === 'group') row.group = r.region_code === null || r.region_code === undefined ? 'total' : 'region';
    else if (c.ratioOf) {
      const den = row[c.ratioOf[1]];
      const numerator = row[c.ratioOf[0]];
      row[c.name] = typeof den === 'number' && den > 0 && typeof numerator === 'number' ? (numerator / den) * (c.scale ?? 1) : null;
    } else row[c.name] = null;
  }
  return row;
}

function sortRows(rows: DisclosedRow[], columns: readonly MetricColumn[]): DisclosedRow[] {
  const dims = columns.filter((c) => c.kind === 'dimension');
  const ranks = dims.map((d) => {
    const order = d.order ?? (d.name === 'group' ? GROUP_ORDER : undefined);
    return order ? new Map(order.map((v, i) => [v, i])) : undefined;
  });
  // one sort key per row: code-list rank where known, else the value; null first
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

/** Rows are already complete and in column order (completeRow; peer rows likewise): no copy. */
function toTable(columns: readonly MetricColumn[], rows: DisclosedRow[]): MetricTable {
  const suppressed: SuppressedCell[] = [];
  const out: Row[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let any = false;
    for (const _ in r.reasons) {
      any = true;
      break;
    }
    if (any) for (const c of columns) if (r.reasons[c.name]) suppressed.push({ row: i, column: c.name, reason: r.reasons[c.name] });
    out[i] = r.values;
  }
  return { columns: columns.map((c) => ({ name: c.name, kind: c.kind, label: c.label })), rows: out, suppressed };
}
