import { useMemo } from 'react';
import { apiGet } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { useApp } from '../../app/context';
import { formatHash } from '../../app/url-state';
import { ResponseNotes } from '../../components/metric';
import { Panel } from '../../components/Panel';
import type { RegionProfile } from '../../api/types';
import { scorecardModel, type CellsByFact, type ProfileFacts } from '../facts-model';
import { dataOf, type FactLoads } from '../useFacts';
import { protectionOf } from '../../lib/table';

/** Every indicator per region, the national total on top, sortable, each region a link to its page. */
export function Scorecard({
  loads,
  cells,
  prev,
  keys,
  loading,
  nameOf,
}: {
  loads: FactLoads;
  cells: CellsByFact;
  prev: CellsByFact | null;
  keys: string[];
  loading: boolean;
  nameOf: (k: string) => string;
}) {
  const { t, lang, location } = useApp();
  const registry = useLoad<RegionProfile[]>('overview:registry', () => apiGet<RegionProfile[]>('/v1/registry/regions'));
  const flow = dataOf(loads.flow);
  const model = useMemo(() => {
    if (loading || registry.status === 'loading' || !flow) return null;
    const profiles = new Map<string, ProfileFacts>((registry.status === 'ready' ? registry.data : []).map((p) => [p.code, p]));
    const hrefOf = (code: string) => formatHash({ view: 'regio', region: code, filters: location.filters, extra: {} });
    return scorecardModel({ keys, cells, prev, profiles, regionName: nameOf, hrefOf, t, lang, k: flow.k, protection: protectionOf(flow) });
  }, [loading, registry, keys, cells, prev, nameOf, t, lang, location.filters, flow]);
  return (
    <Panel
      panelId="overview-scorecard"
      title={t('scorecard')}
      description={
        <>
          <p>{t('scorecardIntro')}</p>
          <ul className="bottlenecks">
            {([1, 2, 3, 4, 5] as const).map((n) => (
              <li key={n}>{t(`bottleneck${n}`)}</li>
            ))}
          </ul>
        </>
      }
      loading={loading || registry.status === 'loading'}
      model={model}
      csvName={['scorekaart', location.filters.from, location.filters.to]}
      notes={flow ? <ResponseNotes data={flow} /> : undefined}
    />
  );
}
