import { useMemo } from 'react';
import { apiGet } from '../../api/client';
import { useLoad } from '../../api/hooks';
import type { MetricRow, RegionProfile } from '../../api/types';
import { useApp, type Labeller } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { EChart } from '../../charts/EChart';
import { mapOption, registerRegionMap } from '../../charts/map';
import { ResponseNotes, useLabeller, useMetric, type MetricLoad } from '../../components/metric';
import { Panel } from '../../components/Panel';
import { codeLabel } from '../../i18n/codes';
import { formatValue, type SuppressionKind } from '../../lib/format';
import { median } from '../../lib/stats';
import { buildTable, type TableCell, type TableColumn, type TableModel } from '../../lib/table';
import { chartLabel } from '../common';
import { INDICATORS, rowKey, type Indicator } from './indicators';

const PEER_KEYS = ['peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max'];
const MEDIAN_KEY = 'median';

/** The cells of one column of a metric per overview row key (region code, `own`, peer statistic). */
function cellsByKey(load: MetricLoad, column: string, labeller: Labeller, lang: 'nl' | 'en', row?: (r: MetricRow) => boolean): Map<string, TableCell> | null {
  if (load.status !== 'ready' || !load.data.columns.some((c) => c.name === column)) return null;
  const m = buildTable(
    { ...load.data, k: load.data.k },
    { lang, caption: '', columns: [column], rowFilter: row, columnLabel: () => column, dimensionText: labeller.dimensionText },
  );
  const out = new Map<string, TableCell>();
  m.source.forEach((r, i) => {
    const key = rowKey(r) ?? 'total';
    if (!out.has(key)) out.set(key, m.rows[i][0]);
  });
  return out;
}

function summarise(columns: TableColumn[], rows: TableCell[][], caption: string, k: number, source: MetricRow[]): TableModel {
  const kinds = new Set<SuppressionKind>();
  let na = false;
  for (const r of rows)
    for (const c of r) {
      if (c.suppression) kinds.add(c.suppression);
      else if (c.raw === null) na = true;
    }
  return { caption, k, columns, rows, source, suppressionKinds: [...kinds], hasNotApplicable: na };
}

export default function OverviewView() {
  const { t, lang, me, regions, location, setExtra } = useApp();
  const regio = me.role === 'regio';
  const labeller = useLabeller();
  const loads: Record<string, MetricLoad> = {
    flow: useMetric('flow'),
    dropoff: useMetric('dropoff', { by: 'none' }),
    leadtime: useMetric('leadtime'),
    criteria_coverage: useMetric('criteria_coverage'),
    reach: useMetric('reach'),
    integrality: useMetric('integrality'),
  };
  const registry = useLoad<RegionProfile[]>('overview:registry', () => apiGet<RegionProfile[]>('/v1/registry/regions'));
  const boundaries = useLoad<unknown>('overview:boundaries', () => apiGet<unknown>('/v1/registry/boundaries'));

  const latestYear = useMemo(() => {
    const r = loads.reach;
    if (r.status !== 'ready') return null;
    const ys = r.data.rows.map((x) => Number(x.year)).filter(Number.isFinite);
    return ys.length ? Math.max(...ys) : null;
  }, [loads.reach]);

  const k = (Object.values(loads).find((l) => l.status === 'ready') as { data?: { k: number } } | undefined)?.data?.k ?? 5;
  const allReady = Object.values(loads).every((l) => l.status !== 'loading' || !l.available);
  const firstError = Object.values(loads).find((l) => l.status === 'error');

  // Row keys: every region (inspectie, nctv, beheer) or own + peer statistics (regio).
  const keys = useMemo(() => {
    if (regio) return ['own', ...PEER_KEYS];
    const names = new Set(regions.map((r) => r.code));
    const seen = new Set<string>();
    for (const l of Object.values(loads)) if (l.status === 'ready') for (const r of l.data.rows) {
      const key = rowKey(r);
      if (key && /^VR\d{2}$/.test(key)) seen.add(key);
    }
    return [...new Set([...names, ...seen])].filter((c) => (location.filters.regions.length ? location.filters.regions.includes(c) : true)).sort();
  }, [regio, regions, loads, location.filters.regions]);

  const keyText = (key: string) => {
    if (key === MEDIAN_KEY) return t('nationalMedian');
    if (key === 'own') return labeller.regionName(me.region ?? '') ?? t('ownRegion');
    if (key.startsWith('peer_')) return codeLabel('group', key, lang);
    return labeller.regionName(key);
  };

  // Reach is per calendar year: the overview shows the latest year of the period.
  const indicatorLabel = (i: Indicator) => `${t(i.label)}${i.row && i.metric === 'reach' && latestYear ? ` (${latestYear})` : ''}`;

  const indicatorCells = useMemo(() => {
    const out = new Map<string, Map<string, TableCell> | null>();
    for (const ind of INDICATORS) {
      const load = loads[ind.metric];
      const row = ind.row ? (r: MetricRow) => ind.row!(r, { latestYear }) : undefined;
      out.set(ind.id, load ? cellsByKey(load, ind.column, labeller, lang, row) : null);
    }
    return out;
  }, [loads, labeller, lang, latestYear]);

  // --- headline figures: the selection as a whole (own region for a regio caller)
  const scopeKey = regio ? 'own' : 'total';
  const headline = (metric: string, column: string) => {
    const load = loads[metric];
    if (!load?.available) return null;
    if (load.status === 'loading') return { text: '…', suppressed: false };
    if (load.status === 'error') return { text: '!', suppressed: false };
    const cell = cellsByKey(load, column, labeller, lang)?.get(scopeKey);
    return cell ? { text: cell.text, suppressed: Boolean(cell.suppression) } : { text: t('notApplicable'), suppressed: false };
  };
  const headlines = [
    { label: t('headlineSignals'), value: headline('flow', 'signals') },
    { label: t('headlineReached'), value: headline('flow', 'reached') },
    { label: t('headlineDropRate'), value: headline('dropoff', 'drop_rate') },
    { label: `${t('headlineLeadTime')} (${t('days')})`, value: headline('leadtime', 'median_days_to_first_wp') },
  ].filter((h) => h.value !== null);

  // --- the map of one indicator
  const indicatorId = INDICATORS.some((i) => i.id === location.extra.indicator) ? location.extra.indicator : 'drop_rate';
  const indicator = INDICATORS.find((i) => i.id === indicatorId) as Indicator;
  const mapModel = useMemo(() => {
    const cells = indicatorCells.get(indicator.id);
    if (!cells) return null;
    const rowKeys = keys.filter((key) => cells.has(key));
    const columns: TableColumn[] = [
      { key: 'region_code', label: t('region'), kind: 'dimension' },
      { key: indicator.id, label: indicatorLabel(indicator), kind: indicator.kind },
    ];
    const rows = rowKeys.map((key) => [{ raw: key, text: keyText(key) }, cells.get(key) as TableCell]);
    return summarise(columns, rows, `${t('mapTitle')}: ${t(indicator.label)}`, k, rowKeys.map((key) => ({ region_code: key })));
    // keyText depends on labeller and lang, both in the deps through indicatorCells
  }, [indicatorCells, indicator, keys, t, k]);

  const mapChart = useMemo(() => {
    if (boundaries.status !== 'ready') return undefined;
    registerRegionMap(boundaries.data);
    return (model: TableModel) => {
      const data = model.rows
        .map((r, i) => ({ key: String(model.source[i].region_code), cell: r[1], name: r[0].text }))
        .map(({ key, cell, name }) => ({
          code: key === 'own' ? (me.region ?? '') : key,
          name,
          value: typeof cell.raw === 'number' && !cell.suppression ? cell.raw : null,
          text: cell.text,
        }))
        .filter((d) => /^VR\d{2}$/.test(d.code));
      const peer = (key: string) => {
        const i = model.source.findIndex((r) => r.region_code === key);
        const v = i >= 0 ? model.rows[i][1].raw : null;
        return typeof v === 'number' ? v : null;
      };
      const [lo, hi] = [peer('peer_min'), peer('peer_max')];
      const range = lo !== null && hi !== null ? { min: lo, max: hi } : null;
      const known = [...data.filter((d) => d.value !== null).map((d) => d.value as number), ...(range ? [range.min, range.max] : [])];
      return (
        <EChart
          label={chartLabel(`${t('mapTitle')}: ${t(indicator.label)}`, t('chartAltSuffix'))}
          height={560}
          option={mapOption({
            data,
            nameable: (code) => !regio || code === me.region,
            minText: known.length ? formatValue(Math.min(...known), indicator.kind, lang) : '',
            maxText: known.length ? formatValue(Math.max(...known), indicator.kind, lang) : '',
            indicator: t(indicator.label),
            range,
          })}
        />
      );
    };
  }, [boundaries, indicator, regio, me.region, t, lang]);

  const mapTools = (
    <label className="inline-select">
      {t('mapIndicator')}{' '}
      <select value={indicator.id} onChange={(e) => setExtra('indicator', e.target.value)}>
        {INDICATORS.filter((i) => indicatorCells.get(i.id) !== null || loads[i.metric]?.status === 'loading').map((i) => (
          <option key={i.id} value={i.id}>
            {t(i.label)}
          </option>
        ))}
      </select>
    </label>
  );

  // --- scorecard: every indicator per region, with the median over regions
  const scorecard = useMemo(() => {
    if (!allReady || registry.status === 'loading') return null;
    const profiles = new Map((registry.status === 'ready' ? registry.data : []).map((p) => [p.code, p]));
    const profileOf = (key: string) => profiles.get(key === 'own' ? (me.region ?? '') : key);
    const signals = loads.flow ? cellsByKey(loads.flow, 'signals', labeller, lang) : null;
    const columns: TableColumn[] = [
      { key: 'region_code', label: t('region'), kind: 'dimension' },
      { key: 'key_officials', label: `1. ${t('ind_key_officials')}`, kind: 'count' },
      { key: 'signals_per_fte', label: `1. ${t('ind_signals_per_fte')}`, kind: 'ratio' },
      ...INDICATORS.filter((i) => indicatorCells.get(i.id)).map((i) => ({ key: i.id, label: `${i.bottleneck}. ${indicatorLabel(i)}`, kind: i.kind })),
      { key: 'covenant_signed', label: `4. ${t('ind_covenant_signed')}`, kind: 'flag' },
    ];
    const na: TableCell = { raw: null, text: t('notApplicable') };
    const cellFor = (key: string, col: TableColumn): TableCell => {
      if (col.key === 'region_code') return { raw: key, text: keyText(key) };
      const p = profileOf(key);
      if (col.key === 'key_officials') return p?.keyOfficials != null ? { raw: p.keyOfficials, text: formatValue(p.keyOfficials, 'count', lang) } : na;
      if (col.key === 'covenant_signed') return p?.covenantSigned != null ? { raw: p.covenantSigned, text: formatValue(p.covenantSigned, 'flag', lang) } : na;
      if (col.key === 'signals_per_fte') {
        const s = signals?.get(key);
        const fte = p?.capacityFte;
        // Signals per FTE would give away a suppressed count (signals = ratio × FTE): withhold it too.
        if (s?.suppression) return { raw: null, text: s.text, suppression: 'secondary' as const };
        if (typeof s?.raw === 'number' && typeof fte === 'number' && fte > 0) return { raw: s.raw / fte, text: formatValue(s.raw / fte, 'ratio', lang) };
        return na;
      }
      return indicatorCells.get(col.key)?.get(key) ?? na;
    };
    const rows = keys.map((key) => columns.map((c) => cellFor(key, c)));
    const source: MetricRow[] = keys.map((key) => ({ region_code: key }));
    if (!regio && rows.length > 0) {
      rows.unshift(
        columns.map((c, i) => {
          if (i === 0) return { raw: MEDIAN_KEY, text: t('nationalMedian') };
          const xs = rows.map((r) => r[i]).filter((cell) => !cell.suppression && (typeof cell.raw === 'number' || typeof cell.raw === 'boolean')).map((cell) => Number(cell.raw));
          const m = median(xs);
          if (m === null) return na;
          return c.kind === 'flag' ? { raw: m, text: formatValue(m, 'share', lang) } : { raw: m, text: formatValue(m, c.kind, lang) };
        }),
      );
      source.unshift({ region_code: MEDIAN_KEY });
    }
    return summarise(columns, rows, t('scorecard'), k, source);
  }, [allReady, registry, loads, labeller, lang, t, keys, indicatorCells, regio, me.region, k]);

  return (
    <>
      <FilterSummary />
      <section aria-labelledby="headlines-title">
        <h2 id="headlines-title">{t('headlines')}</h2>
        <ul className="headlines">
          {headlines.map((h) => (
            <li key={h.label}>
              <span className={`figure${h.value?.suppressed ? ' suppressed' : ''}`}>{h.value?.text}</span>
              <span className="caption">{h.label}</span>
            </li>
          ))}
        </ul>
      </section>
      {firstError && firstError.status === 'error' && (
        <p className="status error" role="alert">
          {t('errorTitle')}: {firstError.name} — {firstError.error.message}
        </p>
      )}
      <Panel
          panelId="overview-map"
          title={t('mapTitle')}
          description={regio ? t('mapOwnOnly') : undefined}
          tools={mapTools}
          loading={loads[indicator.metric]?.status === 'loading' || boundaries.status === 'loading'}
          error={boundaries.status === 'error' ? boundaries.error : null}
          onRetry={boundaries.reload}
          model={mapModel}
          chart={mapChart}
          csvName={['kaart', indicator.id, location.filters.from, location.filters.to]}
        />
        <Panel
          panelId="overview-scorecard"
          title={t('scorecard')}
          description={
            <>
              <p>{regio ? t('scorecardIntroRegio') : t('scorecardIntro')}</p>
              <ul className="bottlenecks">
                {([1, 2, 3, 4, 5] as const).map((n) => (
                  <li key={n}>{t(`bottleneck${n}`)}</li>
                ))}
              </ul>
            </>
          }
          loading={!allReady || registry.status === 'loading'}
          model={scorecard}
          csvName={['scorekaart', location.filters.from, location.filters.to]}
          notes={loads.flow?.status === 'ready' ? <ResponseNotes data={loads.flow.data} /> : undefined}
        />
    </>
  );
}
