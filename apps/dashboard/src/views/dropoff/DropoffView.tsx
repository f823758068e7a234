import { useMemo } from 'react';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { barHeight, barOption } from '../../charts/bar';
import { EChart } from '../../charts/EChart';
import { MetricPanel, useLabeller, useMetric, useTableModel } from '../../components/metric';
import { cellOf, filterRows, type TableCell, type TableModel } from '../../lib/table';
import { chartLabel, isChartRow, useReference, useRegionBarChart } from '../common';

const DROP_OUTCOMES = ['dropped_niet_doorgezet', 'dropped_afgesloten_onvoldoende_info', 'dropped_doorverwezen'];

export default function DropoffView() {
  const { t, lang, me } = useApp();
  const overall = useMetric('dropoff', { by: 'none' });
  const byParty = useMetric('dropoff', { by: 'receiving_party' });
  const outcomes = useMetric('preweging_outcomes');
  const reference = useReference();
  const regio = me.role === 'regio';
  const labeller = useLabeller();
  // The party chart's reference line is the overall drop rate of the selection.
  const overallModel = useTableModel(overall, { caption: '', columns: ['region_code', 'drop_rate'] }, labeller);

  const regionTitle = t('dropByRegionTitle');
  const regionChart = useRegionBarChart(regionTitle, 'drop_rate', 'share');

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

  const enrichTitle = t('prewegingEnrichTitle');
  const closedName = t('closedByMunicipality');
  const enrichedName = t('enrichedByPolice');
  const enrichChart = useMemo(
    () => (model: TableModel) => {
      const m = closingVersusEnrichment(filterRows(model, isChartRow), closedName, enrichedName);
      const regions = new Set(m.rows.map((r) => r[0].text)).size;
      return (
        <EChart
          label={chartLabel(enrichTitle, t('chartAltSuffix'))}
          height={barHeight(regions, 2)}
          option={barOption(m, { category: 'region_code', pivot: { series: 'measure', value: 'value' }, valueKind: 'share', lang, horizontal: true })}
        />
      );
    },
    [enrichTitle, closedName, enrichedName, t, lang],
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
      <MetricPanel
        load={outcomes}
        panelId="dropoff-enrichment"
        title={enrichTitle}
        description={t('prewegingEnrichIntro')}
        table={{ columns: ENRICHMENT_TABLE_COLUMNS }}
        chart={enrichChart}
      />
    </>
  );
}

/** Table of the closing-versus-enrichment panel (preweging_outcomes, one row per region × body). */
const ENRICHMENT_TABLE_COLUMNS = [
  'region_code',
  'body',
  'assessments',
  'outcome_afgesloten_onvoldoende_info',
  'closed_share',
  'outcome_verrijking',
  ...['geen', 'wijkagent', 'alertering', 'osint', 'meerdere', 'unknown'].map((e) => `enrichment_${e}`),
  'enriched',
  'enriched_share',
];

/**
 * The chart's model: per region two bars from the same table cells (so suppression shows as
 * in the table): the municipality's share closed for lack of information and the police's
 * share enriched.
 */
function closingVersusEnrichment(model: TableModel, closedName: string, enrichedName: string): TableModel {
  const rows: TableCell[][] = [];
  const source: TableModel['source'] = [];
  model.rows.forEach((cells, i) => {
    const row = model.source[i];
    const pick = row.body === 'gemeente' ? { name: closedName, key: 'closed_share' } : row.body === 'politie' ? { name: enrichedName, key: 'enriched_share' } : null;
    const region = cellOf(model, cells, 'region_code');
    const value = pick && cellOf(model, cells, pick.key);
    if (!pick || !region || !value) return;
    rows.push([region, { raw: pick.name, text: pick.name }, value]);
    source.push(row);
  });
  return {
    ...model,
    columns: [
      { key: 'region_code', label: model.columns.find((c) => c.key === 'region_code')?.label ?? '', kind: 'dimension' },
      { key: 'measure', label: '', kind: 'dimension' },
      { key: 'value', label: '', kind: 'share' },
    ],
    rows,
    source,
  };
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

