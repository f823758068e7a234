/** dropoff (METRICS.md §2): where signals drop off in the pre-assessment, and on what basis. */
import { DROP_OUTCOMES, EXPLICIT_FRAMEWORKS, FRAMEWORKS, RECEIVING_PARTIES } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, share } from './columns';
import { denseGroups } from './cube';
import { sumGroups, type GroupCondition } from './pivot';
import { binColumn, scopeWhere, signalCounts, SqlBuilder } from './sql';
import type { MetricDefinition } from './types';

const BY_PARTY = { param: 'by', equals: 'receiving_party' };

const dropped = (g: Record<string, unknown>) => g.path === 'dropped';
const explicit = new Set<string>(EXPLICIT_FRAMEWORKS);
/** Each count column: the groups (path, pre-assessment, last pre-outcome and framework) it adds up. */
const GROUPS: Record<string, GroupCondition> = {
  with_pre: (g) => g.has_pre === true,
  dropped,
  reached: (g) => g.path === 'direct' || g.path === 'via_pre_weging',
  direct: (g) => g.path === 'direct',
  ...Object.fromEntries(DROP_OUTCOMES.map((o) => [`dropped_${o}`, (g: Record<string, unknown>) => dropped(g) && g.last_pre_outcome === o])),
  ...Object.fromEntries(FRAMEWORKS.map((f) => [`dropped_fw_${f}`, (g: Record<string, unknown>) => dropped(g) && g.last_pre_framework === f])),
  dropped_explicit: (g) => dropped(g) && explicit.has(g.last_pre_framework as string),
  dropped_judgement: (g) => dropped(g) && !explicit.has(g.last_pre_framework as string),
};

export const dropoffMetric: MetricDefinition = {
  name: 'dropoff',
  label: { nl: 'Uitval in de pre-weging', en: 'Pre-assessment drop-off' },
  description: {
    nl: 'Uitvalpercentage = afgevallen / signalen met een pre-weging; directpercentage = direct / weegploeg bereikt; de afvallende beslissingen (de pre-weging met de laatste pre-uitkomst) naar uitkomst en naar referentiekader, en het aandeel genomen op een expliciet kader.',
    en: 'Drop rate = dropped / signals with a pre-assessment; direct rate = direct / reached; the dropping decisions (the assessment with the last pre-outcome) by outcome and by framework, and the share taken on an explicit framework.',
  },
  unit: 'signals',
  grain: 'region (× receiving_party with by=receiving_party)',
  dimensions: ['receiving_party'],
  filters: ALL_FILTERS,
  params: [{ name: 'by', label: { nl: 'Uitsplitsing', en: 'Breakdown' }, values: ['none', 'receiving_party'], default: 'none' }],
  roles: ALL_ROLES,
  columns: [
    dim('receiving_party', 'Ontvangende partij', 'Receiving party', { when: BY_PARTY, order: RECEIVING_PARTIES }),
    count('with_pre', 'Met pre-weging', 'With pre-assessment'),
    count('dropped', 'Afgevallen', 'Dropped'),
    share('drop_rate', 'Uitvalpercentage', 'Drop rate', 'dropped', 'with_pre'),
    count('reached', 'Weegploeg bereikt', 'Reached weegploeg'),
    count('direct', 'Direct naar weegploeg', 'Direct to weegploeg'),
    share('direct_rate', 'Aandeel direct', 'Direct rate', 'direct', 'reached'),
    ...DROP_OUTCOMES.map((o) => count(`dropped_${o}`, `Afgevallen: ${o}`, `Dropped: ${o}`)),
    ...FRAMEWORKS.map((f) => count(`dropped_fw_${f}`, `Afgevallen, kader ${f}`, `Dropped, framework ${f}`)),
    count('dropped_explicit', 'Afgevallen op expliciet kader', 'Dropped on an explicit framework'),
    count('dropped_judgement', 'Afgevallen op oordeel (open gesprek, niet-pluis, onbekend)', 'Dropped on judgement (open talk, gut feeling, unknown)'),
    share('explicit_share', 'Aandeel expliciet kader', 'Share on explicit framework', 'dropped_explicit', 'dropped'),
  ],
  totalRow: 'sum',
  disclosure: {
    description: {
      nl: 'Elke telling met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. Percentages uit de gepubliceerde tellingen; ze vervallen bij een noemer onder k.',
      en: 'Every count with cell-key noise (±2); values 1 to k after noise hidden. Shares from the released counts; none on a denominator below k.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const dims = ctx.params.by === 'receiving_party' ? 'receiving_party, ' : '';
    const src = signalCounts(ctx, [...(dims ? ['receiving_party'] : []), 'path', 'has_pre', 'last_pre_outcome', 'last_pre_framework']);
    return b.statement(`SELECT region_code, ${dims}path, has_pre, last_pre_outcome, last_pre_framework, ${binColumn(ctx)}, ${src.count('n')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, ${dims}path, has_pre, last_pre_outcome, last_pre_framework, bin`);
  },
  rows: (raw, ctx) => sumGroups(raw, ctx.params.by === 'receiving_party' ? ['receiving_party'] : [], GROUPS),
  dense: (raw, ctx, columns, exactRegion) => denseGroups(raw, ctx, columns, exactRegion, GROUPS),
};
