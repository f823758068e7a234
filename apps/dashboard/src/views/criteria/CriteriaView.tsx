import { useCallback, useMemo } from 'react';
import type { MetricRow } from '../../api/types';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { EChart } from '../../charts/EChart';
import { forestOption } from '../../charts/forest';
import { heatmapOption } from '../../charts/heatmap';
import { MetricPanel, useMetric } from '../../components/metric';
import { BODY_LABELS, FRAMEWORK_LABELS, STAGE_LABELS, codeLabel } from '../../i18n/codes';
import { filterRows, type TableModel } from '../../lib/table';
import { chartLabel, isChartRow, useRegionBarChart } from '../common';

const FRAMEWORKS = Object.keys(FRAMEWORK_LABELS);
const CRITERIA = ['c_geweld', 'c_denkbeelden', 'c_sociale_relaties', 'c_identificatie', 'c_zelfredzaamheid'];
/** Stage · body combinations that occur in the contract. */
const USAGE_CELLS = [
  ['pre_weging', 'gemeente'],
  ['pre_weging', 'politie'],
  ['pre_weging', 'om'],
  ['afstemmingsoverleg', 'politie_om'],
  ['weegploeg', 'weegploeg'],
  ['weegploeg', 'driehoek'],
] as const;
const DIVERGENCE_COLUMNS = ['region_code', 'body', 'units', 'units_low', 'units_mid', 'units_high', 'observed', 'expected', 'ratio', 'ci_low', 'ci_high', 'divergent'];

// A regio caller's forest shows its own interval and the peer median as a point.
const forestRow = (r: MetricRow) => isChartRow(r) && (r.group === undefined || r.group === 'region' || r.group === 'own' || r.group === 'peer_median');
const pointOnly = (r: MetricRow) => r.group === 'peer_median';

export default function CriteriaView() {
  const { t, me } = useApp();
  const coverage = useMetric('criteria_coverage');
  const coverageTitle = t('coverageTitle');
  const coverageChart = useRegionBarChart(coverageTitle, 'coverage', 'share');
  return (
    <>
      <FilterSummary />
      <UsagePanel />
      <MetricPanel
        load={coverage}
        panelId="criteria-coverage"
        title={coverageTitle}
        table={{ columns: ['region_code', 'assessments', 'all_scored', 'coverage', ...CRITERIA.map((c) => `share_${c}`)] }}
        chart={coverageChart}
      />
      <DivergencePanels />
      {me.role === 'inspectie' && <ReassessPanel />}
    </>
  );
}

/** Which frameworks are used, per stage and body (a heatmap of regions × frameworks). */
function UsagePanel() {
  const { t, lang, location, setExtra } = useApp();
  const usageKey = location.extra.usage ?? 'pre_weging.gemeente';
  const [stage, body] = (USAGE_CELLS.find(([s, b]) => `${s}.${b}` === usageKey) ?? USAGE_CELLS[0]) as readonly [string, string];
  const usage = useMetric('criteria_usage');
  const usageRows = useCallback((r: MetricRow) => r.stage === stage && r.body === body, [stage, body]);
  const title = t('usageTitle');
  const chart = useMemo(
    () => (model: TableModel) => (
      <EChart
        label={chartLabel(title, t('chartAltSuffix'))}
        height={Math.max(320, 170 + model.rows.length * 28)}
        option={heatmapOption(model, { y: 'region_code', xColumns: FRAMEWORKS.map((f) => ({ key: `share_${f}`, name: FRAMEWORK_LABELS[f][lang] })), valueKind: 'share', lang })}
      />
    ),
    [title, t, lang],
  );
  const tools = (
    <label className="inline-select">
      {t('stageBody')}{' '}
      <select value={`${stage}.${body}`} onChange={(e) => setExtra('usage', e.target.value)}>
        {USAGE_CELLS.map(([s, b]) => (
          <option key={`${s}.${b}`} value={`${s}.${b}`}>
            {STAGE_LABELS[s][lang]} · {BODY_LABELS[b][lang]}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <MetricPanel
      load={usage}
      panelId="criteria-usage"
      title={title}
      tools={tools}
      table={{ columns: ['region_code', 'assessments', ...FRAMEWORKS.map((f) => `share_${f}`)], rowFilter: usageRows }}
      chart={chart}
    />
  );
}

/** The forest plot of observed/expected with its interval, for one set of row labels. */
function useForest(title: string, label: string[]) {
  const { t, lang } = useApp();
  const labels = label.join(',');
  return useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, forestRow);
      const drawn = m.source.filter((r) => typeof r.ratio === 'number').length;
      return (
        <EChart
          label={chartLabel(title, t('chartAltSuffix'))}
          height={Math.max(240, 110 + drawn * 26)}
          option={forestOption(m, {
            lang,
            axisName: t('forestAxis'),
            normalText: t('notDivergent'),
            label: labels.split(','),
            ratio: 'ratio',
            low: 'ci_low',
            high: 'ci_high',
            divergent: 'divergent',
            divergentText: t('divergent'),
            ratioName: 'O/E',
            pointOnly,
          })}
        />
      );
    },
    [title, labels, t, lang],
  );
}

/** Outcome divergence per region (weegploeg or pre-weging), and municipality against police. */
function DivergencePanels() {
  const { t, lang, location, setExtra } = useApp();
  const divStage = location.extra.div_stage === 'pre_weging' ? 'pre_weging' : 'weegploeg';
  const divergence = useMetric('outcome_divergence', { stage: divStage, by: 'region' });
  const byBody = useMetric('outcome_divergence', { stage: 'pre_weging', by: 'region_body' });
  const bodyRows = useCallback((r: MetricRow) => r.body === 'gemeente' || r.body === 'politie', []);
  const divTitle = t('divergenceTitle');
  const bodyTitle = t('bodyCompareTitle');
  const divChart = useForest(divTitle, ['region_code']);
  const bodyChart = useForest(bodyTitle, ['region_code', 'body']);
  const tools = (
    <label className="inline-select">
      {t('divergenceStage')}{' '}
      <select value={divStage} onChange={(e) => setExtra('div_stage', e.target.value)}>
        {['weegploeg', 'pre_weging'].map((s) => (
          <option key={s} value={s}>
            {codeLabel('stage', s, lang)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <MetricPanel
        load={divergence}
        panelId="divergence-region"
        title={divTitle}
        description={t('divergenceIntro')}
        tools={tools}
        table={{ columns: DIVERGENCE_COLUMNS.filter((c) => c !== 'body') }}
        chart={divChart}
      />
      <MetricPanel load={byBody} panelId="divergence-body" title={bodyTitle} table={{ columns: DIVERGENCE_COLUMNS, rowFilter: bodyRows }} chart={bodyChart} />
    </>
  );
}

function ReassessPanel() {
  const { t } = useApp();
  const reassess = useMetric('reassessment_consistency');
  const title = t('reassessTitle');
  const chart = useRegionBarChart(title, 'share_different', 'share');
  return <MetricPanel load={reassess} panelId="reassessment" title={title} table={{}} chart={chart} />;
}
