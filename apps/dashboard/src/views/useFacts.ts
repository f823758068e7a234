import { useMemo } from 'react';
import type { MetricResponse } from '../api/types';
import { useApp } from '../app/context';
import { monthEnd, monthStart } from '../app/url-state';
import { useLabeller, useMetric, type MetricLoad } from '../components/metric';
import type { TableCell } from '../lib/table';
import { FACTS, FACT_SOURCES, factCells, type FactSource } from './facts';

export type FactLoads = Record<FactSource, MetricLoad>;

/**
 * The metric requests behind the figures, for the current filters or another period (the
 * previous one, for the comparison) and optionally one region (the region page).
 */
export function useFactLoads(opts: { period?: { from: string; to: string } | null; region?: string | null; enabled?: boolean } = {}): FactLoads {
  const enabled = opts.enabled !== false && opts.period !== null;
  const extra: Record<string, string> = {
    ...(opts.period ? { from: monthStart(opts.period.from), to: monthEnd(opts.period.to) } : {}),
    ...(opts.region ? { regions: opts.region } : {}),
  };
  const params = (s: FactSource) => ({ ...FACT_SOURCES[s].params, ...extra });
  const o = { enabled };
  return {
    flow: useMetric('flow', params('flow'), o),
    dropoff: useMetric('dropoff', params('dropoff'), o),
    leadtime: useMetric('leadtime', params('leadtime'), o),
    criteria_coverage: useMetric('criteria_coverage', params('criteria_coverage'), o),
    reach: useMetric('reach', params('reach'), o),
    integrality: useMetric('integrality', params('integrality'), o),
  };
}

export const dataOf = (l: MetricLoad | undefined): MetricResponse | null => (l?.status === 'ready' ? l.data : null);

/** Every figure's cells per row key (null for a figure whose metric lacks the column). */
export function useFactCells(loads: FactLoads): Map<string, Map<string, TableCell> | null> {
  const labeller = useLabeller();
  const { lang } = useApp();
  const datas = Object.values(loads).map(dataOf);
  return useMemo(() => {
    const out = new Map<string, Map<string, TableCell> | null>();
    for (const f of FACTS) out.set(f.id, factCells(dataOf(loads[f.source]), f, labeller, lang));
    return out;
    // the responses themselves say when the cells change
  }, [...datas, labeller, lang]);
}

export function factsLoading(loads: FactLoads): boolean {
  return Object.values(loads).some((l) => l.available && l.status === 'loading');
}
