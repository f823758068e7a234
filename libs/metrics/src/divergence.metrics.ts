/**
 * outcome_divergence (METRICS.md §6): do comparable cases get different outcomes in
 * different regions? Indirect standardisation on the severity band of the five criteria.
 */
import { BODIES, SEVERITY_BANDS } from '@weegwijzer/contract';
import { ALL_FILTERS, ALL_ROLES, count, dim, num, strOrNull } from './columns';
import { binColumn, lit, litList, scopeWhere, signalCounts, SqlBuilder } from './sql';
import { poissonExactInterval } from './stats';
import type { MetricColumn, MetricContext, MetricDefinition, Row } from './types';

const BANDS = SEVERITY_BANDS.map((b) => b.band);
const BY_BODY = { param: 'by', equals: 'region_body' };
/** Everything the expected value uses; the ratio and interval reveal what E and O reveal. */
const STANDARDISED_FROM = ['observed', 'units', 'units_low', 'units_mid', 'units_high'];

const STAGE_UNITS = {
  weegploeg: {
    outcome: 'final_wp_outcome',
    band: 'wp_band',
    body: 'final_wp_body',
    outcomes: ['casusoverleg', 'geen_casusoverleg'],
    positive: 'casusoverleg',
    extra: 'reached',
  },
  pre_weging: {
    outcome: 'lpw_outcome',
    band: 'lpw_band',
    body: 'lpw_body',
    outcomes: ['doorgezet', 'niet_doorgezet', 'afgesloten_onvoldoende_info'],
    positive: 'doorgezet',
    extra: 'TRUE',
  },
} as const;

const ratioColumn = (name: string, nl: string, en: string): MetricColumn => ({ name, kind: 'ratio', label: { nl, en }, from: STANDARDISED_FROM, base: 'units' });

export const outcomeDivergenceMetric: MetricDefinition = {
  name: 'outcome_divergence',
  label: { nl: 'Uiteenlopende uitkomsten', en: 'Outcome divergence' },
  description: {
    nl: "Indirecte standaardisatie. Eenheden: per signaal de laatste weegploeg-beoordeling met uitkomst casusoverleg of geen casusoverleg en vijf gescoorde criteria (stage=pre_weging: de laatste pre-weging met doorgezet, niet doorgezet of afgesloten wegens onvoldoende informatie; positief = doorgezet). Ernst = som van de vijf scores (laag 0–3, midden 4–6, hoog 7–10). Landelijk percentage per band over alle regio's in de selectie; verwacht E = Σ eenheden in band × landelijk percentage; verhouding O/E met exact Poisson-interval (95%) gedeeld door E; afwijkend als het interval 1 niet bevat.",
    en: "Indirect standardisation. Units: each signal's latest weegploeg assessment with outcome casusoverleg or geen_casusoverleg and all five criteria scored (stage=pre_weging: the latest pre_weging with doorgezet, niet_doorgezet or afgesloten_onvoldoende_info; positive = doorgezet). Severity = sum of the five scores (low 0–3, mid 4–6, high 7–10). National rate per band over all regions in scope; expected E = Σ units in band × national rate; ratio O/E with the exact Poisson 95% interval divided by E; divergent when the interval excludes 1.",
  },
  unit: 'signals',
  grain: 'region (× body with by=region_body)',
  dimensions: ['body'],
  filters: ALL_FILTERS,
  params: [
    { name: 'stage', label: { nl: 'Fase', en: 'Stage' }, values: ['weegploeg', 'pre_weging'], default: 'weegploeg' },
    { name: 'by', label: { nl: 'Uitsplitsing', en: 'Breakdown' }, values: ['region', 'region_body'], default: 'region' },
  ],
  roles: ALL_ROLES,
  columns: [
    dim('body', 'Orgaan', 'Body', { when: BY_BODY, order: BODIES }),
    count('units', 'Eenheden', 'Units'),
    count('units_low', 'Eenheden ernst laag (0–3)', 'Units severity low (0–3)'),
    count('units_mid', 'Eenheden ernst midden (4–6)', 'Units severity mid (4–6)'),
    count('units_high', 'Eenheden ernst hoog (7–10)', 'Units severity high (7–10)'),
    count('observed', 'Waargenomen positief (O)', 'Observed positive (O)'),
    count('observed_low', 'Positief, ernst laag', 'Positive, severity low'),
    count('observed_mid', 'Positief, ernst midden', 'Positive, severity mid'),
    count('observed_high', 'Positief, ernst hoog', 'Positive, severity high'),
    ratioColumn('expected', 'Verwacht positief (E)', 'Expected positive (E)'),
    ratioColumn('ratio', 'Verhouding O/E', 'Ratio O/E'),
    ratioColumn('ci_low', 'Ondergrens 95%-interval', '95% interval lower bound'),
    ratioColumn('ci_high', 'Bovengrens 95%-interval', '95% interval upper bound'),
    { name: 'divergent', kind: 'flag', label: { nl: 'Afwijkend', en: 'Divergent' }, from: STANDARDISED_FROM, base: 'units' },
  ],
  disclosure: {
    description: {
      nl: "Tellingen met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. E, O/E, het interval en de vlag worden berekend uit de gepubliceerde tellingen (landelijk percentage per band = som over de regio's) en vervallen bij minder dan k eenheden.",
      en: 'Counts with cell-key noise (±2); values 1 to k after noise hidden. E, O/E, the interval and the flag are computed from the released counts (national rate per band = sum over the regions) and are not given on fewer than k units.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const u = STAGE_UNITS[ctx.params.stage as keyof typeof STAGE_UNITS];
    const byBody = ctx.params.by === 'region_body';
    const extra = u.extra === 'TRUE' ? [] : [u.extra];
    const src = signalCounts(ctx, [...extra, u.outcome, u.body, u.band]);
    const band = src.col(u.band);
    return b.statement(`SELECT region_code${byBody ? `, ${u.body} AS body` : ''}, ${binColumn(ctx)},
  ${band} AS band,
  ${src.count('units')},
  ${src.countIf(`${u.outcome} = ${lit(u.positive)}`, 'positive')}
FROM ${src.table}
WHERE ${u.extra}
  AND ${u.outcome} IN (${litList(u.outcomes)})
  AND ${band} IS NOT NULL
  AND ${scopeWhere(b, ctx)}
GROUP BY region_code${byBody ? ', body' : ''}, band, bin`);
  },
  rows: divergenceRows,
  derive: divergenceDerive,
};

const UNITS_OF: Readonly<Record<string, string>> = Object.fromEntries(BANDS.map((b) => [b, `units_${b}`]));
const OBSERVED_OF: Readonly<Record<string, string>> = Object.fromEntries(BANDS.map((b) => [b, `observed_${b}`]));

/**
 * Units and positives per severity band, per region (× body) and nationally: counts only
 * (statistics come in `derive`). Cells by region, then body (no key text per raw row), the
 * band's column names looked up, not built.
 */
function divergenceRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  const byBody = ctx.params.by === 'region_body';
  const cells = new Map<string | null, Map<string | null, Row>>();
  const out: Row[] = [];
  const cellOf = (region: string | null, body: string | null) => {
    let inRegion = cells.get(region);
    if (!inRegion) cells.set(region, (inRegion = new Map()));
    let c = inRegion.get(body);
    if (!c) {
      c = { region_code: region, ...(byBody ? { body } : {}), units: 0, observed: 0 };
      for (const b of BANDS) c[UNITS_OF[b]] = c[OBSERVED_OF[b]] = 0;
      inRegion.set(body, c);
      out.push(c);
    }
    return c;
  };
  const add = (c: Row, unitsKey: string, observedKey: string, units: number, positive: number) => {
    c.units = (c.units as number) + units;
    c.observed = (c.observed as number) + positive;
    c[unitsKey] = (c[unitsKey] as number) + units;
    c[observedKey] = (c[observedKey] as number) + positive;
  };
  for (const r of raw) {
    const band = String(r.band);
    const unitsKey = UNITS_OF[band] ?? `units_${band}`;
    const observedKey = OBSERVED_OF[band] ?? `observed_${band}`;
    const units = num(r.units);
    const positive = num(r.positive);
    const body = byBody ? strOrNull(r.body) : null;
    add(cellOf(String(r.region_code), body), unitsKey, observedKey, units, positive);
    if (ctx.totals) add(cellOf(null, body), unitsKey, observedKey, units, positive);
  }
  return out;
}

const released = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * Rule 7: the national rate per band from the released counts of the regions, E, O/E and
 * the exact Poisson interval from the released O and units.
 */
function divergenceDerive(rows: Row[]): void {
  const units: Record<string, number> = Object.fromEntries(BANDS.map((b) => [b, 0]));
  const positive: Record<string, number> = Object.fromEntries(BANDS.map((b) => [b, 0]));
  for (const r of rows) {
    if (r.region_code === null) continue;
    for (const b of BANDS) {
      units[b] += released(r[`units_${b}`]);
      positive[b] += released(r[`observed_${b}`]);
    }
  }
  const rate = Object.fromEntries(BANDS.map((b) => [b, units[b] > 0 ? positive[b] / units[b] : 0]));
  for (const row of rows) {
    const expected = BANDS.reduce((s, b) => s + released(row[`units_${b}`]) * rate[b], 0);
    const observed = released(row.observed);
    row.expected = expected;
    row.ratio = row.ci_low = row.ci_high = row.divergent = null;
    if (expected > 0) {
      const ci = poissonExactInterval(observed);
      row.ratio = observed / expected;
      row.ci_low = ci.lower / expected;
      row.ci_high = ci.upper / expected;
      row.divergent = (row.ci_low as number) > 1 || (row.ci_high as number) < 1;
    }
  }
}
