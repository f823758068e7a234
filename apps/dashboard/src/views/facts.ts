/**
 * The figures the overview, its scorecard and the region page show: which metric, column and
 * row each comes from. Pure data plus pure helpers: no number is computed here, every value is
 * a released cell of a metric response.
 */
import type { ColumnKind, MetricResponse, MetricRow } from '../api/types';
import type { Labeller } from '../app/context';
import type { Lang, MessageKey } from '../i18n/messages';
import { buildTable, type TableCell } from '../lib/table';

/** The metric requests the figures read, by key, with their fixed parameters. */
export const FACT_SOURCES = {
  flow: { metric: 'flow', params: {} },
  dropoff: { metric: 'dropoff', params: { by: 'none' } },
  leadtime: { metric: 'leadtime', params: {} },
  criteria_coverage: { metric: 'criteria_coverage', params: {} },
  reach: { metric: 'reach', params: {} },
  integrality: { metric: 'integrality', params: {} },
} as const;
export type FactSource = keyof typeof FACT_SOURCES;

export interface Fact {
  id: string;
  label: MessageKey;
  source: FactSource;
  column: string;
  kind: ColumnKind;
  /** The knelpunt (bottleneck) of the inspection report the figure belongs to, for the scorecard. */
  bottleneck?: 1 | 2 | 3 | 4 | 5;
  /** On the overview's headline strip. */
  headline?: boolean;
  /** Which row of the metric holds the figure (besides its region). */
  row?: (r: MetricRow, ctx: { latestYear: number | null }) => boolean;
}

const weegploeg = (measure: string) => (r: MetricRow) => r.stage === 'weegploeg' && r.measure === measure;

export const FACTS: Fact[] = [
  { id: 'signals', label: 'headlineSignals', source: 'flow', column: 'signals', kind: 'count', headline: true },
  { id: 'reached', label: 'headlineReached', source: 'flow', column: 'reached', kind: 'count', headline: true },
  { id: 'signals_per_fte', label: 'ind_signals_per_fte', source: 'flow', column: 'signals_per_fte', kind: 'ratio', bottleneck: 1 },
  { id: 'drop_rate', label: 'ind_drop_rate', bottleneck: 2, source: 'dropoff', column: 'drop_rate', kind: 'share', headline: true },
  { id: 'median_days', label: 'headlineLeadTime', source: 'leadtime', column: 'median_days_to_first_wp', kind: 'days', headline: true },
  { id: 'explicit_share', label: 'ind_framework_share', bottleneck: 2, source: 'dropoff', column: 'explicit_share', kind: 'share' },
  { id: 'coverage', label: 'ind_criteria_coverage', bottleneck: 2, source: 'criteria_coverage', column: 'coverage', kind: 'share' },
  {
    id: 'meldpunt_rate',
    label: 'ind_meldpunt_rate',
    bottleneck: 3,
    source: 'reach',
    column: 'rate_per_100k',
    kind: 'rate_per_100k',
    row: (r, ctx) => (r.level === 'region' || r.level === 'national') && (ctx.latestYear === null || Number(r.year) === ctx.latestYear),
  },
  { id: 'direct_rate', label: 'ind_direct_rate', bottleneck: 4, source: 'dropoff', column: 'direct_rate', kind: 'share' },
  { id: 'decision_recorded', label: 'ind_decision_recorded', bottleneck: 4, source: 'integrality', column: 'share', kind: 'share', row: weegploeg('decision_recorded') },
  { id: 'info_all_three', label: 'ind_info_all_three', bottleneck: 5, source: 'integrality', column: 'share', kind: 'share', row: weegploeg('information_all_parties') },
  { id: 'all_present', label: 'ind_all_present', bottleneck: 5, source: 'integrality', column: 'share', kind: 'share', row: weegploeg('all_parties_present') },
];

export const HEADLINES = FACTS.filter((f) => f.headline);
export const INDICATORS = FACTS.filter((f) => f.bottleneck !== undefined);

export const PEER_KEYS = ['peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max'] as const;

/** The key of a row: its region code, `total` (national), or for a regio caller `own` / a peer statistic. */
export function rowKey(r: MetricRow): string | null {
  if (r.group === 'total' || (r.group === undefined && r.region_code === null)) return 'total';
  if (r.group === 'own') return 'own';
  if (typeof r.group === 'string' && r.group.startsWith('peer_')) return r.group;
  return typeof r.region_code === 'string' ? r.region_code : null;
}

/** The latest year in a reach response (reach is per calendar year: figures show the latest). */
export function latestYearOf(data: MetricResponse | null | undefined): number | null {
  const ys = (data?.rows ?? []).map((x) => Number(x.year)).filter(Number.isFinite);
  return ys.length ? Math.max(...ys) : null;
}

/**
 * The cells of one figure per row key, formatted and with suppression as the tables show them;
 * null when the response lacks the column (e.g. a metric version without it).
 */
export function factCells(data: MetricResponse | null | undefined, fact: Fact, labeller: Labeller, lang: Lang): Map<string, TableCell> | null {
  if (!data || !data.columns.some((c) => c.name === fact.column)) return null;
  const ctx = { latestYear: fact.source === 'reach' ? latestYearOf(data) : null };
  const m = buildTable(data, {
    lang,
    caption: '',
    columns: [fact.column],
    rowFilter: fact.row ? (r) => fact.row!(r, ctx) : undefined,
    columnLabel: () => fact.column,
    dimensionText: labeller.dimensionText,
  });
  const out = new Map<string, TableCell>();
  m.source.forEach((r, i) => {
    const key = rowKey(r);
    if (key && !out.has(key)) out.set(key, m.rows[i][0]);
  });
  return out;
}
