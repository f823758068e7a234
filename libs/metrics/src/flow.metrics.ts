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

/** Node ids carry their layer: `source:osint`, `receiving_party:politie`, `path:dropped:niet_doorgezet`, `outcome:casusoverleg`. */
function buildLinks(raw: Record<string, unknown>[]): Row[] {
  const values = new Map<string, number>();
  const add = (from: string, to: string, n: number) => {
    const id = `${from}\u0000${to}`;
    values.set(id, (values.get(id) ?? 0) + n);
  };
  for (const r of raw) {
    const n = num(r.signals);
    const src = `source:${strOrNull(r.source)}`;
    const rp = `receiving_party:${strOrNull(r.receiving_party)}`;
    const path = r.path === 'dropped' ? `path:dropped:${strOrNull(r.last_pre_outcome)}` : `path:${strOrNull(r.path)}`;
    add(src, rp, n);
    add(rp, path, n);
    const outcome = strOrNull(r.final_wp_outcome);
    if (outcome !== null) add(path, `outcome:${outcome}`, n);
  }
  return [...values.entries()].map(([id, value]) => {
    const [source, target] = id.split('\u0000');
    return { source, target, value };
  });
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
