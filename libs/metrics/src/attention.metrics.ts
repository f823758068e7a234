/**
 * attention (extension, issue 10 item 2): the changes that need attention. Per region and
 * series (`phenomenon:<code>`, `source:<code>`) the last complete quarter of the period
 * against the same quarter a year earlier, with the exact conditional test for the ratio of
 * two Poisson counts and Benjamini–Hochberg q-values over every series tested.
 */
import { PHENOMENA, REGION_CODES, SOURCES } from '@weegwijzer/contract';
import { count, dim, num, strOrNull } from './columns';
import { addReleasedBin, REGION_INDEX } from './cube';
import { binMonths, monthEnd, monthIndex, monthStart } from './periods';
import { binColumn, periodCondition, scopeWhere, SqlBuilder, signalCounts } from './sql';
import { binomialCdf } from './stats';
import type { MetricColumn, MetricContext, MetricDefinition, Note, Row } from './types';

/** q below this is flagged (the false discovery rate controlled over all series). */
export const ATTENTION_FDR = 0.05;
/** Series with fewer signals in the two quarters together are not tested (too few to mean anything). */
export const ATTENTION_MIN_TOTAL = 20;
/** A quarter counts as complete when the data reach within this many days of its last day. */
export const ATTENTION_COMPLETE_SLACK_DAYS = 7;

const FROM = ['observed', 'expected'];
export const ATTENTION_SERIES: readonly string[] = [...PHENOMENA.map((p) => `phenomenon:${p}`), ...SOURCES.map((s) => `source:${s}`)];

export const attentionMetric: MetricDefinition = {
  name: 'attention',
  label: { nl: 'Aandachtspunten', en: 'Attention list' },
  description: {
    nl: "Per regio en reeks (fenomeen, bron) en landelijk: signalen in het laatste volledige kwartaal van de periode (waargenomen) tegenover hetzelfde kwartaal een jaar eerder (verwacht). Exacte voorwaardelijke toets voor de verhouding van twee Poisson-aantallen: gegeven de som n is het waargenomen aantal bij gelijkblijvend niveau Binomiaal(n, ½); tweezijdige p = min(1, 2·P(X ≤ min(x, n−x))). q-waarden volgens Benjamini–Hochberg over alle getoetste reeksen (alle regio's en landelijk, wat regions= ook selecteert); gemarkeerd als q < 0,05. Reeksen met minder dan 20 signalen in beide kwartalen samen worden niet getoetst. Een kwartaal is volledig als `to` na het einde ervan ligt en de gegevens tot binnen 7 dagen van het einde reiken.",
    en: 'Per region and series (phenomenon, source) and nationally: signals in the last complete quarter of the period (observed) against the same quarter a year earlier (expected). Exact conditional test for the ratio of two Poisson counts: given the sum n, the observed count is Binomial(n, ½) when nothing changed; two-sided p = min(1, 2·P(X ≤ min(x, n−x))). Benjamini–Hochberg q-values over every series tested (all regions and the nation, whatever regions= selects); flagged when q < 0.05. Series with fewer than 20 signals in the two quarters together are not tested. A quarter is complete when `to` is not before its end and the data reach within 7 days of its end.',
  },
  unit: 'signals',
  grain: 'region × series',
  dimensions: ['series', 'period', 'baseline_period'],
  filters: ['regions', 'from', 'to', 'receiving_party'],
  params: [],
  roles: ['inspectie', 'nctv', 'beheer'],
  largestBin: 'quarter',
  columns: [
    dim('series', 'Reeks', 'Series', { order: ATTENTION_SERIES }),
    dim('period', 'Kwartaal', 'Quarter'),
    dim('baseline_period', 'Vergeleken met', 'Compared with'),
    count('observed', 'Waargenomen (dit kwartaal)', 'Observed (this quarter)'),
    count('expected', 'Verwacht (zelfde kwartaal vorig jaar)', 'Expected (same quarter last year)'),
    { name: 'p_value', kind: 'probability', label: { nl: 'p-waarde', en: 'p-value' }, from: FROM },
    { name: 'q_value', kind: 'probability', label: { nl: 'q-waarde (Benjamini–Hochberg)', en: 'q-value (Benjamini–Hochberg)' }, from: FROM },
    { name: 'flag', kind: 'flag', label: { nl: 'Aandachtspunt', en: 'Flagged' }, from: FROM },
  ] satisfies MetricColumn[],
  disclosure: {
    description: {
      nl: 'Beide kwartaaltellingen zijn eigen cellen met celsleutelruis (±2), dezelfde als die van trend per kwartaal; waarden 1 tot k na ruis verborgen. p, q en de vlag worden berekend uit de gepubliceerde tellingen en vervallen als een van beide verborgen is; verborgen reeksen tellen niet mee in de Benjamini–Hochberg-correctie.',
      en: 'Both quarterly counts are cells of their own with cell-key noise (±2), the same as trend by quarter; values 1 to k after noise hidden. p, q and the flag are computed from the released counts and are not given when either is hidden; hidden series do not enter the Benjamini–Hochberg correction.',
    },
  },
  /** With the statsSql rows: only the months of the two quarters compared (none when there is no comparison). */
  sql(ctx, stats) {
    const b = new SqlBuilder();
    const src = signalCounts(ctx, ['phenomenon', 'source']);
    const where = scopeWhere(b, ctx); // parameters in text order: the scope's first
    let months = '';
    if (stats) {
      const q = comparedQuarters(ctx, stats);
      months = q
        ? `\n  AND (${periodCondition(b, monthStart(q.baseline), monthEnd(q.baseline + 2))} OR ${periodCondition(b, monthStart(q.target), monthEnd(q.target + 2))})`
        : '\n  AND FALSE';
    }
    return b.statement(`SELECT region_code, phenomenon, source, ${binColumn(ctx)}, ${src.count('signals')}
FROM ${src.table}
WHERE ${where}${months}
GROUP BY region_code, phenomenon, source, bin`);
  },
  statsFirst: true,
  /** How far the data reach (the latest received_at in scope): which quarter is complete. */
  statsSql(ctx) {
    const b = new SqlBuilder();
    return b.statement(`SELECT max(received_at) AS last_received
FROM signal_facts
WHERE ${scopeWhere(b, ctx)}`);
  },
  rows: attentionRows,
  complete: compareQuarters,
  dense: attentionDense,
  derive: attentionDerive,
  notes: attentionNotes,
};

/** `2025-Q4` of a bin (quarter or month). */
function quarterLabel(bin: number): string {
  const [first] = binMonths(bin);
  return quarterOfMonth(first);
}

function quarterOfMonth(m: number): string {
  return `${Math.floor(m / 12)}-Q${Math.floor((m % 12) / 3) + 1}`;
}

/** One bin's rows: per region (and nationally) and quarter, a count per series. */
function attentionRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  const out: Row[] = [];
  // region -> series -> period -> cell (no key string per raw row)
  const cells = new Map<string | null, Map<string, Map<string, Row>>>();
  const add = (region: string | null, series: string, period: string, n: number) => {
    let bySeries = cells.get(region);
    if (!bySeries) cells.set(region, (bySeries = new Map()));
    let byPeriod = bySeries.get(series);
    if (!byPeriod) bySeries.set(series, (byPeriod = new Map()));
    const c = byPeriod.get(period);
    if (c) c.observed = (c.observed as number) + n;
    else {
      const cell = { region_code: region, series, period, observed: n };
      byPeriod.set(period, cell);
      out.push(cell);
    }
  };
  const labels = new Map<number, string>();
  const names = { phenomenon: new Map<string, string>(), source: new Map<string, string>() };
  const seriesName = (kind: 'phenomenon' | 'source', code: unknown) => {
    const key = String(code);
    let name = names[kind].get(key);
    if (name === undefined) names[kind].set(key, (name = `${kind}:${key}`));
    return name;
  };
  for (const r of raw) {
    const bin = num(r.bin);
    let period = labels.get(bin);
    if (period === undefined) labels.set(bin, (period = quarterLabel(bin)));
    const n = num(r.signals);
    const phenomenon = seriesName('phenomenon', r.phenomenon);
    const source = seriesName('source', r.source);
    const region = String(r.region_code);
    add(region, phenomenon, period, n);
    add(region, source, period, n);
    if (ctx.totals) {
      add(null, phenomenon, period, n);
      add(null, source, period, n);
    }
  }
  return out;
}

const DAY = 86_400_000;

/**
 * The last complete quarter of the period: its last month is not after `to`, and the data
 * (latest received_at) reach within ATTENTION_COMPLETE_SLACK_DAYS of its last day. Returns
 * its first month, or null.
 */
export function targetQuarter(lastReceived: string | null, to: string | undefined): number | null {
  if (!lastReceived) return null;
  let limit = monthIndex(lastReceived);
  const daysToEnd = (Date.parse(`${monthEnd(limit)}T00:00:00Z`) - Date.parse(`${lastReceived}T00:00:00Z`)) / DAY;
  if (daysToEnd > ATTENTION_COMPLETE_SLACK_DAYS) limit -= 1;
  if (to) limit = Math.min(limit, monthIndex(to));
  // the last quarter ending on or before month `limit`
  const lastMonth = Math.floor((limit + 1) / 3) * 3 - 1;
  return lastMonth - 2;
}

/** The first months of the quarter compared (target) and of the same quarter a year earlier (baseline), or null when the period holds no such pair. */
function comparedQuarters(ctx: MetricContext, stats?: Record<string, unknown>[]): { target: number; baseline: number } | null {
  const target = targetQuarter(strOrNull(stats?.[0]?.last_received), ctx.scope.to);
  if (target === null) return null;
  const baseline = target - 12;
  if (ctx.scope.from && monthStart(baseline) < ctx.scope.from) return null;
  return { target, baseline };
}

/** Rows per region × series (every region): the target quarter's count (observed) and the same quarter a year earlier (expected). */
function compareQuarters(rows: Row[], ctx: MetricContext, stats?: Record<string, unknown>[]): Row[] {
  const q = comparedQuarters(ctx, stats);
  if (!q) return [];
  const { target, baseline } = q;
  const period = quarterOfMonth(target);
  const baselinePeriod = quarterOfMonth(baseline);
  const byId = new Map<string, Row>();
  for (const r of rows) byId.set(`${r.region_code}|${r.series}|${r.period}`, r);
  // every region (and the nation), with data or not: a missing row would tell "no signal" (as everyRow in run.ts)
  const regions: (string | null)[] = [...REGION_CODES, ...(ctx.totals ? [null] : [])];
  const value = (region: string | null, series: string, p: string) => {
    const v = byId.get(`${region}|${series}|${p}`)?.observed;
    return typeof v === 'number' ? v : 0;
  };
  const out: Row[] = [];
  for (const region of regions) {
    for (const series of ATTENTION_SERIES) {
      out.push({ region_code: region, series, period, baseline_period: baselinePeriod, observed: value(region, series, period), expected: value(region, series, baselinePeriod) });
    }
  }
  return out;
}

/** A series' position in ATTENTION_SERIES: phenomena first, then sources. */
const PHENOMENON_SERIES = new Map<string, number>(PHENOMENA.map((p, i) => [p, i]));
const SOURCE_SERIES = new Map<string, number>(SOURCES.map((s, i) => [s, PHENOMENA.length + i]));

/**
 * attentionRows + the per-bin release + compareQuarters in one pass over typed arrays: each
 * bin's [count, key sum] per region (the nation last) × series, a raw row adding to its
 * phenomenon's and its source's series; each bin released on its sums (or exact, for the own
 * region and exact mode) and added to the quarter it falls in, when that is the target or the
 * baseline quarter. The rows come out as compareQuarters makes them, in the response's order
 * (regions in code order, then the nation; series in ATTENTION_SERIES order). Undefined for a
 * region, phenomenon or source outside the code lists (the generic route then runs).
 */
function attentionDense(
  raw: Record<string, unknown>[],
  ctx: MetricContext,
  _columns: readonly MetricColumn[],
  exactRegion: (region: string | null) => boolean,
  stats?: Record<string, unknown>[],
): Row[] | undefined {
  const q = comparedQuarters(ctx, stats);
  if (!q) return [];
  const R = REGION_CODES.length;
  const S = ATTENTION_SERIES.length;
  const cells = (R + 1) * S;
  // per bin: the quarter slot it falls in (0 target, 1 baseline) and its [count, key sum] per cell
  const bins = new Map<number, { slot: number; sums: Float64Array }>();
  for (const r of raw) {
    const region = REGION_INDEX.get(String(r.region_code));
    const p = PHENOMENON_SERIES.get(String(r.phenomenon));
    const s = SOURCE_SERIES.get(String(r.source));
    if (region === undefined || p === undefined || s === undefined) return undefined;
    const id = num(r.bin);
    let bin = bins.get(id);
    if (!bin) {
      const first = binMonths(id)[0];
      const quarter = first - (first % 3);
      bins.set(id, (bin = { slot: quarter === q.target ? 0 : quarter === q.baseline ? 1 : -1, sums: new Float64Array(2 * cells) }));
    }
    if (bin.slot < 0) continue;
    const n = num(r.signals);
    const k = num(r.signals__k);
    const sums = bin.sums;
    for (const at of [region * S + p, region * S + s, R * S + p, R * S + s]) {
      sums[2 * at] += n;
      sums[2 * at + 1] += k;
    }
  }
  // per slot (target, baseline): each cell's true and released sums over the bins
  const exact = [new Float64Array(cells), new Float64Array(cells)];
  const released = [new Float64Array(cells), new Float64Array(cells)];
  for (const { slot, sums } of bins.values()) if (slot >= 0) addReleasedBin(sums, exact[slot], released[slot]);
  const period = quarterOfMonth(q.target);
  const baselinePeriod = quarterOfMonth(q.baseline);
  const out: Row[] = [];
  const emit = (region: string | null, at: number) => {
    const [observed, expected] = exactRegion(region) ? exact : released;
    for (let s = 0; s < S; s++) {
      const c = at * S + s;
      out.push({ region_code: region, series: ATTENTION_SERIES[s], period, baseline_period: baselinePeriod, observed: observed[c], expected: expected[c] });
    }
  };
  for (let region = 0; region < R; region++) emit(REGION_CODES[region], region);
  if (ctx.totals) emit(null, R);
  return out;
}

/** Two-sided exact p of the conditional test: X ~ Binomial(n, ½) given n = observed + expected. */
export function poissonRatioPValue(observed: number, expected: number): number {
  const n = observed + expected;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialCdf(Math.min(observed, expected), n, 0.5));
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => i).sort((a, b) => p[a] - p[b]);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    running = Math.min(running, (p[i] * m) / rank);
    q[i] = running;
  }
  return q;
}

/**
 * Rule 7: p from the released counts; q over every series whose counts are released (not
 * 1..k−1, which will be hidden) and that has at least ATTENTION_MIN_TOTAL signals.
 */
function attentionDerive(rows: Row[], ctx: MetricContext): void {
  const hidden = (v: number) => v > 0 && v < ctx.k;
  const tested: Row[] = [];
  for (const row of rows) {
    Object.assign(row, { p_value: null, q_value: null, flag: null });
    const o = row.observed as number;
    const e = row.expected as number;
    if (hidden(o) || hidden(e)) continue;
    row.p_value = poissonRatioPValue(o, e);
    row.flag = false;
    if (o + e >= ATTENTION_MIN_TOTAL) tested.push(row);
  }
  const q = benjaminiHochberg(tested.map((r) => r.p_value as number));
  tested.forEach((r, i) => {
    r.q_value = q[i];
    r.flag = q[i] < ATTENTION_FDR;
  });
}

function attentionNotes(_ctx: MetricContext, rows: Row[]): Note[] {
  if (rows.length === 0) {
    return [
      {
        code: 'attention_no_quarter',
        nl: 'Geen vergelijking: de periode bevat geen volledig kwartaal met hetzelfde kwartaal een jaar eerder (kies een periode van minstens vijftien maanden die op een kwartaalgrens eindigt).',
        en: 'No comparison: the period holds no complete quarter together with the same quarter a year earlier (choose a period of at least fifteen months ending on a quarter boundary).',
      },
    ];
  }
  const tested = rows.filter((r) => r.q_value !== null).length;
  const flagged = rows.filter((r) => r.flag === true).length;
  return [
    {
      code: 'attention_compared',
      nl: `Vergeleken: ${rows[0].period} met ${rows[0].baseline_period}. ${tested} reeksen getoetst, ${flagged} gemarkeerd (q < ${String(ATTENTION_FDR).replace('.', ',')}): naar verwachting is hooguit 5% daarvan toeval.`,
      en: `Compared: ${rows[0].period} with ${rows[0].baseline_period}. ${tested} series tested, ${flagged} flagged (q < ${ATTENTION_FDR}): at most 5% of those are expected to be chance.`,
    },
  ];
}
