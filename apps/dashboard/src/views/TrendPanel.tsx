import { useMemo } from 'react';
import type { MetricRow } from '../api/types';
import { useApp, type Labeller } from '../app/context';
import { EChart } from '../charts/EChart';
import { lineOption } from '../charts/line';
import { MetricPanel, useLabeller, useMetric } from '../components/metric';
import { codeLabel } from '../i18n/codes';
import type { TableModel } from '../lib/table';
import { chartLabel, isOwnRow, isTotalRow } from './common';

const BY_VALUES = ['phenomenon', 'source', 'receiving_party'] as const;
type By = (typeof BY_VALUES)[number];

// The trend over the selection: the total row per month (own region for a regio caller).
const trendRow = (r: MetricRow) => isTotalRow(r) || isOwnRow(r);

/**
 * Signals per month split by phenomenon, source or receiving party (metric `trend`). With
 * `fixedBy` the split is fixed (Fenomenen); otherwise a select chooses it, kept in the URL.
 */
export function TrendPanel({ title, fixedBy, urlKey = 'trend_by' }: { title: string; fixedBy?: By; urlKey?: string }) {
  const { t, lang, location, setExtra } = useApp();
  const chosen = (location.extra[urlKey] as By | undefined) ?? 'receiving_party';
  const by: By = fixedBy ?? (BY_VALUES.includes(chosen) ? chosen : 'receiving_party');
  const load = useMetric('trend', { by });
  const base = useLabeller();
  // `category` holds codes of the chosen split; label them from that code list.
  const labeller: Labeller = useMemo(
    () => ({ ...base, dimensionText: (col, v, row) => (col === 'category' && typeof v === 'string' ? codeLabel(by, v, lang) : base.dimensionText(col, v, row)) }),
    [base, by, lang],
  );
  const data = load.status === 'ready' ? load.data : null;
  const dims = data?.columns.filter((c) => c.kind === 'dimension' && !['group', 'region_code'].includes(c.name)).map((c) => c.name) ?? [];
  const x = dims.find((d) => /month|period|maand/.test(d)) ?? dims[0] ?? 'month';
  const group = dims.find((d) => d !== x);
  const value = data?.columns.find((c) => c.kind === 'count')?.name ?? 'signals';
  const columns = data ? [x, ...(group ? [group] : []), ...data.columns.filter((c) => c.kind !== 'dimension').map((c) => c.name)] : undefined;
  const chart = useMemo(
    () => (model: TableModel) => (
      <EChart
        label={chartLabel(title, t('chartAltSuffix'))}
        height={340}
        option={lineOption(model, { x, group, values: [{ key: value, name: t('value') }], valueKind: 'count', lang })}
      />
    ),
    [title, t, x, group, value, lang],
  );
  const tools = fixedBy ? undefined : (
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
  );
  return <MetricPanel load={load} panelId={`trend-${fixedBy ?? "chosen"}`} title={title} tools={tools} table={{ columns, rowFilter: trendRow }} labeller={labeller} chart={chart} />;
}
