import { useMemo } from 'react';
import { useApp, type Labeller } from '../../app/context';
import { barHeight, barOption } from '../../charts/bar';
import { EChart } from '../../charts/EChart';
import { sankeyOption } from '../../charts/sankey';
import { MetricPanel, useLabeller, useMetric } from '../../components/metric';
import { nodeLabel } from '../../i18n/codes';
import { filterRows, type TableModel } from '../../lib/table';
import { FilterSummary } from '../../app/FilterBar';
import { chartLabel, isChartRow } from '../common';
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
      dimensionText: (col, v, row) => (col === 'source' || col === 'target') && typeof v === 'string' ? nodeLabel(v, lang) : base.dimensionText(col, v, row),
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
  const funnel = useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      const series = PATHS.filter((p) => m.columns.some((c) => c.key === p)).map((p) => ({ key: p, name: m.columns.find((c) => c.key === p)?.label ?? p }));
      return (
        <EChart
          label={chartLabel(funnelTitle, t('chartAltSuffix'))}
          height={barHeight(m.rows.length, regio ? series.length : 1)}
          option={barOption(m, { category: 'region_code', series, valueKind: 'count', lang, horizontal: true, stacked: !regio })}
        />
      );
    },
    [funnelTitle, t, lang, regio],
  );

  const leadTitle = t('leadtimeTitle');
  const leadChart = useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      // The chart shows the time to the first weegploeg; the table also the time to the decision.
      const keys = ['median_days_to_first_wp', 'p90_days_to_first_wp'].filter((k) => m.columns.some((c) => c.key === k));
      return (
        <EChart
          label={chartLabel(leadTitle, t('chartAltSuffix'))}
          height={barHeight(m.rows.length, keys.length)}
          option={barOption(m, {
            category: 'region_code',
            series: keys.map((k) => ({ key: k, name: m.columns.find((c) => c.key === k)?.label ?? k })),
            valueKind: 'days',
            lang,
            horizontal: true,
          })}
        />
      );
    },
    [leadTitle, t, lang],
  );

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
