/** flow (METRICS.md §1): the funnel per region, and the Sankey links. */
import { OUTCOMES_BY_STAGE, PATHS, REGION_CODES } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, num, strOrNull } from './columns';
import { denseGroups } from './cube';
import { sumGroups, type GroupCondition } from './pivot';
import { binColumn, scopeWhere, signalCounts, SqlBuilder } from './sql';
import type { MetricContext, MetricDefinition, Row } from './types';

const WP_OUTCOMES = OUTCOMES_BY_STAGE.weegploeg;

/** Each count column: the groups (path, final weegploeg outcome) it adds up. */
const GROUPS: Record<string, GroupCondition> = {
  signals: () => true,
  ...Object.fromEntries(PATHS.map((p) => [p, (g: Record<string, unknown>) => g.path === p])),
  reached: (g) => g.path === 'direct' || g.path === 'via_pre_weging',
  ...Object.fromEntries(WP_OUTCOMES.map((o) => [o, (g: Record<string, unknown>) => g.final_wp_outcome === o])),
};

export const flowMetric: MetricDefinition = {
  name: 'flow',
  label: { nl: 'Signaalstroom', en: 'Signal flow' },
  description: {
    nl: 'Per regio: signalen naar route (direct naar de weegploeg, via pre-weging, afgevallen, lopend) en, van de signalen die de weegploeg bereikten, de laatste uitkomst van de weegploeg. Met Sankey-verbindingen bron → ontvangende partij → route → uitkomst.',
    en: 'Per region: signals by path (direct to the weegploeg, via pre-assessment, dropped, pending) and, among signals that reached the weegploeg, its final outcome. With Sankey links source → receiving party → path → outcome.',
  },
  unit: 'signals',
  grain: 'region',
  dimensions: [],
  filters: ALL_FILTERS,
  params: [],
  roles: ALL_ROLES,
  columns: [
    count('signals', 'Signalen', 'Signals'),
    count('direct', 'Direct naar weegploeg', 'Direct to weegploeg'),
    count('via_pre_weging', 'Via pre-weging', 'Via pre-assessment'),
    count('dropped', 'Afgevallen', 'Dropped'),
    count('pending', 'Lopend / overig', 'Pending'),
    count('reached', 'Weegploeg bereikt', 'Reached weegploeg'),
    count('casusoverleg', 'Uitkomst: casusoverleg', 'Outcome: case conference'),
    count('geen_casusoverleg', 'Uitkomst: geen casusoverleg', 'Outcome: no case conference'),
    count('nadere_duiding', 'Uitkomst: nadere duiding', 'Outcome: more information needed'),
    // FTE comes from the region registry through `reference.fte` (the API fills it): public, not a count
    { name: 'signals_per_fte', kind: 'ratio', label: { nl: 'Signalen per fte', en: 'Signals per FTE' }, from: ['signals'], noPeer: true },
  ],
  totalRow: 'sum',
  disclosure: {
    description: {
      nl: 'Elke telling met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. Het landelijk totaal en elke knoop van de Sankey zijn eigen cellen: delen tellen niet altijd precies op tot het totaal.',
      en: 'Every count with cell-key noise (±2); values 1 to k after noise hidden. The national total and every Sankey link are cells of their own: parts need not add up exactly to the total.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const src = signalCounts(ctx, ['path', 'final_wp_outcome']);
    const g = src.grouped(['path', 'final_wp_outcome']);
    return b.statement(`SELECT region_code, path, final_wp_outcome, ${binColumn(ctx)}, ${g.count('n')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
${g.groupBy}`);
  },
  rows: (raw) => sumGroups(raw, [], GROUPS),
  dense: (raw, ctx, columns, exactRegion) => denseGroups(raw, ctx, columns, exactRegion, GROUPS),
  derive: signalsPerFte,
  references: ['fte'],
  links: {
    sql(ctx) {
      const b = new SqlBuilder();
      const src = signalCounts(ctx, ['source', 'receiving_party', 'path', 'last_pre_outcome', 'final_wp_outcome']);
      return b.statement(`SELECT source, receiving_party, path, last_pre_outcome, final_wp_outcome, ${binColumn(ctx)}, ${src.count('signals')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx, linkRegions(ctx))}
GROUP BY source, receiving_party, path, last_pre_outcome, final_wp_outcome, bin`);
    },
    columns: [dim('source', 'Van', 'From'), dim('target', 'Naar', 'To'), count('value', 'Signalen', 'Signals')],
    build: buildLinks,
  },
};

/**
 * The Sankey is drawn for one region (the own region for regio, or a single selected
 * region) or for the nation: never for an arbitrary set of regions (rule 1).
 */
function linkRegions(ctx: MetricContext): string[] | null {
  if (ctx.ownRegion) return [ctx.ownRegion];
  return ctx.selectedRegions && ctx.selectedRegions.length === 1 ? ctx.selectedRegions : null;
}

/**
 * A layer's node id of a raw value (`source:osint`), the same string each time: the values
 * come from short code lists, and a link is then found by the positions of two known strings
 * instead of by a new key string per raw row. Bounded: past MAX_NODE_IDS values (not a code
 * list) the id is made afresh.
 */
const NODE_IDS = new Map<string, Map<unknown, string>>();
const MAX_NODE_IDS = 1024;

function nodeId(layer: string, value: unknown): string {
  let ids = NODE_IDS.get(layer);
  if (!ids) NODE_IDS.set(layer, (ids = new Map()));
  let id = ids.get(value);
  if (id === undefined) {
    id = `${layer}:${strOrNull(value)}`;
    if (ids.size < MAX_NODE_IDS) ids.set(value, id);
  }
  return id;
}

/** Node ids carry their layer: `source:osint`, `receiving_party:politie`, `path:dropped:niet_doorgezet`, `outcome:casusoverleg`. */
function buildLinks(raw: Record<string, unknown>[]): Row[] {
  // nodes by position; links by (from, to) position in the order first met, with their sums
  const nodes: string[] = [];
  const nodeAt = new Map<string, number>();
  const position = (id: string) => {
    let at = nodeAt.get(id);
    if (at === undefined) nodeAt.set(id, (at = nodes.push(id) - 1));
    return at;
  };
  const linkAt = new Map<number, number>();
  const from: number[] = [];
  const to: number[] = [];
  const values: number[] = [];
  const add = (a: number, b: number, n: number) => {
    const key = a * 2 ** 26 + b;
    const at = linkAt.get(key);
    if (at === undefined) {
      linkAt.set(key, values.length);
      from.push(a);
      to.push(b);
      values.push(n);
    } else values[at] += n;
  };
  for (const r of raw) {
    const n = num(r.signals);
    const src = position(nodeId('source', r.source));
    const rp = position(nodeId('receiving_party', r.receiving_party));
    const path = position(r.path === 'dropped' ? nodeId('path:dropped', r.last_pre_outcome) : nodeId('path', r.path));
    add(src, rp, n);
    add(rp, path, n);
    const outcome = strOrNull(r.final_wp_outcome);
    if (outcome !== null) add(path, position(nodeId('outcome', r.final_wp_outcome)), n);
  }
  return values.map((value, i) => ({ source: nodes[from[i]], target: nodes[to[i]], value }));
}

/**
 * Released signals / FTE of the region (reference.fte, from the region registry); null when
 * the FTE is unknown or 0, and on the national row unless every region's FTE is known (then
 * the national signals over the national FTE).
 */
function signalsPerFte(rows: Row[], ctx: MetricContext): void {
  const fte = ctx.reference.fte ?? {};
  const known = Object.values(fte).filter((v): v is number => typeof v === 'number');
  const allKnown = REGION_CODES.every((r) => typeof fte[r] === 'number');
  const national = allKnown ? known.reduce((s, v) => s + v, 0) : null;
  for (const row of rows) {
    const f = row.region_code === null ? national : (fte[row.region_code as string] ?? null);
    row.signals_per_fte = typeof f === 'number' && f > 0 && typeof row.signals === 'number' ? row.signals / f : null;
  }
}
