import { useMemo } from 'react';
import type { MetricRow } from '../api/types';
import { useApp, type Labeller } from '../app/context';
import { EChart } from '../charts/EChart';
import { lineOption } from '../charts/line';
import { MetricPanel, useLabeller, useMetric } from '../components/metric';
import { codeLabel } from '../i18n/codes';
import type { MessageKey } from '../i18n/messages';
import { isProvisional } from '../lib/freshness';
import { periodText } from '../lib/period';
import type { TableModel } from '../lib/table';
import { chartLabel, isOwnRow, isTotalRow } from './common';

const BY_VALUES = ['phenomenon', 'source', 'receiving_party'] as const;
type By = (typeof BY_VALUES)[number];
export const GRAINS = ['month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

// The trend over the selection: the national total row per period (own region for a regio caller).
const trendRow = (r: MetricRow) => isTotalRow(r) || isOwnRow(r);

/**
 * The grain of a trend: the user's choice (URL `grain`), else quarter where the series is
 * one region's (a region's months hold few signals and would often read "< k"), else month.
 */
export function useGrain(): { grain: Grain; supported: boolean; choose: (g: Grain) => void } {
  const { me, catalogue, location, setExtra } = useApp();
  const supported = catalogue.find((m) => m.name === 'trend')?.params?.some((p) => p.name === 'grain') ?? false;
  const chosen = location.extra.grain as Grain | undefined;
  const oneRegion = me.role === 'regio' || location.filters.regions.length === 1 || location.view === 'regio';
  const grain: Grain = !supported ? 'month' : chosen && GRAINS.includes(chosen) ? chosen : oneRegion ? 'quarter' : 'month';
  return { grain, supported, choose: (g) => setExtra('grain', g) };
}

export function GrainSelect() {
  const { t } = useApp();
  const { grain, supported, choose } = useGrain();
  if (!supported) return null;
  return (
    <label className="inline-select">
      {t('grain')}{' '}
      <select value={grain} onChange={(e) => choose(e.target.value as Grain)} data-grain>
        {GRAINS.map((g) => (
          <option key={g} value={g}>
            {t(`grain_${g}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Signals per month, quarter or year split by phenomenon, source or receiving party (metric
 * `trend`). With `fixedBy` the split is fixed (Fenomenen); otherwise a select chooses it, kept
 * in the URL. Provisional periods are shaded in the chart and marked in the table.
 */
export function TrendPanel({
  title,
  fixedBy,
  urlKey = 'trend_by',
  region,
  rowFilter = trendRow,
}: {
  title: string;
  fixedBy?: By;
  urlKey?: string;
  /** One region's series (the region page); keep `rowFilter` stable. */
  region?: string;
  rowFilter?: (r: MetricRow) => boolean;
}) {
  const { t, lang, location, setExtra, freshness } = useApp();
  const chosen = (location.extra[urlKey] as By | undefined) ?? 'receiving_party';
  const by: By = fixedBy ?? (BY_VALUES.includes(chosen) ? chosen : 'receiving_party');
  const { grain, supported } = useGrain();
  const load = useMetric('trend', { by, ...(supported ? { grain } : {}), ...(region ? { regions: region } : {}) });
  const base = useLabeller();
  // `category` holds codes of the chosen split; label them from that code list.
  const labeller: Labeller = useMemo(
    () => ({ ...base, dimensionText: (col, v, row) => (col === 'category' && typeof v === 'string' ? codeLabel(by, v, lang) : base.dimensionText(col, v, row)) }),
    [base, by, lang],
  );
  const data = load.status === 'ready' ? load.data : null;
  const x = data?.columns.some((c) => c.name === 'period') ? 'period' : 'month';
  const value = data?.columns.find((c) => c.kind === 'count')?.name ?? 'signals';
  const columns = data ? [x, 'category', ...data.columns.filter((c) => c.kind !== 'dimension').map((c) => c.name)] : undefined;
  const provisionalFrom = freshness.provisionalFrom;
  const chart = useMemo(
    () => (model: TableModel) => (
      <EChart
        label={chartLabel(title, t('chartAltSuffix'))}
        height={340}
        option={lineOption(model, {
          x,
          group: 'category',
          values: [{ key: value, name: t('value') }],
          valueKind: 'count',
          lang,
          xLabel: (raw) => periodText(raw, lang),
          provisional: { is: (raw) => isProvisional(raw, provisionalFrom), label: t('provisional') },
        })}
      />
    ),
    [title, t, x, value, lang, provisionalFrom],
  );
  const tools = (
    <>
      <GrainSelect />
      {!fixedBy && (
        <label className="inline-select">
          {t('trendBy')}{' '}
          <select value={by} onChange={(e) => setExtra(urlKey, e.target.value)}>
            {BY_VALUES.map((b) => (
              <option key={b} value={b}>
                {b === 'phenomenon' ? t('phenomenon') : b === 'source' ? t('source') : t('receivingParty')}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
  return <MetricPanel load={load} panelId={`trend-${fixedBy ?? 'chosen'}`} title={title} tools={tools} table={{ columns, rowFilter }} labeller={labeller} chart={chart} />;
}
