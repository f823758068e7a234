/**
 * reach (METRICS.md §10): professional_meldpunt signals per 100 000 inhabitants, per
 * municipality and per region, per calendar year, and the change against the previous year.
 */
import { loadMunicipalities, POPULATION_YEAR } from '@weegwijzer/contract';
import { count, dim, num, strOrNull } from './columns';
import { countIf, periodCondition, scopeWhere, SqlBuilder } from './sql';
import type { CellKey, MetricColumn, MetricContext, MetricDefinition, Row } from './types';

const LEVELS = ['region', 'municipality', 'municipality_unknown'] as const;
const PER = 100_000;

/** The same calendar date one year earlier (29 February -> 28 February). */
export function yearEarlier(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The part of calendar year `y` inside the period, as 'from..to' (open ends as ''). */
function windowOf(y: number, from?: string, to?: string): string {
  const lo = from && from > `${y}-01-01` ? from : `${y}-01-01`;
  const hi = to && to < `${y}-12-31` ? to : `${y}-12-31`;
  return `${lo}..${hi}`;
}

/** Same-days window of the year before: the period shifted back a year, inside year y − 1. */
function previousWindowOf(y: number, from?: string, to?: string): string {
  return windowOf(y - 1, from ? yearEarlier(from) : undefined, to ? yearEarlier(to) : undefined);
}

const sameWindowCache = new Map<string, boolean>();
/** Whether year y's comparison window is exactly last year's row (whole years): then it is the same cell. */
function previousIsLastYearsRow(y: number, from?: string, to?: string): boolean {
  const id = `${y}|${from ?? ''}|${to ?? ''}`;
  let same = sameWindowCache.get(id);
  if (same === undefined) {
    same = previousWindowOf(y, from, to) === windowOf(y - 1, from, to);
    if (sameWindowCache.size > 10_000) sameWindowCache.clear();
    sameWindowCache.set(id, same);
  }
  return same;
}

export const reachMetric: MetricDefinition = {
  name: 'reach',
  label: { nl: 'Bereik van het meldpunt', en: 'Reporting-point reach' },
  description: {
    nl: 'Per regio en per gemeente, per kalenderjaar: signalen met bron professional_meldpunt per 100 000 inwoners, en de verandering ten opzichte van dezelfde dagen een jaar eerder (bij hele jaren: het vorige kalenderjaar). Bevolking: het dichtstbijzijnde beschikbare jaar (nu alleen 1 januari 2022), vermeld als population_year. Signalen zonder gemeentecode tellen mee in de regio (rij municipality_unknown).',
    en: 'Per region and per municipality, per calendar year: signals with source professional_meldpunt per 100 000 inhabitants, and the change against the same days one year earlier (for whole years: the previous calendar year). Population: the nearest year available (today only 1 January 2022), stated as population_year. Signals without a municipality code count in the region (row municipality_unknown).',
  },
  unit: 'signals per 100 000 inhabitants',
  grain: 'region | municipality × year',
  dimensions: ['level', 'municipality_code', 'year'],
  filters: ['regions', 'from', 'to', 'phenomenon', 'receiving_party'],
  params: [],
  roles: ['inspectie', 'nctv', 'regio', 'beheer'],
  columns: [
    dim('level', 'Niveau', 'Level', { order: LEVELS }),
    dim('municipality_code', 'Gemeente', 'Municipality'),
    dim('year', 'Jaar', 'Year'),
    count('meldpunt_signals', 'Meldpuntsignalen', 'Reporting-point signals'),
    count('previous_meldpunt_signals', 'Meldpuntsignalen een jaar eerder', 'Reporting-point signals one year earlier', {
      additive: false,
      // the same cell as last year's row when the windows coincide (whole years)
      sameAs: (row, ctx) =>
        previousIsLastYearsRow(row.year as number, ctx.scope.from, ctx.scope.to) ? { row: { ...row, year: (row.year as number) - 1 }, column: 'meldpunt_signals' } : null,
    }),
    count('population', `Inwoners (1 januari ${POPULATION_YEAR})`, `Inhabitants (1 January ${POPULATION_YEAR})`, { additive: false, noPeer: true }),
    { name: 'rate_per_100k', kind: 'rate_per_100k', label: { nl: 'Per 100 000 inwoners', en: 'Per 100 000 inhabitants' }, from: ['meldpunt_signals'] },
    {
      name: 'change_per_100k',
      kind: 'rate_per_100k',
      label: { nl: 'Verandering per 100 000 t.o.v. een jaar eerder', en: 'Change per 100 000 against one year earlier' },
      from: ['meldpunt_signals', 'previous_meldpunt_signals'],
    },
  ] satisfies MetricColumn[],
  disclosure: {
    totals: 'additive',
    description: {
      nl: 'Tellingen onder k onderdrukt (ook de telling van een jaar eerder op dezelfde rij, die bij hele jaren dezelfde cel is als de rij van vorig jaar); secundair langs regio = som van de gemeenten en langs de landelijke totaalrij. Het tarief vervalt met zijn telling, de verandering met een van beide tellingen. Bevolking is openbare referentiedata.',
      en: 'Counts below k suppressed (also the count one year earlier on the same row, which for whole years is the same cell as last year\'s row); secondary along region = sum of its municipalities and the national total row. The rate is suppressed with its count, the change with either count. Population is public reference data.',
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const { from, to } = ctx.scope;
    const prevFrom = from ? yearEarlier(from) : undefined;
    const prevTo = to ? yearEarlier(to) : undefined;
    const meldpunt = "source = 'professional_meldpunt'";
    return b.statement(`SELECT region_code, municipality_code, received_year AS year,
  ${countIf(ctx, periodCondition(b, from, to), 'signals')},
  ${countIf(ctx, `${periodCondition(b, from, to)} AND ${meldpunt}`, 'meldpunt_signals')},
  ${countIf(ctx, periodCondition(b, prevFrom, prevTo), 'signals_year_later_window')},
  ${countIf(ctx, `${periodCondition(b, prevFrom, prevTo)} AND ${meldpunt}`, 'meldpunt_year_later_window')}
FROM signal_facts
WHERE ${scopeWhere(b, ctx, ctx.queryRegions, { period: false })}
  AND ${periodCondition(b, prevFrom, to)}
GROUP BY region_code, municipality_code, received_year`);
  },
  rows: reachRows,
  extraLines(rows, _ctx, keyOf) {
    // a region's count is the sum of its municipality rows (and its unknown-municipality row)
    const totals = new Map<string, CellKey>();
    const parts = new Map<string, CellKey[]>();
    for (const r of rows) {
      if (r.group !== 'region') continue;
      const id = `${r.region_code}|${r.year}`;
      if (r.level === 'region') totals.set(id, keyOf(r, 'meldpunt_signals'));
      else parts.set(id, [...(parts.get(id) ?? []), keyOf(r, 'meldpunt_signals')]);
    }
    return [...totals].map(([id, total]) => [total, ...(parts.get(id) ?? [])]);
  },
  peerRow: (row) => row.level === 'region',
  extra: () => ({ population_year: POPULATION_YEAR }),
  notes: () => [
    {
      code: 'population_year',
      nl: `Inwonertallen van 1 januari ${POPULATION_YEAR} (het enige beschikbare jaar) voor elk jaar.`,
      en: `Population on 1 January ${POPULATION_YEAR} (the only year available) for every year.`,
    },
  ],
};

interface Counts {
  meldpunt: number;
  signals: number;
  prevMeldpunt: number;
  prevSignals: number;
}

function reachRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  const municipalities = loadMunicipalities();
  const popOf = new Map(municipalities.map((m) => [m.code, m.population]));

  // counts per (region, municipality or '', year); prev* hold the window that serves year + 1
  const counts = new Map<string, Counts>();
  const regionsSeen = new Set<string>();
  const yearsSeen = new Set<number>();
  const dataMunicipalities = new Map<string, Set<string>>();
  const unknownSeen = new Set<string>();
  for (const r of raw) {
    const region = String(r.region_code);
    const m = strOrNull(r.municipality_code);
    const y = num(r.year);
    const c: Counts = { meldpunt: num(r.meldpunt_signals), signals: num(r.signals), prevMeldpunt: num(r.meldpunt_year_later_window), prevSignals: num(r.signals_year_later_window) };
    counts.set(`${region}|${m ?? ''}|${y}`, c);
    if (c.signals > 0) {
      regionsSeen.add(region);
      yearsSeen.add(y);
      if (m === null) unknownSeen.add(region);
      else dataMunicipalities.set(region, (dataMunicipalities.get(region) ?? new Set<string>()).add(m));
    }
  }
  if (yearsSeen.size === 0) return [];
  const years: number[] = [];
  for (let y = Math.min(...yearsSeen); y <= Math.max(...yearsSeen); y++) years.push(y);
  const regions = [...regionsSeen].sort();

  interface Series {
    current: Map<number, number>;
    previous: Map<number, number>;
  }
  const sum = (region: string, codes: (string | null)[]): Series => {
    const current = new Map<number, number>();
    const previous = new Map<number, number>();
    for (const y of years) {
      let n = 0;
      let p = 0;
      for (const m of codes) {
        n += counts.get(`${region}|${m ?? ''}|${y}`)?.meldpunt ?? 0;
        p += counts.get(`${region}|${m ?? ''}|${y - 1}`)?.prevMeldpunt ?? 0;
      }
      current.set(y, n);
      previous.set(y, p);
    }
    return { current, previous };
  };
  // a previous window without any signal of the region is "no data delivered", not zero
  const previousDelivered = new Set<string>();
  for (const [key, c] of counts) {
    if (c.prevSignals === 0) continue;
    const [region, , y] = key.split('|');
    previousDelivered.add(`${region}|${Number(y) + 1}`);
  }
  const hasPrevious = (region: string, y: number) => previousDelivered.has(`${region}|${y}`);

  const rows: Row[] = [];
  const emit = (base: Row, population: number | null, s: Series, previousKnown: (y: number) => boolean) => {
    for (const y of years) {
      const n = s.current.get(y) ?? 0;
      const prev = previousKnown(y) ? (s.previous.get(y) ?? 0) : null;
      const rate = population ? (n * PER) / population : null;
      const prevRate = population && prev !== null ? (prev * PER) / population : null;
      rows.push({
        ...base,
        year: y,
        meldpunt_signals: n,
        previous_meldpunt_signals: prev,
        population,
        rate_per_100k: rate,
        change_per_100k: rate !== null && prevRate !== null ? rate - prevRate : null,
      });
    }
  };

  const national: Series = { current: new Map(years.map((y) => [y, 0])), previous: new Map(years.map((y) => [y, 0])) };
  let nationalPopulation = 0;
  for (const region of regions) {
    const refs = municipalities.filter((m) => m.regionCode === region).map((m) => m.code);
    const codes = [...new Set([...refs, ...(dataMunicipalities.get(region) ?? [])])].sort();
    const known = (y: number) => hasPrevious(region, y);
    for (const code of codes) {
      emit({ region_code: region, level: 'municipality', municipality_code: code }, refs.includes(code) ? (popOf.get(code) ?? null) : null, sum(region, [code]), known);
    }
    if (unknownSeen.has(region)) emit({ region_code: region, level: 'municipality_unknown', municipality_code: null }, null, sum(region, [null]), known);
    const regionPopulation = refs.reduce((s, c) => s + (popOf.get(c) ?? 0), 0);
    const all = sum(region, [...codes, null]);
    emit({ region_code: region, level: 'region', municipality_code: null }, regionPopulation || null, all, known);
    for (const y of years) {
      national.current.set(y, (national.current.get(y) as number) + (all.current.get(y) as number));
      national.previous.set(y, (national.previous.get(y) as number) + (all.previous.get(y) as number));
    }
    nationalPopulation += regionPopulation;
  }
  // national change only when every region delivered the earlier window
  const nationalKnown = (y: number) => regions.every((r) => hasPrevious(r, y));
  if (ctx.totals) emit({ region_code: null, level: 'region', municipality_code: null }, nationalPopulation || null, national, nationalKnown);
  return rows;
}
