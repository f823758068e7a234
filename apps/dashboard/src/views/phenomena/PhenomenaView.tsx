import { useCallback, useMemo } from 'react';
import type { MetricRow } from '../../api/types';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { barHeight, barOption } from '../../charts/bar';
import { EChart } from '../../charts/EChart';
import { heatmapOption } from '../../charts/heatmap';
import { MetricPanel, useMetric } from '../../components/metric';
import { filterRows, type TableModel } from '../../lib/table';
import { chartLabel, isChartRow, isOwnRow, useBarPanel } from '../common';
import { TrendPanel } from '../TrendPanel';

const COVERAGE_PHENOMENA = ['jihadisme', 'rechts_extremisme', 'links_extremisme', 'anti_institutioneel'];
const isFlagged = (r: MetricRow) => r.under_covered === true;
const coverageRow = (r: MetricRow) => COVERAGE_PHENOMENA.includes(String(r.phenomenon)) && isChartRow(r);

export default function PhenomenaView() {
  const { t, lang, me } = useApp();
  const load = useMetric('phenomenon_coverage');
  const regio = me.role === 'regio';
  // The mix per region: region rows (own region and peer statistics for a regio caller).
  const mixRows = useCallback((r: MetricRow) => isChartRow(r), []);

  const mixTitle = t('mixTitle');
  const mixChart = useMemo(
    () => (model: TableModel) => {
      if (regio) {
        const own = filterRows(model, isOwnRow);
        return (
          <EChart
            label={chartLabel(mixTitle, t('chartAltSuffix'))}
            height={barHeight(own.rows.length, 2)}
            option={barOption(own, {
              category: 'phenomenon',
              series: [
                { key: 'share', name: own.columns.find((c) => c.key === 'share')?.label ?? '' },
                { key: 'rest_share', name: own.columns.find((c) => c.key === 'rest_share')?.label ?? '' },
              ],
              valueKind: 'share',
              lang,
              horizontal: true,
            })}
          />
        );
      }
      const ys = new Set(model.source.map((r) => r.region_code)).size;
      return (
        <EChart
          label={chartLabel(mixTitle, t('chartAltSuffix'))}
          height={Math.max(280, 110 + ys * 24)}
          option={heatmapOption(model, { x: 'phenomenon', y: 'region_code', value: 'share', valueKind: 'share', lang })}
        />
      );
    },
    [mixTitle, t, lang, regio],
  );

  const underTitle = t('underTitle');
  // Observed against expected: a regio caller's own rows; otherwise the flagged rows.
  const underChart = useBarPanel({
    title: underTitle,
    category: regio ? 'phenomenon' : ['region_code', 'phenomenon'],
    series: [
      { key: 'signals', name: '' },
      { key: 'expected', name: '' },
    ],
    valueKind: 'count',
    horizontal: true,
    rows: regio ? isOwnRow : isFlagged,
  });

  return (
    <>
      <FilterSummary />
      <MetricPanel
        load={load}
        panelId="phenomenon-mix"
        title={mixTitle}
        table={{ columns: ['region_code', 'phenomenon', 'signals', 'region_signals', 'share', 'rest_share'], rowFilter: mixRows }}
        chart={mixChart}
      />
      <MetricPanel
        load={load}
        panelId="phenomenon-under"
        title={underTitle}
        table={{ columns: ['region_code', 'phenomenon', 'signals', 'region_signals', 'rest_share', 'expected', 'probability', 'under_covered'], rowFilter: coverageRow }}
        chart={underChart}
      />
      <TrendPanel title={t('trendPhenomenonTitle')} fixedBy="phenomenon" />
      <TrendPanel title={t('trendSourceTitle')} fixedBy="source" />
    </>
  );
}
