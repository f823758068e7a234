/** criteria_usage and criteria_coverage (METRICS.md §4–5): which frameworks, and are the five legal criteria scored. */
import { BODIES, CRITERIA, FRAMEWORKS, STAGES } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, share } from './columns';
import { binColumn, factCounts, lit, scopeWhere, SqlBuilder } from './sql';
import type { MetricDefinition } from './types';

export const criteriaUsageMetric: MetricDefinition = {
  name: 'criteria_usage',
  label: { nl: 'Gebruik van referentiekaders', en: 'Use of frameworks' },
  description: {
    nl: 'Beoordelingen geteld naar fase × orgaan × referentiekader, met het aandeel van elk kader binnen fase en orgaan.',
    en: "Assessments counted by stage × body × framework, with each framework's share within stage and body.",
  },
  unit: 'assessments',
  grain: 'region × stage × body',
  dimensions: ['stage', 'body'],
  filters: ALL_FILTERS,
  params: [],
  roles: ALL_ROLES,
  columns: [
    dim('stage', 'Fase', 'Stage', { order: STAGES }),
    dim('body', 'Orgaan', 'Body', { order: BODIES }),
    count('assessments', 'Beoordelingen', 'Assessments'),
    ...FRAMEWORKS.map((f) => count(`fw_${f}`, `Kader ${f}`, `Framework ${f}`)),
    ...FRAMEWORKS.map((f) => share(`share_${f}`, `Aandeel ${f}`, `Share ${f}`, `fw_${f}`, 'assessments')),
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
    const src = factCounts(ctx, 'assessment_facts', ['stage', 'body', 'framework']);
    return b.statement(`SELECT region_code, stage, body, ${binColumn(ctx)},
  ${src.count('assessments')},
  ${FRAMEWORKS.map((f) => src.countIf(`framework = ${lit(f)}`, `fw_${f}`)).join(',\n  ')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx)}
GROUP BY region_code, stage, body, bin`);
  },
};

export const criteriaCoverageMetric: MetricDefinition = {
  name: 'criteria_coverage',
  label: { nl: 'Dekking wettelijke criteria', en: 'Legal criteria coverage' },
  description: {
    nl: 'Van de weegploeg-beoordelingen: het aandeel waarin alle vijf wettelijke criteria gescoord zijn (niet leeg), en per criterium het aandeel gescoord.',
    en: 'Among weegploeg assessments: the share with all five legal criteria scored (non-empty), and per criterion the share scored.',
  },
  unit: 'assessments',
  grain: 'region',
  dimensions: [],
  filters: ALL_FILTERS,
  params: [],
  roles: ALL_ROLES,
  columns: [
    count('assessments', 'Weegploeg-beoordelingen', 'Weegploeg assessments'),
    count('all_scored', 'Alle vijf gescoord', 'All five scored'),
    share('coverage', 'Aandeel alle vijf gescoord', 'Share with all five scored', 'all_scored', 'assessments'),
    ...CRITERIA.map((c) => count(`scored_${c}`, `${c} gescoord`, `${c} scored`)),
    ...CRITERIA.map((c) => share(`share_${c}`, `Aandeel ${c} gescoord`, `Share ${c} scored`, `scored_${c}`, 'assessments')),
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
    const scored = CRITERIA.map((c) => `scored_${c}`);
    const src = factCounts(ctx, 'assessment_facts', ['stage', 'all_scored', ...scored]);
    return b.statement(`SELECT region_code, ${binColumn(ctx)},
  ${src.count('assessments')},
  ${src.countIf('all_scored', 'all_scored')},
  ${scored.map((s) => src.countIf(src.col(s), s)).join(',\n  ')}
FROM ${src.table}
WHERE stage = 'weegploeg'
  AND ${scopeWhere(b, ctx)}
GROUP BY region_code, bin`);
  },
};
