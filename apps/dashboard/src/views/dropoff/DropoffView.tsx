import { useMemo } from 'react';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { barHeight, barOption } from '../../charts/bar';
import { EChart } from '../../charts/EChart';
import { MetricPanel, useLabeller, useMetric, useTableModel } from '../../components/metric';
import { filterRows, type TableModel } from '../../lib/table';
import { chartLabel, isChartRow, useReference } from '../common';

const DROP_OUTCOMES = ['dropped_niet_doorgezet', 'dropped_afgesloten_onvoldoende_info', 'dropped_doorverwezen'];

export default function DropoffView() {
  const { t, lang, me } = useApp();
  const overall = useMetric('dropoff', { by: 'none' });
  const byParty = useMetric('dropoff', { by: 'receiving_party' });
  const reference = useReference();
  const regio = me.role === 'regio';
  const labeller = useLabeller();
  // The party chart's reference line is the overall drop rate of the selection.
  const overallModel = useTableModel(overall, { caption: '', columns: ['region_code', 'drop_rate'] }, labeller);

  const regionTitle = t('dropByRegionTitle');
  const regionChart = useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      return (
        <EChart
          label={chartLabel(regionTitle, t('chartAltSuffix'))}
          height={barHeight(m.rows.length)}
          option={barOption(m, {
            category: 'region_code',
            series: [{ key: 'drop_rate', name: m.columns.find((c) => c.key === 'drop_rate')?.label ?? '' }],
            valueKind: 'share',
            lang,
            horizontal: true,
            reference: reference(model, 'drop_rate'),
          })}
        />
      );
    },
    [regionTitle, t, lang, reference],
  );

  const partyTitle = t('dropByPartyTitle');
  const partyChart = useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      const regions = new Set(m.source.map((r) => String(r.region_code ?? r.group))).size;
      return (
        <EChart
          label={chartLabel(partyTitle, t('chartAltSuffix'))}
          height={barHeight(regions, 3)}
          option={barOption(m, {
            category: 'region_code',
            pivot: { series: 'receiving_party', value: 'drop_rate' },
            valueKind: 'share',
            lang,
            horizontal: true,
            reference: overallModel ? reference(overallModel, 'drop_rate') : null,
          })}
        />
      );
    },
    [partyTitle, t, lang, reference, overallModel],
  );

  const basisTitle = t('dropBasisTitle');
  const basisChart = useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      return (
        <EChart
          label={chartLabel(basisTitle, t('chartAltSuffix'))}
          height={barHeight(m.rows.length, regio ? 2 : 1)}
          option={barOption(m, {
            category: 'region_code',
            series: [
              { key: 'dropped_explicit', name: t('explicitFramework') },
              { key: 'dropped_judgement', name: t('judgement') },
            ],
            valueKind: 'count',
            lang,
            horizontal: true,
            stacked: !regio,
          })}
        />
      );
    },
    [basisTitle, t, lang, regio],
  );

  const closingTitle = t('closingTitle');
  const closingChart = useMemo(
    () => (model: TableModel) => {
      const m = filterRows(model, isChartRow);
      const regions = new Set(m.source.map((r) => String(r.region_code ?? r.group))).size;
      return (
        <EChart
          label={chartLabel(closingTitle, t('chartAltSuffix'))}
          height={barHeight(regions, 3)}
          option={barOption(m, {
            category: 'region_code',
            pivot: { series: 'receiving_party', value: 'dropped_afgesloten_onvoldoende_info' },
            valueKind: 'count',
            lang,
            horizontal: true,
          })}
        />
      );
    },
    [closingTitle, t, lang],
  );

  return (
    <>
      <FilterSummary />
      <MetricPanel
        load={overall}
        panelId="dropoff-region"
        title={regionTitle}
        table={{ columns: ['region_code', 'with_pre', 'dropped', 'drop_rate', 'reached', 'direct', 'direct_rate'] }}
        chart={regionChart}
      />
      <MetricPanel load={byParty} panelId="dropoff-party" title={partyTitle} table={{ columns: ['region_code', 'receiving_party', 'with_pre', 'dropped', 'drop_rate'] }} chart={partyChart} />
      <MetricPanel
        load={overall}
        panelId="dropoff-basis"
        title={basisTitle}
        table={{ columns: ['region_code', 'dropped', 'dropped_explicit', 'dropped_judgement', 'explicit_share', ...FRAMEWORK_COLUMNS] }}
        chart={basisChart}
      />
      <MetricPanel
        load={byParty}
        panelId="dropoff-closing"
        title={closingTitle}
        table={{ columns: ['region_code', 'receiving_party', 'with_pre', 'dropped', ...DROP_OUTCOMES] }}
        chart={closingChart}
      />
    </>
  );
}

const FRAMEWORK_COLUMNS = [
  'wettelijke_criteria',
  'ontwikkelgebieden',
  'ica',
  'le_model',
  'particulier_instrument',
  'open_gesprek',
  'niet_pluis',
  'onbekend',
].map((f) => `dropped_fw_${f}`);

