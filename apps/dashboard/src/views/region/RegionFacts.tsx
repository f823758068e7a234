import { useMemo } from 'react';
import { useApp } from '../../app/context';
import { ResponseNotes } from '../../components/metric';
import { Panel } from '../../components/Panel';
import { protectionOf, type TableModel } from '../../lib/table';
import { regionFactsModel, type CellsByFact } from '../facts-model';
import { dataOf, factsLoading, type FactLoads } from '../useFacts';
import { PeerBands } from './PeerBands';

/**
 * A region's key figures: beside the national figure (inspectie, nctv, beheer) or, for a regio
 * caller, beside the other regions' distribution drawn as a band, never as region rows.
 */
export function RegionFacts({
  loads,
  cells,
  prev,
  rowKey,
  panelId,
  title,
}: {
  loads: FactLoads;
  cells: CellsByFact;
  prev: CellsByFact | null;
  rowKey: string;
  panelId: string;
  title: string;
}) {
  const { t, lang, me } = useApp();
  const peers = me.role === 'regio';
  const flow = dataOf(loads.flow);
  const loading = factsLoading(loads);
  const model = useMemo(
    () =>
      loading || !flow
        ? null
        : regionFactsModel({ key: rowKey, compare: peers ? 'peers' : 'national', cells, prev, caption: title, t, lang, k: flow.k, protection: protectionOf(flow) }),
    [loading, rowKey, peers, cells, prev, title, t, lang, flow],
  );
  const chart = useMemo(() => (peers ? (m: TableModel) => <PeerBands model={m} /> : undefined), [peers]);
  return (
    <Panel
      panelId={panelId}
      title={title}
      description={<p>{peers ? t('scorecardIntroRegio') : t('regionPageIntro')}</p>}
      loading={loading}
      model={model}
      chart={chart}
      csvName={[panelId, rowKey]}
      notes={flow ? <ResponseNotes data={flow} /> : undefined}
    />
  );
}
