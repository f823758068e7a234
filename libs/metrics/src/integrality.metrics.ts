/** integrality (METRICS.md §9): joint, informed, unanimous and recorded decisions. */
import { STAGES } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, num } from './columns';
import { binColumn, factCounts, scopeWhere, SqlBuilder } from './sql';
import type { MetricContext, MetricDefinition, Row } from './types';

/** Measures in display order; the first three only for weegploeg assessments. */
const MEASURES = ['all_parties_present', 'information_all_parties', 'unanimous', 'analysis_recorded', 'decision_recorded'] as const;
const WEEGPLOEG_ONLY = new Set<string>(['all_parties_present', 'information_all_parties', 'unanimous']);
/** The recorded flags the measures are conditions on. */
const FLAGS = ['present_gemeente', 'present_politie', 'present_om', 'info_gemeente', 'info_politie', 'info_om', 'unanimous', 'analysis_recorded', 'decision_recorded'];

export const integralityMetric: MetricDefinition = {
  name: 'integrality',
  label: { nl: 'Integraliteit en vastlegging', en: 'Integrality and recording' },
  description: {
    nl: 'Van de weegploeg-beoordelingen: het aandeel met alle drie kernpartijen aanwezig, met informatie van alle drie gebruikt, en unaniem. Van alle beoordelingen per fase: het aandeel met vastgelegde analyse en met vastgelegd besluit. Eén rij per regio × fase × maat.',
    en: 'Among weegploeg assessments: the share with all three core parties present, with information from all three used, and unanimous. Among all assessments by stage: the share with the analysis recorded and with the decision recorded. One row per region × stage × measure.',
  },
  unit: 'assessments',
  grain: 'region × stage × measure',
  dimensions: ['stage', 'measure'],
  filters: ALL_FILTERS,
  params: [],
  roles: ALL_ROLES,
  columns: [
    dim('stage', 'Fase', 'Stage', { order: STAGES }),
    dim('measure', 'Maat', 'Measure', { order: MEASURES }),
    count('assessments', 'Beoordelingen', 'Assessments'),
    count('assessments_with', 'Waarvan met deze eigenschap', 'Of which with this property'),
    {
      name: 'share',
      kind: 'share',
      label: { nl: 'Aandeel', en: 'Share' },
      ratioOf: ['assessments_with', 'assessments'],
      from: ['assessments_with', 'assessments'],
      base: 'assessments',
    },
  ],
  totalRow: 'sum',
  disclosure: {
    description: {
      nl: 'Elke telling met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. Percentages uit de gepubliceerde tellingen; ze vervallen bij een noemer onder k.',
      en: 'Every count with cell-key noise (±2); values 1 to k after noise hidden. Shares from the released counts; none on a denominator below k.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const src = factCounts(ctx, 'assessment_facts', ['stage', ...FLAGS]);
    return b.statement(`SELECT region_code, stage, ${binColumn(ctx)},
  ${src.count('assessments')},
  ${src.countIf('present_gemeente AND present_politie AND present_om', 'all_parties_present')},
  ${src.countIf('info_gemeente AND info_politie AND info_om', 'information_all_parties')},
  ${src.countIf('unanimous', 'unanimous')},
  ${src.countIf('analysis_recorded', 'analysis_recorded')},
  ${src.countIf('decision_recorded', 'decision_recorded')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, stage, bin`);
  },
  rows: integralityRows,
  validRow: (row) => !WEEGPLOEG_ONLY.has(row.measure as string) || row.stage === 'weegploeg',
};

function integralityRows(raw: Record<string, unknown>[], _ctx: MetricContext): Row[] {
  const rows: Row[] = [];
  for (const r of raw) {
    const stage = String(r.stage);
    for (const m of MEASURES) {
      if (WEEGPLOEG_ONLY.has(m) && stage !== 'weegploeg') continue;
      rows.push({ region_code: (r.region_code as string | null) ?? null, stage, measure: m, assessments: num(r.assessments), assessments_with: num(r[m]) });
    }
  }
  return rows;
}
