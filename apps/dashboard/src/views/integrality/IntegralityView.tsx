import { useMemo } from 'react';
import type { MetricRow } from '../../api/types';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { barHeight, barOption } from '../../charts/bar';
import { EChart } from '../../charts/EChart';
import { MetricPanel, useMetric } from '../../components/metric';
import { filterRows, type TableModel } from '../../lib/table';
import { chartLabel, isChartRow, isOwnRow, isTotalRow } from '../common';

const WEEGPLOEG_MEASURES = ['all_parties_present', 'information_all_parties', 'unanimous'];
const RECORDING_MEASURES = ['analysis_recorded', 'decision_recorded'];
const weegploegRow = (r: MetricRow) => r.stage === 'weegploeg' && WEEGPLOEG_MEASURES.includes(String(r.measure));
const recordingRow = (r: MetricRow) => RECORDING_MEASURES.includes(String(r.measure));

export default function IntegralityView() {
  const { t, lang, me } = useApp();
  const load = useMetric('integrality');
  const regio = me.role === 'regio';

  const wpTitle = t('integralityTitle');
  const wpChart = useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      const regions = new Set(m.source.map((r) => `${String(r.region_code)}|${String(r.group)}`)).size;
      return (
        <EChart
          label={chartLabel(wpTitle, t('chartAltSuffix'))}
          height={barHeight(regions, 3)}
          option={barOption(m, { category: 'region_code', pivot: { series: 'measure', value: 'share' }, valueKind: 'share', lang, horizontal: true })}
        />
      );
    },
    [wpTitle, t, lang],
  );

  const recTitle = t('recordingTitle');
  const recChart = useMemo(
    () => (model: TableModel) => {
      // Per stage for the selection as a whole (own region for a regio caller); regions in the table.
      const m = filterRows(model, regio ? isOwnRow : isTotalRow);
      return (
        <EChart
          label={chartLabel(recTitle, t('chartAltSuffix'))}
          height={barHeight(3, 2)}
          option={barOption(m, { category: 'stage', pivot: { series: 'measure', value: 'share' }, valueKind: 'share', lang, horizontal: true })}
        />
      );
    },
    [recTitle, t, lang, regio],
  );

  const columns = ['region_code', 'stage', 'measure', 'assessments', 'assessments_with', 'share'];
  return (
    <>
      <FilterSummary />
      <MetricPanel load={load} panelId="integrality-weegploeg" title={wpTitle} table={{ columns: columns.filter((c) => c !== 'stage'), rowFilter: weegploegRow }} chart={wpChart} />
      <MetricPanel load={load} panelId="integrality-recording" title={recTitle} table={{ columns, rowFilter: recordingRow }} chart={recChart} />
    </>
  );
}
