/**
 * preweging_outcomes — an EXTENSION beyond METRICS.md (docs/metrics.md, "Extensions beyond
 * METRICS.md"): what the pre-weging bodies decide, so that "municipalities close for lack of
 * information while the police enrich" (report §3.1.2, BRIEF.md step 2) can be shown.
 *
 * Among `pre_weging` assessments in scope (by their signal's received_at and filters, like
 * criteria_usage and integrality): per region × body (gemeente, politie, om) the count per
 * outcome and per enrichment code, and the shares closed for lack of information and enriched.
 *
 * Each count is its own cell with cell-key noise (disclosure control v2); the parts of a
 * total (outcomes, enrichment codes) need not add up exactly to it.
 */
import { ENRICHMENTS, OUTCOMES_BY_STAGE } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, share } from './columns';
import { denseGroups } from './cube';
import { sumGroups, type GroupCondition } from './pivot';
import { binColumn, factCounts, scopeWhere, SqlBuilder } from './sql';
import type { MetricDefinition } from './types';

/** The pre_weging bodies (CONTRACT.md), in display order. */
export const PRE_WEGING_BODIES = ['gemeente', 'politie', 'om'] as const;
/** The pre_weging outcomes (CONTRACT.md). */
export const PRE_WEGING_OUTCOMES = OUTCOMES_BY_STAGE.pre_weging;
/** Enrichment codes plus `unknown` (no code recorded: always so for gemeente and om). */
export const ENRICHMENT_COLUMNS = [...ENRICHMENTS, 'unknown'] as const;
/** Codes that mean the police actually enriched the signal. */
const ENRICHING = new Set<string>(ENRICHMENTS.filter((e) => e !== 'geen'));

const ENRICHMENT_LABELS: Record<string, [string, string]> = {
  geen: ['Verrijking: geen', 'Enrichment: none'],
  wijkagent: ['Verrijking: wijkagent', 'Enrichment: neighbourhood officer'],
  alertering: ['Verrijking: alertering', 'Enrichment: alert on new registrations'],
  osint: ['Verrijking: osint', 'Enrichment: OSINT'],
  meerdere: ['Verrijking: meerdere', 'Enrichment: several'],
  unknown: ['Verrijking niet vastgelegd', 'Enrichment not recorded'],
};

type Group = Record<string, unknown>;
const isVerrijking = (g: Group) => g.outcome === 'verrijking';
const hasCode = (g: Group) => ENRICHING.has(g.enrichment as string);
/** Each count column: the groups (body, outcome, enrichment code) it adds up. */
const GROUPS: Record<string, GroupCondition> = {
  assessments: () => true,
  ...Object.fromEntries(PRE_WEGING_OUTCOMES.map((o) => [`outcome_${o}`, (g: Group) => g.outcome === o])),
  ...Object.fromEntries(ENRICHMENTS.map((e) => [`enrichment_${e}`, (g: Group) => g.enrichment === e])),
  enrichment_unknown: (g) => !(ENRICHMENTS as readonly unknown[]).includes(g.enrichment),
  enriched_code: hasCode,
  enriched_code_verrijking: (g) => hasCode(g) && isVerrijking(g),
  enriched_code_decision: (g) => hasCode(g) && !isVerrijking(g),
  enriched: (g) => isVerrijking(g) || hasCode(g),
};

export const prewegingOutcomesMetric: MetricDefinition = {
  name: 'preweging_outcomes',
  label: { nl: 'Uitkomsten van de pre-weging en verrijking', en: 'Pre-assessment outcomes and enrichment' },
  description: {
    nl: 'Uitbreiding op METRICS.md. Van de pre-wegingen (fase pre_weging) per regio × orgaan (gemeente, politie, OM): het aantal per uitkomst (doorgezet, niet doorgezet, afgesloten wegens onvoldoende informatie, verrijking, doorverwezen) en per verrijkingscode (geen, wijkagent, alertering, osint, meerdere, niet vastgelegd — alleen de politie legt die vast); het aandeel afgesloten wegens onvoldoende informatie en het aandeel verrijkt (uitkomst verrijking, of een verrijkingscode anders dan geen).',
    en: 'Extension beyond METRICS.md. Among pre-assessments (stage pre_weging) per region × body (municipality, police, OM): the count per outcome (forwarded, not forwarded, closed for insufficient information, enrichment, referred) and per enrichment code (none, neighbourhood officer, alert, OSINT, several, not recorded — only the police record one); the share closed for insufficient information and the share enriched (outcome enrichment, or an enrichment code other than none).',
  },
  unit: 'assessments',
  grain: 'region × body',
  dimensions: ['body'],
  filters: ALL_FILTERS,
  params: [],
  roles: ALL_ROLES,
  columns: [
    dim('body', 'Orgaan', 'Body', { order: PRE_WEGING_BODIES }),
    count('assessments', 'Pre-wegingen', 'Pre-assessments'),
    ...PRE_WEGING_OUTCOMES.map((o) => count(`outcome_${o}`, `Uitkomst: ${o}`, `Outcome: ${o}`)),
    ...ENRICHMENT_COLUMNS.map((e) => count(`enrichment_${e}`, ENRICHMENT_LABELS[e][0], ENRICHMENT_LABELS[e][1])),
    count('enriched_code', 'Met verrijkingscode (wijkagent, alertering, osint, meerdere)', 'With an enrichment code (neighbourhood officer, alert, OSINT, several)'),
    count('enriched_code_verrijking', 'Met verrijkingscode, uitkomst verrijking', 'With an enrichment code, outcome enrichment'),
    count('enriched_code_decision', 'Met verrijkingscode, andere uitkomst', 'With an enrichment code, another outcome'),
    count('enriched', 'Verrijkt (uitkomst verrijking of verrijkingscode)', 'Enriched (outcome enrichment or an enrichment code)'),
    share('closed_share', 'Aandeel afgesloten wegens onvoldoende informatie', 'Share closed for insufficient information', 'outcome_afgesloten_onvoldoende_info', 'assessments'),
    share('enriched_share', 'Aandeel verrijkt', 'Share enriched', 'enriched', 'assessments'),
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
    const src = factCounts(ctx, 'assessment_facts', ['stage', 'body', 'outcome', 'enrichment']);
    const g = src.grouped(['body', 'outcome', 'enrichment'], ['stage']);
    return b.statement(`SELECT region_code, body, outcome, enrichment, ${binColumn(ctx)}, ${g.count('n')}
FROM ${src.table}
WHERE stage = 'pre_weging'
  AND ${scopeWhere(b, ctx)}
${g.groupBy}`);
  },
  rows: (raw) => sumGroups(raw, ['body'], GROUPS),
  dense: (raw, ctx, columns, exactRegion) => denseGroups(raw, ctx, columns, exactRegion, GROUPS),
};
