import { useCallback, useMemo } from 'react';
import { apiGet } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { MetricRow } from '../../api/types';
import { useApp } from '../../app/context';
import { MetricPanel, useMetric } from '../../components/metric';
import { Panel } from '../../components/Panel';
import { buildTable } from '../../lib/table';
import type { RegionProfile } from '../../api/types';

/** Rows of the region itself (its code, or `own` for a regio caller) and, for the others, the national total. */
export function useRegionRows(region: string): (r: MetricRow) => boolean {
  const { me } = useApp();
  const regio = me.role === 'regio';
  return useCallback((r: MetricRow) => (regio ? r.group === 'own' : r.region_code === region || r.group === 'total'), [regio, region]);
}

/** One metric's table for one region (with the national total beside it for inspectie, nctv, beheer). */
export function RegionMetric({
  region,
  metric,
  params = {},
  title,
  columns,
  panelId,
}: {
  region: string;
  metric: string;
  params?: Record<string, string>;
  title: string;
  columns?: string[];
  panelId: string;
}) {
  const load = useMetric(metric, { ...params, regions: region });
  const rows = useRegionRows(region);
  return <MetricPanel load={load} panelId={panelId} title={title} headingLevel={2} table={{ columns, rowFilter: rows }} />;
}

const PROFILE_FIELDS: { key: keyof RegionProfile; label: { nl: string; en: string } }[] = [
  { key: 'covenantSigned', label: { nl: 'Convenant getekend', en: 'Covenant signed' } },
  { key: 'covenantStartDate', label: { nl: 'Ingangsdatum convenant', en: 'Covenant start date' } },
  { key: 'weegploegOrganisation', label: { nl: 'Organisatie weegploeg', en: 'Weegploeg organisation' } },
  { key: 'keyOfficials', label: { nl: 'Sleutelfunctionarissen', en: 'Key officials' } },
  { key: 'capacityFte', label: { nl: 'Capaciteit (fte)', en: 'Capacity (FTE)' } },
  { key: 'sourceNote', label: { nl: 'Bron van de gegevens', en: 'Source of the data' } },
];

/** The region's registry profile as a two-column table. */
export function RegionRegistry({ region }: { region: string }) {
  const { t, lang } = useApp();
  const load = useLoad<RegionProfile>(`region-profile:${region}`, () => apiGet<RegionProfile>(`/v1/registry/regions/${encodeURIComponent(region)}`));
  const model = useMemo(() => {
    if (load.status !== 'ready') return null;
    const p = load.data;
    const text = (v: unknown) =>
      v === null || v === undefined || v === ''
        ? t('unknown')
        : typeof v === 'boolean'
          ? t(v ? 'yes' : 'no')
          : typeof v === 'number'
            ? new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(v)
            : String(v);
    const rows = PROFILE_FIELDS.map((f) => ({ field: f.label[lang], value: text(p[f.key]) }));
    return buildTable(
      {
        k: 0,
        columns: [
          { name: 'field', kind: 'dimension' },
          { name: 'value', kind: 'dimension' },
        ],
        rows,
        suppressed: [],
      },
      { lang, caption: t('regionRegistry'), columnLabel: (c) => (c.name === 'field' ? t('indicator') : t('value')), dimensionText: (_c, v) => String(v ?? '') },
    );
  }, [load, lang, t]);
  return (
    <Panel
      panelId="region-registry"
      title={t('regionRegistry')}
      loading={load.status === 'loading'}
      error={load.status === 'error' ? load.error : null}
      model={model}
      csvName={['register', region]}
    />
  );
}

interface BatchRow {
  region: string;
  batchId: string;
  status: string;
  producedAt: string | null;
  period: { from: string | null; to: string | null };
}

/** The region's deliveries (roles that may see the batch ledger). */
export function RegionDeliveries({ region }: { region: string }) {
  const { t, lang } = useApp();
  const load = useLoad<BatchRow[]>('region-batches', () => apiGet<BatchRow[]>('/v1/batches'));
  const model = useMemo(() => {
    if (load.status !== 'ready') return null;
    const rows = load.data
      .filter((b) => b.region === region)
      .sort((a, b) => String(b.period.to).localeCompare(String(a.period.to)))
      .map((b) => ({ batch: b.batchId, period: `${b.period.from ?? '…'} – ${b.period.to ?? '…'}`, status: b.status, produced: (b.producedAt ?? '').slice(0, 10) }));
    const label: Record<string, { nl: string; en: string }> = {
      batch: { nl: 'Aanlevering', en: 'Delivery' },
      period: { nl: 'Periode', en: 'Period' },
      status: { nl: 'Status', en: 'Status' },
      produced: { nl: 'Gemaakt op', en: 'Produced at' },
    };
    return buildTable(
      { k: 0, columns: Object.keys(label).map((name) => ({ name, kind: 'dimension' as const })), rows, suppressed: [] },
      { lang, caption: t('regionDeliveries'), columnLabel: (c) => label[c.name][lang], dimensionText: (_c, v) => String(v ?? '') },
    );
  }, [load, region, lang, t]);
  return (
    <Panel
      panelId="region-deliveries"
      title={t('regionDeliveries')}
      loading={load.status === 'loading'}
      error={load.status === 'error' ? load.error : null}
      model={model}
      csvName={['aanleveringen', region]}
    />
  );
}
