/** phenomenon_coverage (METRICS.md §8): which phenomena a region recognises less than the rest of the country. */
import { COVERAGE_PHENOMENA, PHENOMENA, REGION_CODES } from '@weegwijzer/contract';
import { count, dim, num, share } from './columns';
import { addReleasedBin, REGION_INDEX } from './cube';
import { binColumn, scopeWhere, SqlBuilder, signalCounts } from './sql';
import { binomialCdf } from './stats';
import type { MetricColumn, MetricContext, MetricDefinition, Row } from './types';

const FROM = ['signals', 'region_signals'];
const SIGNIFICANCE = 0.05;

export const phenomenonCoverageMetric: MetricDefinition = {
  name: 'phenomenon_coverage',
  label: { nl: 'Dekking van fenomenen', en: 'Phenomenon coverage' },
  description: {
    nl: "Signalen per fenomeen per regio en hun aandeel. Voor jihadisme, rechts-extremisme, links-extremisme en anti-institutioneel: p = aandeel van het fenomeen in alle andere regio's in de selectie, verwacht = N·p, ondervertegenwoordigd als waargenomen < verwacht en de eenzijdige binomiale kans P(X ≤ waargenomen | N, p) < 0,05.",
    en: "Signals per phenomenon per region and their share. For jihadisme, rechts_extremisme, links_extremisme and anti_institutioneel: p = the phenomenon's share among signals of all other regions in scope, expected = N·p, under_covered when observed < expected and the one-sided binomial P(X ≤ observed | N, p) < 0.05.",
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
    count('region_signals', 'Signalen regio (N)', 'Region signals (N)'),
    share('share', 'Aandeel', 'Share', 'signals', 'region_signals'),
    { name: 'rest_share', kind: 'share', label: { nl: "Aandeel in andere regio's (p)", en: 'Share in other regions (p)' }, from: FROM },
    { name: 'expected', kind: 'ratio', label: { nl: 'Verwacht (N·p)', en: 'Expected (N·p)' }, from: FROM },
    { name: 'probability', kind: 'probability', label: { nl: 'P(X ≤ waargenomen)', en: 'P(X ≤ observed)' }, from: FROM },
    // not `from` the region's count: a hidden count (1..k−1) is flagged on its upper bound k−1 (see derive)
    { name: 'under_covered', kind: 'flag', label: { nl: 'Ondervertegenwoordigd', en: 'Under-covered' }, from: ['region_signals'] },
  ] satisfies MetricColumn[],
  disclosure: {
    description: {
      nl: "Tellingen met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. N van een regio is een eigen cel (dezelfde waarde op elke fenomeenrij). p is het aandeel over de gepubliceerde tellingen van alle andere regio's; verwacht, kans en vlag vervallen als een telling waarop ze rusten verborgen is.",
      en: "Counts with cell-key noise (±2); values 1 to k after noise hidden. A region's N is a cell of its own (the same value on each phenomenon row). p is the share over the released counts of all other regions; expected, probability and flag are not given when a count they rest on is hidden.",
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const src = signalCounts(ctx, ['phenomenon']);
    const g = src.grouped(['phenomenon']);
    return b.statement(`SELECT region_code, phenomenon, ${binColumn(ctx)}, ${g.count('signals')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
${g.groupBy}`);
  },
  rows: coverageRows,
  dense: coverageDense,
  derive: coverageDerive,
};

/** Counts per region × phenomenon with the region's N on every row, and national rows. */
function coverageRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  const n = new Map<string, number>(); // `${region}|${phenomenon}`
  const regionTotal = new Map<string, number>();
  const phenomenonTotal = new Map<string, number>();
  let total = 0;
  for (const r of raw) {
    const region = String(r.region_code);
    const f = String(r.phenomenon);
    const c = num(r.signals);
    n.set(`${region}|${f}`, (n.get(`${region}|${f}`) ?? 0) + c);
    regionTotal.set(region, (regionTotal.get(region) ?? 0) + c);
    phenomenonTotal.set(f, (phenomenonTotal.get(f) ?? 0) + c);
    total += c;
  }
  const rows: Row[] = [];
  for (const [region, N] of regionTotal) {
    for (const f of PHENOMENA) rows.push({ region_code: region, phenomenon: f, signals: n.get(`${region}|${f}`) ?? 0, region_signals: N });
  }
  if (ctx.totals) for (const f of PHENOMENA) rows.push({ region_code: null, phenomenon: f, signals: phenomenonTotal.get(f) ?? 0, region_signals: total });
  return rows;
}

const PHENOMENON_INDEX = new Map<string, number>(PHENOMENA.map((f, i) => [f, i]));

/**
 * coverageRows and the default fill in typed arrays (the dense route, as cube.ts): per bin
 * and per region (the nation last) the count of each phenomenon and the region's N (the last
 * slot), released per bin, then every region × phenomenon in the response's order. Undefined
 * for a region or phenomenon outside the code lists (the generic route then runs).
 */
function coverageDense(raw: Record<string, unknown>[], ctx: MetricContext, _columns: readonly MetricColumn[], exactRegion: (region: string | null) => boolean): Row[] | undefined {
  const R = REGION_CODES.length;
  const P = PHENOMENA.length;
  const width = P + 1;
  const size = (R + 1) * width;
  const bins = new Map<unknown, Float64Array>();
  for (const r of raw) {
    const region = REGION_INDEX.get(String(r.region_code));
    const f = PHENOMENON_INDEX.get(String(r.phenomenon));
    if (region === undefined || f === undefined) return undefined;
    const bin = r.bin ?? '';
    let b = bins.get(bin);
    if (!b) bins.set(bin, (b = new Float64Array(2 * size)));
    const n = num(r.signals);
    const k = num(r.signals__k);
    for (const at of [region * width + f, region * width + P, R * width + f, R * width + P]) {
      b[2 * at] += n;
      b[2 * at + 1] += k;
    }
  }
  const exact = new Float64Array(size);
  const released = new Float64Array(size);
  for (const b of bins.values()) addReleasedBin(b, exact, released);
  const rows: Row[] = [];
  const emit = (group: string, code: string | null, slot: number) => {
    const values = exactRegion(code) ? exact : released;
    for (let f = 0; f < P; f++) rows.push({ group, region_code: code, phenomenon: PHENOMENA[f], signals: values[slot * width + f], region_signals: values[slot * width + P] });
  };
  for (let region = 0; region < R; region++) emit('region', REGION_CODES[region], region);
  if (ctx.totals) emit('total', null, R);
  return rows;
}

/**
 * Rule 7: p, expected and the binomial probability from the released counts of the other
 * regions. A region's count that will be hidden (released 1..k−1) is tested on its upper
 * bound k−1: the flag then says only "fewer than k, and significantly so", which the hidden
 * value already tells, while the strongest gaps stay visible.
 */
function coverageDerive(rows: Row[], ctx: MetricContext): void {
  const value = (v: unknown) => (typeof v === 'number' ? v : 0);
  const regionRows = rows.filter((r) => r.region_code !== null);
  const byPhenomenon = new Map<string, number>();
  const regionN = new Map<string, number>();
  for (const r of regionRows) {
    byPhenomenon.set(r.phenomenon as string, (byPhenomenon.get(r.phenomenon as string) ?? 0) + value(r.signals));
    regionN.set(r.region_code as string, value(r.region_signals));
  }
  const allN = [...regionN.values()].reduce((s, x) => s + x, 0);
  for (const row of rows) {
    Object.assign(row, { rest_share: null, expected: null, probability: null, under_covered: null });
    const f = row.phenomenon as string;
    if (row.region_code === null || !(COVERAGE_PHENOMENA as readonly string[]).includes(f)) continue;
    const N = value(row.region_signals);
    const observed = value(row.signals);
    const rest = allN - N;
    if (rest <= 0 || N <= 0) continue;
    const p = Math.min(1, Math.max(0, ((byPhenomenon.get(f) ?? 0) - observed) / rest));
    const expected = N * p;
    const probability = binomialCdf(Math.min(observed, N), N, p);
    const tested = observed > 0 && observed < ctx.k ? ctx.k - 1 : observed;
    // (tested on the count itself: that is the probability above)
    const flagged = tested < expected && (tested === observed ? probability : binomialCdf(Math.min(tested, N), N, p)) < SIGNIFICANCE;
    Object.assign(row, { rest_share: p, expected, probability, under_covered: flagged });
  }
}
