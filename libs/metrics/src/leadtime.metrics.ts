/** leadtime (METRICS.md §3): days from receipt to the weegploeg and to its decision. */
import { ALL_FILTERS, ALL_ROLES, count, days } from './columns';
import { binColumn, countIf, groupByRegionWithTotals, quantileCont, scopeWhere, SqlBuilder } from './sql';
import type { MetricDefinition } from './types';

export const leadtimeMetric: MetricDefinition = {
  name: 'leadtime',
  label: { nl: 'Doorlooptijd', en: 'Lead time' },
  description: {
    nl: 'Van de signalen die de weegploeg bereikten: dagen van ontvangst tot de eerste weegploeg, en tot de laatste weegploeg-beslissing die geen nadere duiding was; mediaan en 90e percentiel (lineaire interpolatie tussen rangwaarden).',
    en: 'Among signals that reached the weegploeg: days from receipt to the first weegploeg, and to the latest weegploeg decision that was not nadere_duiding; median and 90th percentile (linear interpolation between order statistics).',
  },
  unit: 'days',
  grain: 'region',
  dimensions: [],
  filters: ALL_FILTERS,
  params: [],
  roles: ALL_ROLES,
  columns: [
    count('reached', 'Weegploeg bereikt', 'Reached weegploeg'),
    days('median_days_to_first_wp', 'Mediaan dagen tot eerste weegploeg', 'Median days to first weegploeg', 'reached'),
    days('p90_days_to_first_wp', '90e percentiel dagen tot eerste weegploeg', '90th percentile days to first weegploeg', 'reached'),
    count('decided', 'Met weegploeg-beslissing', 'With a weegploeg decision'),
    days('median_days_to_decision', 'Mediaan dagen tot beslissing', 'Median days to decision', 'decided'),
    days('p90_days_to_decision', '90e percentiel dagen tot beslissing', '90th percentile days to decision', 'decided'),
  ],
  disclosure: {
    description: {
      nl: 'Tellingen met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. Mediaan en percentiel alleen als ze op minstens k signalen rusten.',
      en: 'Counts with cell-key noise (±2); values 1 to k after noise hidden. Median and percentile only when they rest on at least k signals.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    return b.statement(`SELECT region_code, ${binColumn(ctx)},
  ${countIf(ctx, 'reached', 'reached')},
  ${countIf(ctx, 'decision_date IS NOT NULL', 'decided')}
FROM signal_facts
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, bin`);
  },
  totalRow: 'sum',
  // percentiles are not sums of bins: computed over the whole period, per region and nationally
  statsSql(ctx) {
    const b = new SqlBuilder();
    const q = (expr: string, p: number) => quantileCont(ctx.dialect, expr, p);
    return b.statement(`SELECT region_code,
  ${q('days_to_first_wp', 0.5)} AS median_days_to_first_wp,
  ${q('days_to_first_wp', 0.9)} AS p90_days_to_first_wp,
  ${q('days_to_decision', 0.5)} AS median_days_to_decision,
  ${q('days_to_decision', 0.9)} AS p90_days_to_decision
FROM signal_facts
WHERE ${scopeWhere(b, ctx)}
${groupByRegionWithTotals(ctx)}`);
  },
};
