/** leadtime (METRICS.md §3): days from receipt to the weegploeg and to its decision. */
import { ALL_FILTERS, ALL_ROLES, count, days, num } from './columns';
import { binColumn, groupByRegionWithTotals, quantileCont, scopeWhere, signalCounts, SqlBuilder } from './sql';
import { percentileInterpolatedOfCounts } from './stats';
import type { MetricContext, MetricDefinition, SqlStatement } from './types';

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
    const src = signalCounts(ctx, ['reached', 'decided']);
    return b.statement(`SELECT region_code, ${binColumn(ctx)},
  ${src.countIf(src.col('reached'), 'reached')},
  ${src.countIf(src.col('decided'), 'decided')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, bin`);
  },
  totalRow: 'sum',
  // percentiles are not sums of bins: computed over the whole period, per region and nationally
  statsSql(ctx) {
    return fromFacts(ctx) ? quantilesOfFacts(ctx) : dayHistograms(ctx);
  },
  statsRows(raw, ctx) {
    return fromFacts(ctx) ? raw : quantilesOfHistograms(raw, ctx);
  },
};

/** Under a code filter the percentiles come from the signals, otherwise from the day histograms. */
function fromFacts(ctx: MetricContext): boolean {
  return signalCounts(ctx, [LEAD_TIMES[0]]).table === 'signal_facts';
}

/**
 * The lead times, whose median and 90th percentile are linear interpolations between order
 * statistics (`quantile_cont` / `percentile_cont`: position h = (n − 1)·p from 0, value
 * x⌊h⌋ + (h − ⌊h⌋)·(x⌈h⌉ − x⌊h⌋)).
 */
const LEAD_TIMES = ['days_to_first_wp', 'days_to_decision'] as const;

/** Under a code filter: the quantile function over the signals (faster there than a histogram of signal_facts). */
function quantilesOfFacts(ctx: MetricContext): SqlStatement {
  const b = new SqlBuilder();
  const q = (expr: string, p: number) => quantileCont(ctx.dialect, expr, p);
  return b.statement(`SELECT region_code,
  ${LEAD_TIMES.flatMap((m) => [`${q(m, 0.5)} AS median_${m}`, `${q(m, 0.9)} AS p90_${m}`]).join(',\n  ')}
FROM signal_facts
WHERE ${scopeWhere(b, ctx)}
${groupByRegionWithTotals(ctx)}`);
}

/**
 * Otherwise from the number of signals per whole day (agg_days_to_first_wp,
 * agg_days_to_decision: a few hundred rows per region × month instead of every signal): per
 * region, lead time (`measure`, its index in LEAD_TIMES) and day, the number of signals. The
 * percentiles are computed from these rows (quantilesOfHistograms): a plain grouping is a
 * fraction of the cost of running sums and ranks in SQL.
 */
function dayHistograms(ctx: MetricContext): SqlStatement {
  const b = new SqlBuilder();
  const part = (measure: (typeof LEAD_TIMES)[number], index: number) => {
    const src = signalCounts(ctx, [measure]);
    return `SELECT region_code, ${index} AS measure, ${measure} AS d, ${src.tally('c')}
FROM ${src.table}
WHERE ${measure} IS NOT NULL
  AND ${scopeWhere(b, ctx)}
GROUP BY region_code, ${measure}`;
  };
  return b.statement(LEAD_TIMES.map(part).join('\nUNION ALL\n'));
}

/**
 * The median and 90th percentile of each lead time per region, and nationally (the regions'
 * histograms added up) when the request has totals, from the day histograms: the value of rank
 * r (from 0) is the smallest day whose running count exceeds r, and the percentile p is
 * interpolated between ranks ⌊h⌋ and ⌈h⌉, h = (n − 1)·p — quantile_cont's definition, the same
 * as quantilesOfFacts computes over the signals.
 */
function quantilesOfHistograms(raw: readonly Record<string, unknown>[], ctx: MetricContext): Record<string, unknown>[] {
  // the distinct days, ascending; a row's day as its position among them
  const distinct = new Set<number>();
  for (const r of raw) distinct.add(num(r.d));
  const days = [...distinct].sort((a, b) => a - b);
  const dayIndex = new Map<number, number>(days.map((d, i) => [d, i]));
  // per region in order of appearance (the nation right after the first) and lead time: the count per day, by position
  const regions: (string | null)[] = [];
  const slot = new Map<string | null, number>();
  const counts: Float64Array[] = [];
  const slotOf = (region: string | null) => {
    let at = slot.get(region);
    if (at === undefined) {
      slot.set(region, (at = regions.length));
      regions.push(region);
      for (let m = 0; m < LEAD_TIMES.length; m++) counts.push(new Float64Array(days.length));
    }
    return at;
  };
  for (const r of raw) {
    const measure = num(r.measure);
    const day = dayIndex.get(num(r.d)) as number;
    const c = num(r.c);
    counts[slotOf(String(r.region_code)) * LEAD_TIMES.length + measure][day] += c;
    if (ctx.totals) counts[slotOf(null) * LEAD_TIMES.length + measure][day] += c;
  }
  return regions.map((region_code, at) => {
    const row: Record<string, unknown> = { region_code };
    LEAD_TIMES.forEach((m, i) => {
      const hist = counts[at * LEAD_TIMES.length + i];
      row[`median_${m}`] = percentileInterpolatedOfCounts(days, hist, 0.5);
      row[`p90_${m}`] = percentileInterpolatedOfCounts(days, hist, 0.9);
    });
    return row;
  });
}
