import { useMemo } from 'react';
import { apiGet } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { useApp } from '../../app/context';
import { EChart } from '../../charts/EChart';
import { mapOption, registerRegionMap } from '../../charts/map';
import { Panel } from '../../components/Panel';
import type { TableCell, TableModel } from '../../lib/table';
import { chartLabel } from '../common';
import { INDICATORS, type Fact } from '../facts';
import { mapData, mapModel } from './map-model';

/** The choropleth of one indicator; a click on a region opens its region page. */
export function OverviewMap({
  cells,
  keys,
  k,
  loading,
  nameOf,
}: {
  cells: Map<string, Map<string, TableCell> | null>;
  keys: string[];
  /** The disclosure threshold the responses were computed with. */
  k: number | null;
  loading: boolean;
  nameOf: (key: string) => string;
}) {
  const { t, me, location, setExtra, navigate } = useApp();
  const regio = me.role === 'regio';
  const boundaries = useLoad<unknown>('overview:boundaries', () => apiGet<unknown>('/v1/registry/boundaries'));
  const choices = INDICATORS.filter((i) => cells.get(i.id));
  const fact = (choices.find((i) => i.id === location.extra.indicator) ?? choices.find((i) => i.id === 'drop_rate') ?? choices[0]) as Fact | undefined;
  const title = t('mapTitle');
  const model = useMemo(() => {
    const c = fact && cells.get(fact.id);
    if (!fact || !c || k === null) return null;
    return mapModel(c, keys, fact, `${title}: ${t(fact.label)}`, { region: t('region'), indicator: t(fact.label) }, nameOf, k);
  }, [cells, keys, fact, title, t, nameOf, k]);
  const chart = useMemo(() => {
    if (boundaries.status !== 'ready' || !fact) return undefined;
    registerRegionMap(boundaries.data);
    const open = (code: string) => navigate({ view: 'regio', region: code, extra: {} });
    return (m: TableModel) => <MapChart model={m} fact={fact} onOpen={open} />;
    // `navigate` keeps the current filters; a new location gives a new `navigate`
  }, [boundaries, fact, navigate]);
  const tools = (
    <label className="inline-select">
      {t('mapIndicator')}{' '}
      <select value={fact?.id ?? ''} onChange={(e) => setExtra('indicator', e.target.value)}>
        {choices.map((i) => (
          <option key={i.id} value={i.id}>
            {t(i.label)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel
      panelId="overview-map"
      title={title}
      description={<p>{regio ? t('mapOwnOnly') : t('mapClickHint')}</p>}
      tools={tools}
      loading={loading || boundaries.status === 'loading'}
      error={boundaries.status === 'error' ? boundaries.error : null}
      onRetry={boundaries.reload}
      model={model}
      chart={chart}
      csvName={['kaart', fact?.id, location.filters.from, location.filters.to]}
    />
  );
}

function MapChart({ model, fact, onOpen }: { model: TableModel; fact: Fact; onOpen: (code: string) => void }) {
  const { t, lang, me } = useApp();
  const regio = me.role === 'regio';
  const d = mapData(model, me.region, fact.kind, lang);
  const nameable = (code: string) => !regio || code === me.region;
  return (
    <>
      <EChart
        label={chartLabel(`${t('mapTitle')}: ${t(fact.label)}`, t('chartAltSuffix'))}
        height={560}
        option={mapOption({ data: d.data, nameable, minText: d.minText, maxText: d.maxText, indicator: t(fact.label), range: d.range })}
        onClick={(p) => {
          const code = (p.data as { code?: string } | undefined)?.code;
          if (code && /^VR\d{2}$/.test(code) && nameable(code)) onOpen(code);
        }}
      />
      {d.notApplicable.length > 0 && <p className="chart-note">{t('mapGreyNotApplicable', { names: d.notApplicable.join(', ') })}</p>}
      {d.suppressed.length > 0 && <p className="chart-note">{t('mapGreySuppressed', { names: d.suppressed.join(', ') })}</p>}
    </>
  );
}
