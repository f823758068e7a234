/** flow (METRICS.md §1): the funnel per region, and the Sankey links. */
import { OUTCOMES_BY_STAGE, PATHS } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, num, strOrNull } from './columns';
import { sumGroups } from './pivot';
import { scopeWhere, SqlBuilder } from './sql';
import type { CellKey, Line, MetricContext, MetricDefinition, Row } from './types';

const WP_OUTCOMES = OUTCOMES_BY_STAGE.weegploeg;

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
  ],
  totalRow: 'sum',
  disclosure: {
    totals: 'additive',
    lines: [
      { total: 'signals', parts: ['direct', 'via_pre_weging', 'dropped', 'pending'] },
      { total: 'reached', parts: ['direct', 'via_pre_weging'] },
      { total: 'reached', parts: ['casusoverleg', 'geen_casusoverleg', 'nadere_duiding'] },
    ],
    description: {
      nl: 'Tellingen onder k onderdrukt; secundair langs de regel (signalen = som van de routes, bereikt = direct + via pre-weging = som van de uitkomsten), langs de landelijke totaalrij en langs de knopen van de Sankey.',
      en: 'Counts below k suppressed; secondary along the row (signals = sum of paths, reached = direct + via = sum of outcomes), along the national total row and along the Sankey nodes.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    return b.statement(`SELECT region_code, path, final_wp_outcome, count(*) AS n
FROM signal_facts
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, path, final_wp_outcome`);
  },
  rows: (raw) =>
    sumGroups(raw, [], {
      signals: () => true,
      ...Object.fromEntries(PATHS.map((p) => [p, (g: Record<string, unknown>) => g.path === p])),
      reached: (g) => g.path === 'direct' || g.path === 'via_pre_weging',
      ...Object.fromEntries(WP_OUTCOMES.map((o) => [o, (g: Record<string, unknown>) => g.final_wp_outcome === o])),
    }),
  links: {
    sql(ctx) {
      const b = new SqlBuilder();
      const regions = ctx.ownRegion ? [ctx.ownRegion] : ctx.queryRegions;
      return b.statement(`SELECT source, receiving_party, path, last_pre_outcome, final_wp_outcome, count(*) AS signals
FROM signal_facts
WHERE ${scopeWhere(b, ctx, regions)}
GROUP BY source, receiving_party, path, last_pre_outcome, final_wp_outcome`);
    },
    columns: [
      dim('source', 'Van', 'From'),
      dim('target', 'Naar', 'To'),
      count('value', 'Signalen', 'Signals', { additive: false }),
    ],
    build: buildLinks,
  },
};

/** Node ids carry their layer: `source:osint`, `receiving_party:politie`, `path:dropped:niet_doorgezet`, `outcome:casusoverleg`. */
function buildLinks(raw: Record<string, unknown>[], mainRows: Row[], ctx: MetricContext, keyOf: (row: Row, column: string) => CellKey) {
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
  const rows: Row[] = [...values.entries()]
    .map(([id, value]) => {
      const [source, target] = id.split('\u0000');
      return { source, target, value };
    })
    .sort((a, b) => (a.source + '\u0000' + a.target < b.source + '\u0000' + b.target ? -1 : 1));
  const key = (row: Row) => `link@${row.source}>${row.target}`;
  const into = (pred: (t: string) => boolean) => rows.filter((r) => pred(r.target as string)).map(key);
  const outOf = (node: string) => rows.filter((r) => r.source === node).map(key);

  const lines: Line[] = [];
  // flow conservation at the middle nodes: in = out
  const middle = new Set(rows.filter((r) => !(r.source as string).startsWith('source:')).map((r) => r.source as string));
  for (const node of middle) lines.push({ plus: into((t) => t === node), minus: outOf(node) });

  // the links add up to the scope's row of the main table
  const anchor = ctx.ownRegion ? mainRows.find((r) => r.region_code === ctx.ownRegion) : mainRows.find((r) => r.region_code === null);
  if (anchor) {
    lines.push([keyOf(anchor, 'signals'), ...into((t) => t.startsWith('receiving_party:'))]);
    for (const p of PATHS) {
      const match = p === 'dropped' ? (t: string) => t.startsWith('path:dropped:') : (t: string) => t === `path:${p}`;
      lines.push([keyOf(anchor, p), ...into(match)]);
    }
    for (const o of WP_OUTCOMES) lines.push([keyOf(anchor, o), ...into((t) => t === `outcome:${o}`)]);
  }
  return { rows, lines, keyOf: key };
}
