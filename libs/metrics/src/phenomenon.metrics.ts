/** phenomenon_coverage (METRICS.md §8): which phenomena a region recognises less than the rest of the country. */
import { COVERAGE_PHENOMENA, PHENOMENA } from '@weegwijzer/contract';
import { count, dim, num, share } from './columns';
import { scopeWhere, SqlBuilder } from './sql';
import { binomialCdf } from './stats';
import type { MetricColumn, MetricContext, MetricDefinition, Row } from './types';

const FROM = ['signals', 'region_signals'];
const SIGNIFICANCE = 0.05;

export const phenomenonCoverageMetric: MetricDefinition = {
  name: 'phenomenon_coverage',
  label: { nl: 'Dekking van fenomenen', en: 'Phenomenon coverage' },
  description: {
    nl: 'Signalen per fenomeen per regio en hun aandeel. Voor jihadisme, rechts-extremisme, links-extremisme en anti-institutioneel: p = aandeel van het fenomeen in alle andere regio\'s in de selectie, verwacht = N·p, ondervertegenwoordigd als waargenomen < verwacht en de eenzijdige binomiale kans P(X ≤ waargenomen | N, p) < 0,05.',
    en: 'Signals per phenomenon per region and their share. For jihadisme, rechts_extremisme, links_extremisme and anti_institutioneel: p = the phenomenon\'s share among signals of all other regions in scope, expected = N·p, under_covered when observed < expected and the one-sided binomial P(X ≤ observed | N, p) < 0.05.',
  },
  unit: 'signals',
  grain: 'region × phenomenon',
  dimensions: ['phenomenon'],
  filters: ['regions', 'from', 'to', 'receiving_party', 'source'],
  params: [],
  roles: ['inspectie', 'nctv', 'regio', 'beheer'],
  columns: [
    dim('phenomenon', 'Fenomeen', 'Phenomenon', { order: PHENOMENA }),
    count('signals', 'Signalen', 'Signals'),
    count('region_signals', 'Signalen regio (N)', 'Region signals (N)', { sameAs: (row) => ({ row: { ...row, phenomenon: null }, column: 'region_signals' }) }),
    share('share', 'Aandeel', 'Share', 'signals', 'region_signals'),
    { name: 'rest_share', kind: 'share', label: { nl: 'Aandeel in andere regio\'s (p)', en: 'Share in other regions (p)' }, from: FROM },
    { name: 'expected', kind: 'ratio', label: { nl: 'Verwacht (N·p)', en: 'Expected (N·p)' }, from: FROM },
    { name: 'probability', kind: 'probability', label: { nl: 'P(X ≤ waargenomen)', en: 'P(X ≤ observed)' }, from: FROM },
    { name: 'under_covered', kind: 'flag', label: { nl: 'Ondervertegenwoordigd', en: 'Under-covered' }, from: FROM },
  ] satisfies MetricColumn[],
  disclosure: {
    totals: 'additive',
    crossLines: [{ total: 'region_signals', part: 'signals', over: 'phenomenon' }],
    description: {
      nl: 'Tellingen onder k onderdrukt; secundair langs de regio (N = som over fenomenen) en langs de landelijke totaalrij per fenomeen. p, verwacht, kans en vlag vervallen bij een onderdrukte telling: samen met het landelijk totaal zouden ze die verraden.',
      en: 'Counts below k suppressed; secondary along the region (N = sum over phenomena) and the national total row per phenomenon. p, expected, probability and flag are suppressed with a suppressed count: together with the national total they would reveal it.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    return b.statement(`SELECT region_code, phenomenon, count(*) AS signals
FROM signal_facts
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, phenomenon`);
  },
  rows: coverageRows,
};

function coverageRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  const n = new Map<string, number>(); // `${region}|${phenomenon}`
  const regionTotal = new Map<string, number>();
  const phenomenonTotal = new Map<string, number>();
  let total = 0;
  for (const r of raw) {
    const region = String(r.region_code);
    const f = String(r.phenomenon);
    const c = num(r.signals);
    n.set(`${region}|${f}`, c);
    regionTotal.set(region, (regionTotal.get(region) ?? 0) + c);
    phenomenonTotal.set(f, (phenomenonTotal.get(f) ?? 0) + c);
    total += c;
  }
  const rows: Row[] = [];
  for (const [region, N] of regionTotal) {
    for (const f of PHENOMENA) {
      const observed = n.get(`${region}|${f}`) ?? 0;
      const row: Row = { region_code: region, phenomenon: f, signals: observed, region_signals: N, rest_share: null, expected: null, probability: null, under_covered: null };
      const rest = total - N;
      if ((COVERAGE_PHENOMENA as readonly string[]).includes(f) && rest > 0) {
        const p = ((phenomenonTotal.get(f) ?? 0) - observed) / rest;
        const expected = N * p;
        const probability = binomialCdf(observed, N, p);
        Object.assign(row, { rest_share: p, expected, probability, under_covered: observed < expected && probability < SIGNIFICANCE });
      }
      rows.push(row);
    }
  }
  if (ctx.totals && total > 0) {
    for (const f of PHENOMENA) {
      rows.push({ region_code: null, phenomenon: f, signals: phenomenonTotal.get(f) ?? 0, region_signals: total, rest_share: null, expected: null, probability: null, under_covered: null });
    }
  }
  return rows;
}
