/** dropoff (METRICS.md §2): where signals drop off in the pre-assessment, and on what basis. */
import { DROP_OUTCOMES, EXPLICIT_FRAMEWORKS, FRAMEWORKS, RECEIVING_PARTIES } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, share } from './columns';
import { binColumn, lit, litList, scopeWhere, signalCounts, SqlBuilder } from './sql';
import type { MetricDefinition } from './types';

const BY_PARTY = { param: 'by', equals: 'receiving_party' };

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
    const dropped = `path = ${lit('dropped')}`;
    const explicit = `last_pre_framework IN (${litList(EXPLICIT_FRAMEWORKS)})`;
    const counts = [
      src.countIf('has_pre', 'with_pre'),
      src.countIf(dropped, 'dropped'),
      src.countIf(`path IN (${litList(['direct', 'via_pre_weging'])})`, 'reached'),
      src.countIf(`path = ${lit('direct')}`, 'direct'),
      ...DROP_OUTCOMES.map((o) => src.countIf(`${dropped} AND last_pre_outcome = ${lit(o)}`, `dropped_${o}`)),
      ...FRAMEWORKS.map((f) => src.countIf(`${dropped} AND last_pre_framework = ${lit(f)}`, `dropped_fw_${f}`)),
      src.countIf(`${dropped} AND ${explicit}`, 'dropped_explicit'),
      src.countIf(`${dropped} AND (last_pre_framework IS NULL OR NOT ${explicit})`, 'dropped_judgement'),
    ];
    return b.statement(`SELECT region_code, ${dims}${binColumn(ctx)},
  ${counts.join(',\n  ')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, ${dims}bin`);
  },
};
