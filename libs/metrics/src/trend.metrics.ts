/** trend (METRICS.md §11): signals per month, quarter or year by phenomenon, source or receiving party. */
import { PHENOMENA, RECEIVING_PARTIES, SOURCES } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, num } from './columns';
import { binMonths } from './periods';
import { denseCounts, type DenseAxis } from './cube';
import { binColumn, scopeWhere, SqlBuilder, signalCounts } from './sql';
import type { MetricColumn, MetricContext, MetricDefinition, Row } from './types';

/** The `by` parameter picks the column from this map: never from user text. */
const BY: Record<string, { column: string; codes: readonly string[] }> = {
  phenomenon: { column: 'phenomenon', codes: PHENOMENA },
  source: { column: 'source', codes: SOURCES },
  receiving_party: { column: 'receiving_party', codes: RECEIVING_PARTIES },
};

const GRAINS = ['month', 'quarter', 'year'] as const;

export const trendMetric: MetricDefinition = {
  name: 'trend',
  label: { nl: 'Trend', en: 'Trend' },
  description: {
    nl: 'Signalen per maand, kwartaal of jaar (van ontvangst; parameter grain) naar fenomeen, bron of ontvangende partij (parameter by), per regio en landelijk. Perioden zonder signalen staan er met 0 in, binnen de periode met gegevens.',
    en: 'Signals per month, quarter or year (of receipt; parameter grain) by phenomenon, source or receiving party (parameter by), per region and nationally. Periods without signals are listed with 0, within the span that has data.',
  },
  unit: 'signals',
  grain: 'region × period × category',
  dimensions: ['period', 'category'],
  filters: ALL_FILTERS,
  params: [
    { name: 'by', label: { nl: 'Naar', en: 'By' }, values: ['phenomenon', 'source', 'receiving_party'], default: 'phenomenon' },
    { name: 'grain', label: { nl: 'Periode', en: 'Period' }, values: GRAINS, default: 'month' },
  ],
  roles: ALL_ROLES,
  columns: [dim('period', 'Periode', 'Period'), dim('category', 'Categorie', 'Category'), count('signals', 'Signalen', 'Signals')],
  totalRow: 'sum',
  disclosure: {
    description: {
      nl: 'Elke maand-, kwartaal- of jaarwaarde is een eigen cel met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. Een kwartaal of jaar dat maar deels in de periode valt, is de som van de gepubliceerde maanden of kwartalen daarvan.',
      en: 'Each month, quarter or year value is a cell of its own with cell-key noise (±2); values 1 to k after noise hidden. A quarter or year only partly inside the period is the sum of the released months or quarters that make it up.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const by = BY[ctx.params.by].column;
    const src = signalCounts(ctx, [by]);
    const g = src.grouped([by]);
    return b.statement(`SELECT region_code, ${by} AS category, ${binColumn(ctx)}, ${g.count('signals')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
${g.groupBy}`);
  },
  rows: trendRows,
  complete: zeroFill,
  dense: trendDense,
};

/** The output period of a bin at the trend's grain: `2024-07`, `2024-Q3`, `2024`. */
export function periodLabel(bin: number, grain: string): string {
  const [first] = binMonths(bin);
  const y = Math.floor(first / 12);
  const m = (first % 12) + 1;
  if (grain === 'year') return String(y);
  if (grain === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  return `${y}-${String(m).padStart(2, '0')}`;
}

function nextPeriod(p: string, grain: string): string {
  if (grain === 'year') return String(Number(p) + 1);
  if (grain === 'quarter') {
    const [y, q] = [Number(p.slice(0, 4)), Number(p.slice(6))];
    return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
  }
  const [y, mo] = p.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** One bin's rows: per region and period, a count per category. */
function trendRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  const rows: Row[] = [];
  const labels = new Map<number, string>();
  for (const r of raw) {
    const bin = num(r.bin);
    let period = labels.get(bin);
    if (period === undefined) labels.set(bin, (period = periodLabel(bin, ctx.params.grain)));
    rows.push({ region_code: String(r.region_code), period, category: String(r.category), signals: num(r.signals) });
  }
  return rows;
}

/** Every region × period (between the first and last period with data) × category, 0 where nothing was counted. */
function zeroFill(rows: Row[], ctx: MetricContext): Row[] {
  if (rows.length === 0) return rows;
  const grain = ctx.params.grain;
  const codes = BY[ctx.params.by].codes;
  // region -> period -> category -> row (no key string per cell)
  const have = new Map<string | null, Map<string, Map<string, Row>>>();
  let first = '9999';
  let last = '0000';
  for (const r of rows) {
    const region = r.region_code as string | null;
    const period = r.period as string;
    let byPeriod = have.get(region);
    if (!byPeriod) have.set(region, (byPeriod = new Map()));
    let byCategory = byPeriod.get(period);
    if (!byCategory) byPeriod.set(period, (byCategory = new Map()));
    byCategory.set(String(r.category), r);
    if (period < first) first = period;
    if (period > last) last = period;
  }
  const periods: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, grain)) periods.push(p);
  const out: Row[] = [];
  for (const [region, byPeriod] of have) {
    for (const p of periods) {
      const byCategory = byPeriod.get(p);
      for (const c of codes) out.push(byCategory?.get(c) ?? { region_code: region, period: p, category: c, signals: 0 });
    }
  }
  return out;
}

/**
 * trendRows + zeroFill in one pass (cube.ts): the period axis runs from the first to the last
 * period with data, the category axis is the `by` code list.
 */
function trendDense(raw: Record<string, unknown>[], ctx: MetricContext, columns: readonly MetricColumn[], exactRegion: (region: string | null) => boolean): Row[] | undefined {
  if (raw.length === 0) return [];
  const grain = ctx.params.grain;
  const labels = new Map<number, string>();
  let first = '9999';
  let last = '0000';
  for (const r of raw) {
    const bin = num(r.bin);
    if (labels.has(bin)) continue;
    const period = periodLabel(bin, grain);
    labels.set(bin, period);
    if (period < first) first = period;
    if (period > last) last = period;
  }
  const periods: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, grain)) periods.push(p);
  const axes: DenseAxis[] = [
    { name: 'period', values: periods, valueOf: (r) => labels.get(num(r.bin)) },
    { name: 'category', values: BY[ctx.params.by].codes, valueOf: (r) => String(r.category) },
  ];
  return denseCounts(raw, ctx, columns, axes, ['signals'], exactRegion);
}
