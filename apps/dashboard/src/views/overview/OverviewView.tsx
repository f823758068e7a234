import { useMemo } from 'react';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { previousPeriod } from '../../app/url-state';
import { codeLabel } from '../../i18n/codes';
import { PEER_KEYS, rowKey } from '../facts';
import { headlineItems } from '../facts-model';
import { RegionFacts } from '../region/RegionFacts';
import { dataOf, factsLoading, useFactCells, useFactLoads } from '../useFacts';
import { Headlines } from './Headlines';
import { OverviewMap } from './OverviewMap';
import { Scorecard } from './Scorecard';

/**
 * The overview: headline figures with the previous period, the map and the scorecard (for a
 * regio caller: its own figures beside the other regions' distribution).
 */
export default function OverviewView() {
  const { t, lang, me, regions, location } = useApp();
  const regio = me.role === 'regio';
  const prevPeriod = previousPeriod(location.filters);
  const loads = useFactLoads();
  const prevLoads = useFactLoads({ period: prevPeriod });
  const cells = useFactCells(loads);
  const prevCells = useFactCells(prevLoads);
  const loading = factsLoading(loads);
  const selected = location.filters.regions;
  const keys = useMemo(() => {
    if (regio) return ['own', ...PEER_KEYS];
    const seen = new Set(regions.map((r) => r.code));
    for (const l of Object.values(loads)) for (const r of dataOf(l)?.rows ?? []) if (/^VR\d{2}$/.test(rowKey(r) ?? '')) seen.add(rowKey(r) as string);
    return [...seen].filter((c) => !selected.length || selected.includes(c)).sort();
  }, [regio, regions, loads, selected]);
  const names = useMemo(() => new Map(regions.map((r) => [r.code, r.name])), [regions]);
  const nameOf = useMemo(
    () => (key: string) =>
      key === 'own' ? (names.get(me.region ?? '') ?? t('ownRegion')) : key.startsWith('peer_') || key === 'total' ? codeLabel('group', key, lang) : (names.get(key) ?? key),
    [names, me.region, t, lang],
  );
  // The headline strip: the own region (regio), the one chosen region, or the nation.
  const headKey = regio ? 'own' : selected.length === 1 ? selected[0] : 'total';
  const items = headlineItems(cells, prevPeriod ? prevCells : null, headKey, t, lang);
  return (
    <>
      <FilterSummary />
      <Headlines items={items} scopeLabel={headKey === 'total' ? codeLabel('group', 'national', lang) : nameOf(headKey)} />
      <OverviewMap cells={cells} keys={keys} k={dataOf(loads.flow)?.k ?? null} loading={loading} nameOf={nameOf} />
      {regio ? (
        <RegionFacts loads={loads} cells={cells} prev={prevPeriod ? prevCells : null} rowKey="own" panelId="overview-scorecard" title={t('scorecard')} />
      ) : (
        <Scorecard loads={loads} cells={cells} prev={prevPeriod ? prevCells : null} keys={keys} loading={loading} nameOf={nameOf} />
      )}
    </>
  );
}
