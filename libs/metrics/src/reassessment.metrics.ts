/**
 * reassessment_consistency (METRICS.md §7): persons with a final weegploeg outcome in two or
 * more regions, and how many got different outcomes. Links records about one person through
 * subject_pseudonym, so it is for the inspectorate only.
 */
import { ALL_FILTERS, count, share, SUBJECT_LINKING_ROLES } from './columns';
import { countAll, countIf, scopeWhere, SqlBuilder } from './sql';
import type { MetricDefinition } from './types';

export const reassessmentConsistencyMetric: MetricDefinition = {
  name: 'reassessment_consistency',
  label: { nl: 'Consistentie bij herbeoordeling', en: 'Re-assessment consistency' },
  description: {
    nl: "Personen (pseudoniem) met een laatste weegploeg-uitkomst in minstens twee regio's: hoeveel, en hoeveel kregen verschillende uitkomsten. De uitkomst van een persoon in een regio is de laatste weegploeg-uitkomst van zijn laatst beoordeelde signaal daar. Per regio: de personen met een uitkomst daar en in een andere regio; de totaalrij telt elke persoon één keer. Alleen voor de inspectie.",
    en: "Persons (pseudonym) with a final weegploeg outcome in at least two regions: how many, and how many got different outcomes. A person's outcome in a region is the final weegploeg outcome of their latest-decided signal there. Per region: persons with an outcome there and in another region; the total row counts each person once. Inspectorate only.",
  },
  unit: 'persons',
  grain: 'region',
  dimensions: [],
  filters: ALL_FILTERS,
  params: [],
  roles: SUBJECT_LINKING_ROLES,
  binned: false,
  columns: [
    count('persons', "Personen met uitkomst in ≥ 2 regio's", 'Persons with an outcome in ≥ 2 regions'),
    count('persons_different', 'Met verschillende uitkomsten', 'With different outcomes'),
    share('share_different', 'Aandeel verschillend', 'Share different', 'persons_different', 'persons'),
  ],
  disclosure: {
    description: {
      nl: "Personen met celsleutelruis (±2), met de sleutel van de persoon; waarden 1 tot k na ruis verborgen. Personen over regio's zijn niet optelbaar over maanden: de cel is de hele periode (geen kalendervakken). Het totaal telt elke persoon één keer.",
      en: 'Persons with cell-key noise (±2), keyed by the person; values 1 to k after noise hidden. Persons across regions do not add up over months: the cell is the whole period (no calendar bins). The total counts each person once.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    // `multi`: the persons seen in two or more regions (a few percent); only their signals
    // are ranked, which leaves out nothing `persons` keeps and saves a window over the rest
    return b.statement(`WITH multi AS (
  SELECT subject_pseudonym FROM signal_facts
  WHERE reached AND subject_pseudonym IS NOT NULL
    AND ${scopeWhere(b, ctx)}
  GROUP BY subject_pseudonym HAVING count(DISTINCT region_code) >= 2
), ranked AS (
  SELECT subject_pseudonym, region_code, final_wp_outcome, subject_rk, subject_nrk,
    row_number() OVER (PARTITION BY subject_pseudonym, region_code ORDER BY final_wp_date DESC, signal_id DESC) AS rn
  FROM signal_facts
  WHERE reached AND subject_pseudonym IN (SELECT subject_pseudonym FROM multi)
    AND ${scopeWhere(b, ctx)}
), person_region AS (
  SELECT subject_pseudonym, region_code, final_wp_outcome, subject_rk, subject_nrk FROM ranked WHERE rn = 1
), persons AS (
  SELECT subject_pseudonym, min(subject_nrk) AS subject_nrk, count(DISTINCT final_wp_outcome) AS outcomes
  FROM person_region GROUP BY subject_pseudonym HAVING count(*) >= 2
)
SELECT pr.region_code, ${countAll(ctx, 'persons', 'pr.subject_rk')}, ${countIf(ctx, 'p.outcomes > 1', 'persons_different', 'pr.subject_rk')}
FROM person_region pr JOIN persons p ON p.subject_pseudonym = pr.subject_pseudonym
GROUP BY pr.region_code
UNION ALL
SELECT CAST(NULL AS VARCHAR) AS region_code, ${countAll(ctx, 'persons', 'subject_nrk')}, ${countIf(ctx, 'outcomes > 1', 'persons_different', 'subject_nrk')}
FROM persons`);
  },
};
