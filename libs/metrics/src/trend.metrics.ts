/** trend (METRICS.md §11): signals per month by phenomenon, source or receiving party. */
import { PHENOMENA, RECEIVING_PARTIES, SOURCES } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, num, strOrNull } from './columns';
import { groupByRegion, scopeWhere, SqlBuilder } from './sql';
import type { MetricContext, MetricDefinition, Row } from './types';

/** The `by` parameter picks the column from this map: never from user text. */
const BY: Record<string, { column: string; codes: readonly string[] }> = {
  phenomenon: { column: 'phenomenon', codes: PHENOMENA },
  source: { column: 'source', codes: SOURCES },
  receiving_party: { column: 'receiving_party', codes: RECEIVING_PARTIES },
};

export const trendMetric: MetricDefinition = {
  name: 'trend',
  label: { nl: 'Trend per maand', en: 'Monthly trend' },
  description: {
    nl: 'Signalen per maand (van ontvangst) naar fenomeen, bron of ontvangende partij (parameter by), per regio en landelijk. Maanden zonder signalen staan er met 0 in, binnen de periode met gegevens.',
    en: 'Signals per month (of receipt) by phenomenon, source or receiving party (parameter by), per region and nationally. Months without signals are listed with 0, within the span that has data.',
  },
  unit: 'signals',
  grain: 'region × month × category',
  dimensions: ['month', 'category'],
  filters: ALL_FILTERS,
  params: [{ name: 'by', label: { nl: 'Naar', en: 'By' }, values: ['phenomenon', 'source', 'receiving_party'], default: 'phenomenon' }],
  roles: ALL_ROLES,
  columns: [dim('month', 'Maand', 'Month'), dim('category', 'Categorie', 'Category'), count('signals', 'Signalen', 'Signals')],
  totalRow: 'sum',
  disclosure: {
    totals: 'additive',
    description: {
      nl: 'Tellingen onder k onderdrukt, secundair langs de landelijke totaalrij per maand en categorie.',
      en: 'Counts below k suppressed, secondary along the national total row per month and category.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const by = BY[ctx.params.by].column;
    // month as 'YYYY-MM' text and the count as INTEGER: cheaper to hand over than DATE and BIGINT values
    const month = ctx.dialect === 'postgres' ? "to_char(received_month, 'YYYY-MM')" : "strftime(received_month, '%Y-%m')";
    return b.statement(`SELECT region_code, ${month} AS month, ${by} AS category, CAST(count(*) AS INTEGER) AS signals
FROM signal_facts
WHERE ${scopeWhere(b, ctx)}
${groupByRegion(['received_month', by])}`);
  },
  rows: trendRows,
};

const monthOf = (v: unknown) => (strOrNull(v) ?? '').slice(0, 7);

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

function trendRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  if (raw.length === 0) return [];
  // rows come out in response order (region, month, category as sorted strings), so the
  // final sort has nothing to move
  const codes = [...BY[ctx.params.by].codes].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  // region -> month -> count per category (code-list order)
  const byRegion = new Map<string, Map<string, number[]>>();
  let first = '9999-12';
  let last = '0000-01';
  for (const r of raw) {
    const month = monthOf(r.month);
    const region = String(r.region_code);
    let months = byRegion.get(region);
    if (!months) byRegion.set(region, (months = new Map()));
    let counts = months.get(month);
    if (!counts) months.set(month, (counts = new Array<number>(codes.length).fill(0)));
    const i = index.get(String(r.category));
    if (i !== undefined) counts[i] = num(r.signals);
    if (month < first) first = month;
    if (month > last) last = month;
  }
  const months: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  const rows: Row[] = [];
  for (const region of [...byRegion.keys()].sort()) {
    const counts = byRegion.get(region) as Map<string, number[]>;
    for (const month of months) {
      const c = counts.get(month);
      for (let i = 0; i < codes.length; i++) rows.push({ region_code: region, month, category: codes[i], signals: c ? c[i] : 0 });
    }
  }
  return rows;
}
