import { useCallback } from 'react';
import { useApp } from '../../app/context';
import { FilterSummary } from '../../app/FilterBar';
import { MetricPanel, useLabeller, useMetric, useTableModel } from '../../components/metric';
import { cellOf, type TableCell, type TableModel } from '../../lib/table';
import { useBarPanel } from '../common';

const DROP_OUTCOMES = ['dropped_niet_doorgezet', 'dropped_afgesloten_onvoldoende_info', 'dropped_doorverwezen'];

export default function DropoffView() {
  const { t } = useApp();
  const overall = useMetric('dropoff', { by: 'none' });
  const byParty = useMetric('dropoff', { by: 'receiving_party' });
  const outcomes = useMetric('preweging_outcomes');
  const labeller = useLabeller();
  // The party chart's reference line is the overall drop rate (national).
  const overallModel = useTableModel(overall, { caption: '', columns: ['region_code', 'drop_rate'] }, labeller);
  const charts = useDropoffCharts(overallModel);
  return (
    <>
      <FilterSummary />
      <MetricPanel
        load={overall}
        panelId="dropoff-region"
        title={t('dropByRegionTitle')}
        table={{ columns: ['region_code', 'with_pre', 'dropped', 'drop_rate', 'reached', 'direct', 'direct_rate'] }}
        chart={charts.region}
      />
      <MetricPanel
        load={byParty}
        panelId="dropoff-party"
        title={t('dropByPartyTitle')}
        table={{ columns: ['region_code', 'receiving_party', 'with_pre', 'dropped', 'drop_rate'] }}
        chart={charts.party}
      />
      <MetricPanel
        load={overall}
        panelId="dropoff-basis"
        title={t('dropBasisTitle')}
        table={{ columns: ['region_code', 'dropped', 'dropped_explicit', 'dropped_judgement', 'explicit_share', ...FRAMEWORK_COLUMNS] }}
        chart={charts.basis}
      />
      <MetricPanel
        load={byParty}
        panelId="dropoff-closing"
        title={t('closingTitle')}
        table={{ columns: ['region_code', 'receiving_party', 'with_pre', 'dropped', ...DROP_OUTCOMES] }}
        chart={charts.closing}
      />
      <MetricPanel
        load={outcomes}
        panelId="dropoff-enrichment"
        title={t('prewegingEnrichTitle')}
        description={t('prewegingEnrichIntro')}
        table={{ columns: ENRICHMENT_TABLE_COLUMNS }}
        chart={charts.enrich}
      />
    </>
  );
}

/** The five bar charts of the view, each one spec for useBarPanel. */
function useDropoffCharts(overallModel: TableModel | null) {
  const { t, me } = useApp();
  const regio = me.role === 'regio';
  const closedName = t('closedByMunicipality');
  const enrichedName = t('enrichedByPolice');
  const enrich = useCallback((m: TableModel) => closingVersusEnrichment(m, closedName, enrichedName), [closedName, enrichedName]);
  return {
    region: useBarPanel({
      title: t('dropByRegionTitle'),
      category: 'region_code',
      series: [{ key: 'drop_rate', name: '' }],
      valueKind: 'share',
      horizontal: true,
      reference: 'own',
    }),
    party: useBarPanel({
      title: t('dropByPartyTitle'),
      category: 'region_code',
      pivot: { series: 'receiving_party', value: 'drop_rate' },
      valueKind: 'share',
      horizontal: true,
      perCategory: 3,
      reference: { model: overallModel, key: 'drop_rate' },
    }),
    basis: useBarPanel({
      title: t('dropBasisTitle'),
      category: 'region_code',
      series: [
        { key: 'dropped_explicit', name: t('explicitFramework') },
        { key: 'dropped_judgement', name: t('judgement') },
      ],
      valueKind: 'count',
      horizontal: true,
      stacked: !regio,
      perCategory: regio ? 2 : 1,
    }),
    closing: useBarPanel({
      title: t('closingTitle'),
      category: 'region_code',
      pivot: { series: 'receiving_party', value: 'dropped_afgesloten_onvoldoende_info' },
      valueKind: 'count',
      horizontal: true,
      perCategory: 3,
    }),
    enrich: useBarPanel({
      title: t('prewegingEnrichTitle'),
      category: 'region_code',
      pivot: { series: 'measure', value: 'value' },
      valueKind: 'share',
      horizontal: true,
      perCategory: 2,
      transform: enrich,
    }),
  };
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

const FRAMEWORK_COLUMNS = ['wettelijke_criteria', 'ontwikkelgebieden', 'ica', 'le_model', 'particulier_instrument', 'open_gesprek', 'niet_pluis', 'onbekend'].map(
  (f) => `dropped_fw_${f}`,
);
