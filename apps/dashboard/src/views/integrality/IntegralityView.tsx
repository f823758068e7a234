import type { MetricRow } from '../../api/types';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { MetricPanel, useMetric } from '../../components/metric';
import { isOwnRow, isTotalRow, useBarPanel } from '../common';

const WEEGPLOEG_MEASURES = ['all_parties_present', 'information_all_parties', 'unanimous'];
const RECORDING_MEASURES = ['analysis_recorded', 'decision_recorded'];
const weegploegRow = (r: MetricRow) => r.stage === 'weegploeg' && WEEGPLOEG_MEASURES.includes(String(r.measure));
const recordingRow = (r: MetricRow) => RECORDING_MEASURES.includes(String(r.measure));

export default function IntegralityView() {
  const { t, me } = useApp();
  const load = useMetric('integrality');
  const regio = me.role === 'regio';

  const wpTitle = t('integralityTitle');
  const wpChart = useBarPanel({ title: wpTitle, category: 'region_code', pivot: { series: 'measure', value: 'share' }, valueKind: 'share', horizontal: true, perCategory: 3 });
  const recTitle = t('recordingTitle');
  // Per stage for the nation (own region for a regio caller); regions in the table.
  const recChart = useBarPanel({
    title: recTitle,
    category: 'stage',
    pivot: { series: 'measure', value: 'share' },
    valueKind: 'share',
    horizontal: true,
    perCategory: 2,
    rows: regio ? isOwnRow : isTotalRow,
  });

  const columns = ['region_code', 'stage', 'measure', 'assessments', 'assessments_with', 'share'];
  return (
    <>
      <FilterSummary />
      <MetricPanel load={load} panelId="integrality-weegploeg" title={wpTitle} table={{ columns: columns.filter((c) => c !== 'stage'), rowFilter: weegploegRow }} chart={wpChart} />
      <MetricPanel load={load} panelId="integrality-recording" title={recTitle} table={{ columns, rowFilter: recordingRow }} chart={recChart} />
    </>
  );
}
