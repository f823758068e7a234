import { useMemo } from 'react';
import type { ColumnKind, MetricRow } from '../api/types';
import { useApp } from '../app/context';
import { barHeight, barOption, type BarOptions } from '../charts/bar';
import { EChart } from '../charts/EChart';
import { cellOf, filterRows, findRow, type TableModel } from '../lib/table';

/** Rows a chart draws: regions and, for a regio caller, the peer statistics; not the total row. */
export const isChartRow = (r: MetricRow) => r.group !== 'total' && !(r.group === undefined && r.region_code === null);
export const isTotalRow = (r: MetricRow) => r.group === 'total' || (r.group === undefined && r.region_code === null);
export const isOwnRow = (r: MetricRow) => r.group === 'own';
export const isPeerRow = (r: MetricRow) => typeof r.group === 'string' && r.group.startsWith('peer_');

/** The quartiles of the other regions (a regio response's peer rows) for one column, as a band. */
function peerBand(model: TableModel, key: string, label: string): { q1: number; q3: number; label: string } | null {
  const at = (g: string) => {
    const row = findRow(model, (r) => r.group === g);
    const v = row ? cellOf(model, row.cells, key)?.raw : null;
    return typeof v === 'number' ? v : null;
  };
  const [q1, q3] = [at('peer_q1'), at('peer_q3')];
  return q1 !== null && q3 !== null ? { q1, q3, label } : null;
}

/**
 * The reference line for a chart of `key`: the national total (a total row is always
 * national), or for a regio caller the median of the other regions.
 */
export function useReference() {
  const { t } = useApp();
  const totalLabel = t('nationalLine');
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

/** What a bar panel draws: the bar options without language, plus which rows and how tall. */
export interface BarSpec extends Omit<BarOptions, 'lang' | 'reference'> {
  title: string;
  /** Rows drawn (default: regions and peer statistics, not the total). */
  rows?: (r: MetricRow) => boolean;
  /** Reshape the drawn model (e.g. two measures of one table as two series). */
  transform?: (model: TableModel) => TableModel;
  /** Series per category, for the height (default: the number of series). */
  perCategory?: number;
  /** The reference line: the chart's own total row (`own`), another model's, or none. */
  reference?: 'own' | { model: TableModel | null; key: string } | null;
  /** The column of the reference line when `reference` is `own` (default the first series). */
  referenceKey?: string;
}

/**
 * One hook for every bar chart panel: the render function a MetricPanel takes, from a spec.
 * Keep the spec's functions stable (module level or useCallback); the spec is compared by
 * its JSON otherwise.
 */
export function useBarPanel(spec: BarSpec) {
  const { t, lang } = useApp();
  const reference = useReference();
  const key = JSON.stringify({
    ...spec,
    rows: spec.rows?.name,
    transform: spec.transform ? 'transform' : undefined,
    reference: typeof spec.reference === 'object' ? null : spec.reference,
  });
  const refModel = spec.reference && typeof spec.reference === 'object' ? spec.reference.model : null;
  return useMemo(
    () => (model: TableModel) => {
      // Peer statistics are never drawn as bars: a single-series chart shows them as a band.
      const drawn = filterRows(model, (r) => (spec.rows ?? isChartRow)(r) && !isPeerRow(r));
      const m = spec.transform ? spec.transform(drawn) : drawn;
      const ci = (Array.isArray(spec.category) ? spec.category : [spec.category]).map((k) => m.columns.findIndex((c) => c.key === k));
      const categories = new Set(m.rows.map((r) => ci.map((i) => r[i]?.text ?? '').join('·'))).size;
      const refKey = spec.referenceKey ?? spec.series?.[0]?.key ?? spec.pivot?.value ?? '';
      const ref =
        spec.reference === 'own' ? reference(model, refKey) : spec.reference && typeof spec.reference === 'object' && refModel ? reference(refModel, spec.reference.key) : null;
      const series = spec.series?.map((s) => ({ ...s, name: s.name || (m.columns.find((c) => c.key === s.key)?.label ?? s.key) }));
      const band = series?.length === 1 ? peerBand(model, series[0].key, t('peerBandShort')) : null;
      return (
        <EChart
          label={chartLabel(spec.title, t('chartAltSuffix'))}
          height={barHeight(spec.horizontal === false ? 8 : categories, spec.perCategory ?? series?.length ?? 1)}
          option={barOption(m, { ...spec, series, lang, reference: ref, band })}
        />
      );
    },
    // `key` stands for the spec's data; functions are stable by contract
    [key, refModel, t, lang, reference],
  );
}

/**
 * The chart of one share or rate column as a horizontal bar per region, with the total (or, for
 * a regio caller, the peer median) as its reference line: the render function a MetricPanel takes.
 */
export function useRegionBarChart(title: string, key: string, valueKind: ColumnKind) {
  return useBarPanel({ title, category: 'region_code', series: [{ key, name: '' }], valueKind, horizontal: true, reference: 'own' });
}
