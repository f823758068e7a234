import { useMemo } from 'react';
import type { ColumnKind, MetricRow } from '../api/types';
import { useApp } from '../app/context';
import { barHeight, barOption } from '../charts/bar';
import { EChart } from '../charts/EChart';
import { cellOf, filterRows, findRow, type TableModel } from '../lib/table';

/** Rows of one region (named, or a regio caller's own), i.e. not the total and not a peer statistic. */
export const isRegionRow = (r: MetricRow) => r.group === 'region' || r.group === 'own' || (r.group === undefined && r.region_code !== null);
/** Rows a chart draws: regions and, for a regio caller, the peer statistics; not the total row. */
export const isChartRow = (r: MetricRow) => r.group !== 'total' && !(r.group === undefined && r.region_code === null);
export const isTotalRow = (r: MetricRow) => r.group === 'total' || (r.group === undefined && r.region_code === null);
export const isOwnRow = (r: MetricRow) => r.group === 'own';

/**
 * The reference line for a chart of `key`: the total over the regions in scope ("national"
 * when no region is chosen), or for a regio caller the median of the other regions.
 */
export function useReference() {
  const { t, location } = useApp();
  const totalLabel = location.filters.regions.length ? t('total') : t('nationalLine');
  return (model: TableModel, key: string): { value: number; label: string } | null => {
    const total = findRow(model, isTotalRow);
    const peer = findRow(model, (r) => r.group === 'peer_median');
    const hit = total ?? peer;
    if (!hit) return null;
    const v = cellOf(model, hit.cells, key)?.raw;
    if (typeof v !== 'number') return null;
    return { value: v, label: total ? totalLabel : t('peerMedian') };
  };
}

export function chartLabel(title: string, suffix: string): string {
  return `${title}. ${suffix}`;
}

/**
 * The chart of one share or rate column as a horizontal bar per region, with the total (or, for
 * a regio caller, the peer median) as its reference line: the render function a MetricPanel takes.
 */
export function useRegionBarChart(title: string, key: string, valueKind: ColumnKind) {
  const { t, lang } = useApp();
  const reference = useReference();
  return useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      return (
        <EChart
          label={chartLabel(title, t('chartAltSuffix'))}
          height={barHeight(m.rows.length)}
          option={barOption(m, {
            category: 'region_code',
            series: [{ key, name: m.columns.find((c) => c.key === key)?.label ?? '' }],
            valueKind,
            lang,
            horizontal: true,
            reference: reference(model, key),
          })}
        />
      );
    },
    [title, key, valueKind, t, lang, reference],
  );
}
