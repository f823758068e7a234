import { useCallback, useMemo } from 'react';
import type { MetricRow } from '../../api/types';
import { useApp, type Labeller } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { MetricPanel, useLabeller, useMetric, useMunicipalityNames } from '../../components/metric';
import { codeLabel } from '../../i18n/codes';
import { useBarPanel, useRegionBarChart } from '../common';

/** Above this many municipalities a bar chart is unreadable; the table carries them. */
const MAX_CHART_MUNICIPALITIES = 80;
const anyRow = () => true;
const COLUMNS = ['year', 'meldpunt_signals', 'previous_meldpunt_signals', 'population', 'rate_per_100k', 'change_per_100k'];

export default function ReachView() {
  const { t, lang, location, setExtra } = useApp();
  const load = useMetric('reach');
  const municipalities = useMunicipalityNames(true);
  const base = useLabeller(municipalities);
  const labeller: Labeller = useMemo(
    () => ({
      ...base,
      dimensionText: (col, v, row) =>
        col === 'municipality_code' && v === null && row.level === 'municipality_unknown' ? codeLabel('level', 'municipality_unknown', lang) : base.dimensionText(col, v, row),
    }),
    [base, lang],
  );

  const years = useMemo(() => (load.status === 'ready' ? [...new Set(load.data.rows.map((r) => Number(r.year)).filter(Number.isFinite))].sort((a, b) => a - b) : []), [load]);
  const latest = years[years.length - 1];
  const chosen = Number(location.extra.year);
  const year = years.includes(chosen) ? chosen : latest;
  const regionRows = useCallback((r: MetricRow) => r.level === 'region' && Number(r.year) === year, [year]);
  const municipalityRows = useCallback((r: MetricRow) => r.level !== 'region' && Number(r.year) === year, [year]);

  const regionTitle = t('reachRegionTitle');
  const regionChart = useRegionBarChart(regionTitle, 'rate_per_100k', 'rate_per_100k');

  const munTitle = t('reachMunicipalityTitle');
  // Rows without a municipality code ("onbekend", one per region) are not municipalities.
  const munCount = load.status === 'ready' ? load.data.rows.filter((r) => municipalityRows(r) && r.level === 'municipality').length : 0;
  const changeTitle = t('reachChangeTitle');
  const changeChart = useRegionBarChart(changeTitle, 'change_per_100k', 'rate_per_100k');
  const munChart = useBarPanel({
    title: munTitle,
    category: 'municipality_code',
    series: [{ key: 'rate_per_100k', name: '' }],
    valueKind: 'rate_per_100k',
    horizontal: true,
    rows: anyRow,
  });

  const yearTools =
    years.length > 1 ? (
      <label className="inline-select">
        {t('chooseYear')}{' '}
        <select value={String(year)} onChange={(e) => setExtra('year', e.target.value)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
    ) : undefined;

  return (
    <>
      <FilterSummary />
      <MetricPanel
        load={load}
        panelId="reach-region"
        title={`${regionTitle}${year ? ` (${year})` : ''}`}
        tools={yearTools}
        labeller={labeller}
        table={{ columns: ['region_code', ...COLUMNS], rowFilter: regionRows }}
        chart={regionChart}
      />
      <MetricPanel
        load={load}
        panelId="reach-change"
        title={`${changeTitle}${year ? ` (${year})` : ''}`}
        labeller={labeller}
        table={{ columns: ['region_code', 'year', 'meldpunt_signals', 'previous_meldpunt_signals', 'change_per_100k'], rowFilter: regionRows }}
        chart={changeChart}
      />
      <MetricPanel
        load={load}
        panelId="reach-municipality"
        title={`${munTitle}${year ? ` (${year})` : ''}`}
        labeller={labeller}
        table={{ columns: ['region_code', 'municipality_code', ...COLUMNS], rowFilter: municipalityRows }}
        chart={munCount <= MAX_CHART_MUNICIPALITIES ? munChart : undefined}
        description={munCount > MAX_CHART_MUNICIPALITIES ? t('reachTooManyForChart', { n: munCount }) : undefined}
      />
    </>
  );
}
