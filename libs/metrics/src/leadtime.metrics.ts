/** leadtime (METRICS.md §3): days from receipt to the weegploeg and to its decision. */
import { ALL_FILTERS, ALL_ROLES, count, days, num } from './columns';
import { binColumn, countIf, scopeWhere, signalCounts, SqlBuilder } from './sql';
import { percentileInterpolatedOfCounts } from './stats';
import type { MetricContext, MetricDefinition } from './types';

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
  // percentiles are not sums of bins: computed over the whole period, per region and
  // nationally, from the number of signals per whole day (an aggregate table without a code filter)
  statsSql(ctx) {
    const b = new SqlBuilder();
    const part = (measure: (typeof LEAD_TIMES)[number]) => {
      const src = signalCounts(ctx, [measure]);
      return `SELECT region_code, '${measure}' AS measure, ${measure} AS days, ${src.count('signals')}
FROM ${src.table}
WHERE ${measure} IS NOT NULL
  AND ${scopeWhere(b, ctx)}
GROUP BY region_code, ${measure}`;
    };
    return b.statement(LEAD_TIMES.map(part).join('\nUNION ALL\n'));
  },
  statsFrom: leadtimePercentiles,
};

const LEAD_TIMES = ['days_to_first_wp', 'days_to_decision'] as const;

/**
 * Median and 90th percentile per region (and nationally, the regions' histograms added up)
 * from the number of signals per whole day: linear interpolation between order statistics,
 * as SQL `quantile_cont` / `percentile_cont` (position h = (n − 1)·p from 0; x⌊h⌋ + (h − ⌊h⌋)·(x⌈h⌉ − x⌊h⌋)).
 */
function leadtimePercentiles(raw: Record<string, unknown>[], ctx: MetricContext): Record<string, unknown>[] {
  // region (null: national) -> measure -> days -> signals
  const hist = new Map<string | null, Map<string, Map<number, number>>>();
  const add = (region: string | null, measure: string, d: number, n: number) => {
    let byMeasure = hist.get(region);
    if (!byMeasure) hist.set(region, (byMeasure = new Map()));
    let h = byMeasure.get(measure);
    if (!h) byMeasure.set(measure, (h = new Map()));
    h.set(d, (h.get(d) ?? 0) + n);
  };
  for (const r of raw) {
    const region = String(r.region_code);
    const measure = String(r.measure);
    const d = num(r.days);
    const n = num(r.signals);
    add(region, measure, d, n);
    if (ctx.totals) add(null, measure, d, n);
  }
  const out: Record<string, unknown>[] = [];
  for (const [region_code, byMeasure] of hist) {
    const row: Record<string, unknown> = { region_code };
    for (const [measure, h] of byMeasure) {
      const sorted = [...h].sort((a, b) => a[0] - b[0]);
      row[`median_${measure}`] = percentileInterpolatedOfCounts(sorted, 0.5);
      row[`p90_${measure}`] = percentileInterpolatedOfCounts(sorted, 0.9);
    }
    out.push(row);
  }
  return out;
}
