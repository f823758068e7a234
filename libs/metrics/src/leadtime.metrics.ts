/** leadtime (METRICS.md §3): days from receipt to the weegploeg and to its decision. */
import { ALL_FILTERS, ALL_ROLES, count, days } from './columns';
import { binColumn, groupByRegionWithTotals, quantileCont, scopeWhere, signalCounts, SqlBuilder } from './sql';
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
    return signalCounts(ctx, [LEAD_TIMES[0]]).table === 'signal_facts' ? quantilesOfFacts(ctx) : quantilesOfHistograms(ctx);
  },
};

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
 * agg_days_to_decision: a few hundred rows per region × month instead of every signal): the
 * value of rank r is the smallest day whose running count exceeds r.
 */
function quantilesOfHistograms(ctx: MetricContext): SqlStatement {
  const b = new SqlBuilder();
  const part = (measure: (typeof LEAD_TIMES)[number]) => {
    const src = signalCounts(ctx, [measure]);
    const groups = ctx.totals ? `GROUPING SETS ((region_code, ${measure}), (${measure}))` : `region_code, ${measure}`;
    return `SELECT region_code, '${measure}' AS measure, ${measure} AS d, ${src.count('c')}
  FROM ${src.table}
  WHERE ${measure} IS NOT NULL
    AND ${scopeWhere(b, ctx)}
  GROUP BY ${groups}`;
  };
  const double = (expr: string) => (ctx.dialect === 'postgres' ? `CAST(${expr} AS DOUBLE PRECISION)` : `CAST(${expr} AS DOUBLE)`);
  // the value of rank r (from 0): the smallest d whose running count exceeds r
  const rank = (r: string) => `min(d) FILTER (WHERE upto > ${r})`;
  const percentile = (p: number) => {
    const h = `${double('total - 1')} * ${p}`;
    return `${rank(`floor(${h})`)} + (${h} - floor(${h})) * (${rank(`ceil(${h})`)} - ${rank(`floor(${h})`)})`;
  };
  const pick = (measure: string, col: string, alias: string) => `max(CASE WHEN measure = '${measure}' THEN ${col} END) AS ${alias}`;
  return b.statement(`WITH h AS (
  ${LEAD_TIMES.map(part).join('\n  UNION ALL\n  ')}
), w AS (
  SELECT region_code, measure, d,
    sum(c) OVER (PARTITION BY region_code, measure ORDER BY d) AS upto,
    sum(c) OVER (PARTITION BY region_code, measure) AS total
  FROM h
), q AS (
  SELECT region_code, measure, ${percentile(0.5)} AS p50, ${percentile(0.9)} AS p90
  FROM w
  GROUP BY region_code, measure, total
)
SELECT region_code,
  ${LEAD_TIMES.flatMap((m) => [pick(m, 'p50', `median_${m}`), pick(m, 'p90', `p90_${m}`)]).join(',\n  ')}
FROM q
GROUP BY region_code`);
}
