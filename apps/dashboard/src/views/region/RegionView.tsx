import { useCallback } from 'react';
import type { MetricRow } from '../../api/types';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { formatHash, previousPeriod } from '../../app/url-state';
import { TrendPanel, useGrain } from '../TrendPanel';
import { useFactCells, useFactLoads } from '../useFacts';
import { RegionFacts } from './RegionFacts';
import { RegionDeliveries, RegionMetric, RegionRegistry, useRegionRows } from './RegionSections';

/** `#/regio/VR13`: everything about one region on one page, printable as an A4 report. */
export default function RegionView() {
  const { t, me, regions, location } = useApp();
  const region = location.region ?? (me.role === 'regio' ? me.region : null);
  if (!region) return <RegionPicker />;
  if (me.role === 'regio' && region !== me.region) return <p className="status error">{t('regionNoAccess')}</p>;
  if (!regions.some((r) => r.code === region)) return <p className="status error">{t('regionUnknown')}</p>;
  return <RegionPage key={region} region={region} />;
}

function RegionPage({ region }: { region: string }) {
  const { t, me, location } = useApp();
  const prevPeriod = previousPeriod(location.filters);
  const loads = useFactLoads({ region });
  const prev = useFactLoads({ region, period: prevPeriod });
  const cells = useFactCells(loads);
  const prevCells = useFactCells(prev);
  const rows = useRegionRows(region);
  const trendRows = useCallback((r: MetricRow) => rows(r) && r.group !== 'total', [rows]);
  const key = me.role === 'regio' ? 'own' : region;
  const { grain } = useGrain();
  return (
    <div className="region-page">
      <FilterSummary />
      <RegionFacts loads={loads} cells={cells} prev={prevPeriod ? prevCells : null} rowKey={key} panelId="region-facts" title={t('regionFacts')} />
      <TrendPanel title={t('trendTitleGrain', { grain: t(`grain_${grain}`) })} region={region} rowFilter={trendRows} urlKey="region_trend_by" />
      <RegionMetric
        region={region}
        metric="dropoff"
        params={{ by: 'receiving_party' }}
        panelId="region-dropoff"
        title={t('dropByPartyTitle')}
        columns={['region_code', 'receiving_party', 'with_pre', 'dropped', 'drop_rate', 'reached', 'direct', 'direct_rate']}
      />
      <RegionMetric region={region} metric="flow" panelId="region-flow" title={t('regionFlow')} />
      <RegionMetric
        region={region}
        metric="criteria_coverage"
        panelId="region-criteria"
        title={t('coverageTitle')}
        columns={['region_code', 'assessments', 'all_scored', 'coverage']}
      />
      <RegionMetric
        region={region}
        metric="integrality"
        panelId="region-integrality"
        title={t('integralityTitle')}
        columns={['region_code', 'stage', 'measure', 'assessments', 'assessments_with', 'share']}
      />
      <RegionMetric region={region} metric="phenomenon_coverage" panelId="region-phenomena" title={t('regionPhenomena')} />
      <RegionRegistry region={region} />
      {me.role !== 'nctv' && <RegionDeliveries region={region} />}
    </div>
  );
}

/** Without a region: a list of region pages (the map and every region label link here too). */
function RegionPicker() {
  const { t, regions, location } = useApp();
  return (
    <section className="panel">
      <h2>{t('regionPick')}</h2>
      <ul className="region-links">
        {regions.map((r) => (
          <li key={r.code}>
            <a href={formatHash({ view: 'regio', region: r.code, filters: location.filters, extra: {} })}>{r.name}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
