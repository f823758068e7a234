import type { ColumnKind, MetricRow } from '../../api/types';
import type { MessageKey } from '../../i18n/messages';

/** One number per region that the overview can map and put on the scorecard. */
export interface Indicator {
  id: string;
  label: MessageKey;
  bottleneck: 1 | 2 | 3 | 4 | 5;
  metric: string;
  column: string;
  kind: ColumnKind;
  /** Which row of the metric holds the indicator (besides its region). */
  row?: (r: MetricRow, ctx: { latestYear: number | null }) => boolean;
}

export const INDICATORS: Indicator[] = [
  { id: 'drop_rate', label: 'ind_drop_rate', bottleneck: 2, metric: 'dropoff', column: 'drop_rate', kind: 'share' },
  { id: 'explicit_share', label: 'ind_framework_share', bottleneck: 2, metric: 'dropoff', column: 'explicit_share', kind: 'share' },
  { id: 'coverage', label: 'ind_criteria_coverage', bottleneck: 2, metric: 'criteria_coverage', column: 'coverage', kind: 'share' },
  {
    id: 'meldpunt_rate',
    label: 'ind_meldpunt_rate',
    bottleneck: 3,
    metric: 'reach',
    column: 'rate_per_100k',
    kind: 'rate_per_100k',
    row: (r, ctx) => r.level === 'region' && (ctx.latestYear === null || Number(r.year) === ctx.latestYear),
  },
  { id: 'direct_rate', label: 'ind_direct_rate', bottleneck: 4, metric: 'dropoff', column: 'direct_rate', kind: 'share' },
  {
    id: 'decision_recorded',
    label: 'ind_decision_recorded',
    bottleneck: 4,
    metric: 'integrality',
    column: 'share',
    kind: 'share',
    row: (r) => r.stage === 'weegploeg' && r.measure === 'decision_recorded',
  },
  {
    id: 'info_all_three',
    label: 'ind_info_all_three',
    bottleneck: 5,
    metric: 'integrality',
    column: 'share',
    kind: 'share',
    row: (r) => r.stage === 'weegploeg' && r.measure === 'information_all_parties',
  },
  {
    id: 'all_present',
    label: 'ind_all_present',
    bottleneck: 5,
    metric: 'integrality',
    column: 'share',
    kind: 'share',
    row: (r) => r.stage === 'weegploeg' && r.measure === 'all_parties_present',
  },
];

/** The key of a row on the overview: its region code, or for a regio caller `own` / a peer statistic. */
export function rowKey(r: MetricRow): string | null {
  if (r.group === 'total') return null;
  if (r.group === 'own') return 'own';
  if (typeof r.group === 'string' && r.group.startsWith('peer_')) return r.group;
  return typeof r.region_code === 'string' ? r.region_code : null;
}
