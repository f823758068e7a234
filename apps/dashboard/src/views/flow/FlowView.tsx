import { useMemo } from 'react';
import { useApp, type Labeller } from '../../app/context';
import { EChart } from '../../charts/EChart';
import { sankeyOption } from '../../charts/sankey';
import { MetricPanel, useLabeller, useMetric } from '../../components/metric';
import { nodeLabel } from '../../i18n/codes';
import type { TableModel } from '../../lib/table';
import { FilterSummary } from '../../app/FilterBar';
import { chartLabel, useBarPanel } from '../common';
import { TrendPanel, useGrain } from '../TrendPanel';

const PATHS = ['direct', 'via_pre_weging', 'dropped', 'pending'];

export default function FlowView() {
  const { t, lang, me } = useApp();
  const { grain } = useGrain();
  const flow = useMetric('flow');
  const lead = useMetric('leadtime');
  const base = useLabeller();
  // Sankey node ids carry their layer (`path:dropped:niet_doorgezet`); label them as such.
  const linkLabeller: Labeller = useMemo(
    () => ({
      ...base,
      dimensionText: (col, v, row) => ((col === 'source' || col === 'target') && typeof v === 'string' ? nodeLabel(v, lang) : base.dimensionText(col, v, row)),
    }),
    [base, lang],
  );
  const regio = me.role === 'regio';

  const sankeyTitle = t('sankeyTitle');
  const sankey = useMemo(
    () => (model: TableModel) => <EChart label={chartLabel(sankeyTitle, t('chartAltSuffix'))} height={520} option={sankeyOption(model, (id) => nodeLabel(id, lang))} />,
    [sankeyTitle, t, lang],
  );

  const funnelTitle = t('funnelTitle');
  const funnel = useBarPanel({
    title: funnelTitle,
    category: 'region_code',
    series: PATHS.map((key) => ({ key, name: '' })),
    valueKind: 'count',
    horizontal: true,
    stacked: !regio,
    perCategory: regio ? PATHS.length : 1,
  });
  const leadTitle = t('leadtimeTitle');
  // The chart shows the time to the first weegploeg; the table also the time to the decision.
  const leadChart = useBarPanel({
    title: leadTitle,
    category: 'region_code',
    series: [
      { key: 'median_days_to_first_wp', name: '' },
      { key: 'p90_days_to_first_wp', name: '' },
    ],
    valueKind: 'days',
    horizontal: true,
  });

  return (
    <>
      <FilterSummary />
      <MetricPanel load={flow} panelId="flow-sankey" title={sankeyTitle} table={{ links: true }} labeller={linkLabeller} chart={sankey} />
      <MetricPanel load={flow} panelId="flow-funnel" title={funnelTitle} table={{}} chart={funnel} />
      <MetricPanel load={lead} panelId="leadtime" title={leadTitle} table={{}} chart={leadChart} />
      <TrendPanel title={t('trendTitleGrain', { grain: t(`grain_${grain}`) })} />
    </>
  );
}
