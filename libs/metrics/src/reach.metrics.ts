/**
 * reach (METRICS.md §10): professional_meldpunt signals per 100 000 inhabitants, per
 * municipality and per region, per calendar year, and the change against the same months
 * one year earlier (for whole years: the previous calendar year, the same cells).
 */
import { loadMunicipalities, POPULATION_YEAR, REGION_CODES } from '@weegwijzer/contract';
import { count, dim, num, strOrNull } from './columns';
import { addReleasedBin, REGION_INDEX } from './cube';
import { binExpression, binZones, monthEnd, monthIndex, monthStart } from './periods';
import { periodCondition, scopeWhere, signalCounts, SqlBuilder } from './sql';
import type { MetricColumn, MetricContext, MetricDefinition, Row } from './types';

const LEVELS = ['region', 'municipality', 'municipality_unknown'] as const;
const PER = 100_000;
const MELDPUNT = "source = 'professional_meldpunt'";

/** The first day of the month twelve months earlier, or the last day for a `to` bound. */
function monthsEarlier(date: string, to: boolean): string {
  const earlier = monthIndex(date) - 12;
  return to ? monthEnd(earlier) : monthStart(earlier);
}

export const reachMetric: MetricDefinition = {
  name: 'reach',
  label: { nl: 'Bereik van het meldpunt', en: 'Reporting-point reach' },
  description: {
    nl: 'Per regio en per gemeente, per kalenderjaar: signalen met bron professional_meldpunt per 100 000 inwoners, en de verandering ten opzichte van dezelfde maanden een jaar eerder (bij hele jaren: het vorige kalenderjaar). Bevolking: het dichtstbijzijnde beschikbare jaar (nu alleen 1 januari 2022), vermeld als population_year. Signalen zonder gemeentecode tellen mee in de regio (rij municipality_unknown).',
    en: 'Per region and per municipality, per calendar year: signals with source professional_meldpunt per 100 000 inhabitants, and the change against the same months one year earlier (for whole years: the previous calendar year). Population: the nearest year available (today only 1 January 2022), stated as population_year. Signals without a municipality code count in the region (row municipality_unknown).',
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
    count('previous_meldpunt_signals', 'Meldpuntsignalen een jaar eerder', 'Reporting-point signals one year earlier'),
    count('signals', 'Signalen (alle bronnen)', 'Signals (all sources)'),
    count('previous_signals', 'Signalen een jaar eerder (alle bronnen)', 'Signals one year earlier (all sources)'),
    count('population', `Inwoners (1 januari ${POPULATION_YEAR})`, `Inhabitants (1 January ${POPULATION_YEAR})`, { reference: true, noPeer: true }),
    { name: 'rate_per_100k', kind: 'rate_per_100k', label: { nl: 'Per 100 000 inwoners', en: 'Per 100 000 inhabitants' }, from: ['meldpunt_signals'] },
    {
      name: 'change_per_100k',
      kind: 'rate_per_100k',
      label: { nl: 'Verandering per 100 000 t.o.v. een jaar eerder', en: 'Change per 100 000 against one year earlier' },
      from: ['meldpunt_signals', 'previous_meldpunt_signals'],
    },
  ] satisfies MetricColumn[],
  disclosure: {
    description: {
      nl: 'Tellingen met celsleutelruis (±2); waarden 1 tot k na ruis verborgen. De regio en elke gemeente zijn eigen cellen (de gemeenten tellen niet precies op tot de regio). De telling van een jaar eerder is bij hele jaren dezelfde cel als de rij van vorig jaar. Tarief en verandering uit de gepubliceerde tellingen. Bevolking is openbare referentiedata.',
      en: "Counts with cell-key noise (±2); values 1 to k after noise hidden. The region and each municipality are cells of their own (municipalities need not add up exactly to the region). For whole years the count one year earlier is the same cell as last year's row. Rate and change from the released counts. Population is public reference data.",
    },
  },
  sql(ctx) {
    const b = new SqlBuilder();
    const { from, to } = ctx.scope;
    const prevFrom = from ? monthsEarlier(from, false) : undefined;
    const prevTo = to ? monthsEarlier(to, true) : undefined;
    // the same months a year earlier, in their own calendar bins (for whole years: the same bins)
    const prevBins = binExpression(binZones(prevFrom ? monthIndex(prevFrom) : null, prevTo ? monthIndex(prevTo) : null), ctx.dialect);
    const src = signalCounts(ctx, ['municipality_code', 'received_year', 'source']);
    const part = (name: string, bin: string, lo?: string, hi?: string) => `SELECT region_code, municipality_code, received_year AS year, '${name}' AS part, ${bin} AS bin,
  ${src.countIf(MELDPUNT, 'meldpunt')}, ${src.count('signals')}
FROM ${src.table}
WHERE ${scopeWhere(b, ctx, ctx.queryRegions, { period: false })}
  AND ${periodCondition(b, lo, hi)}
GROUP BY region_code, municipality_code, received_year, bin`;
    const current = part('current', ctx.binSql, from, to);
    const previous = part('previous', prevBins, prevFrom, prevTo);
    return b.statement(`${current}\nUNION ALL\n${previous}`);
  },
  rows: reachRows,
  complete: completeReach,
  dense: reachDense,
  derive: deriveReach,
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

let popCache: Map<string, number> | undefined;
let regionMunicipalities: Map<string, string[]> | undefined;
function reference() {
  if (!popCache || !regionMunicipalities) {
    const municipalities = loadMunicipalities();
    popCache = new Map(municipalities.map((m) => [m.code, m.population]));
    regionMunicipalities = new Map();
    for (const m of municipalities) regionMunicipalities.set(m.regionCode, [...(regionMunicipalities.get(m.regionCode) ?? []), m.code]);
  }
  return { pop: popCache, municipalities: regionMunicipalities };
}

/** A reach row of one cell with its four counts at 0: this year's reporting-point and all signals, and the year earlier's. */
function zeroRow(region: string | null, level: string, municipality: string | null, year: number): Row {
  return { region_code: region, level, municipality_code: municipality, year, meldpunt_signals: 0, previous_meldpunt_signals: 0, signals: 0, previous_signals: 0 };
}

/** One bin's rows: counts per municipality, region and nation, this year's and (from the previous part) next year's "year earlier". */
function reachRows(raw: Record<string, unknown>[], ctx: MetricContext): Row[] {
  const out: Row[] = [];
  // region -> year -> row, and region -> municipality (null: unknown) -> year -> row (no key string per row)
  const regionRows = new Map<string | null, Map<number, Row>>();
  const municipalityRows = new Map<string, Map<string | null, Map<number, Row>>>();
  const rowOf = (byYear: Map<number, Row>, region: string | null, level: string, municipality: string | null, year: number): Row => {
    let row = byYear.get(year);
    if (!row) {
      row = zeroRow(region, level, municipality, year);
      byYear.set(year, row);
      out.push(row);
    }
    return row;
  };
  const yearsOf = <K>(m: Map<K, Map<number, Row>>, key: K): Map<number, Row> => {
    let byYear = m.get(key);
    if (!byYear) m.set(key, (byYear = new Map()));
    return byYear;
  };
  const add = (row: Row, current: boolean, meldpunt: number, signals: number) => {
    if (current) {
      row.meldpunt_signals = (row.meldpunt_signals as number) + meldpunt;
      row.signals = (row.signals as number) + signals;
    } else {
      row.previous_meldpunt_signals = (row.previous_meldpunt_signals as number) + meldpunt;
      row.previous_signals = (row.previous_signals as number) + signals;
    }
  };
  for (const r of raw) {
    const region = String(r.region_code);
    const m = strOrNull(r.municipality_code);
    const current = r.part === 'current';
    const year = num(r.year) + (current ? 0 : 1);
    const meldpunt = num(r.meldpunt);
    const signals = num(r.signals);
    let byMunicipality = municipalityRows.get(region);
    if (!byMunicipality) municipalityRows.set(region, (byMunicipality = new Map()));
    add(rowOf(yearsOf(byMunicipality, m), region, m === null ? 'municipality_unknown' : 'municipality', m, year), current, meldpunt, signals);
    add(rowOf(yearsOf(regionRows, region), region, 'region', null, year), current, meldpunt, signals);
    if (ctx.totals) add(rowOf(yearsOf(regionRows, null), null, 'region', null, year), current, meldpunt, signals);
  }
  return out;
}

/** Years with current signals only; every reference municipality of a region on each of them (0 where none). */
function completeReach(rows: Row[]): Row[] {
  const years = new Set(rows.filter((r) => (r.level === 'region' && r.region_code === null ? (r.signals as number) > 0 : (r.signals as number) > 0)).map((r) => r.year as number));
  const kept = rows.filter((r) => years.has(r.year as number));
  const have = new Set(kept.map((r) => `${r.region_code}|${r.municipality_code}|${r.year}`));
  const regions = new Set(kept.filter((r) => r.region_code !== null).map((r) => r.region_code as string));
  const { municipalities } = reference();
  for (const region of regions) {
    for (const y of years) {
      for (const code of municipalities.get(region) ?? []) {
        if (!have.has(`${region}|${code}|${y}`)) kept.push(zeroRow(region, 'municipality', code, y));
      }
    }
  }
  return kept;
}

/** The count columns of a reach cell: this year's (current part) and the year earlier's (previous part). */
const REACH_COUNTS = ['meldpunt_signals', 'signals', 'previous_meldpunt_signals', 'previous_signals'] as const;
/** A cell's key in its region's map for the region row (municipality codes are text, an unknown one null). */
const REGION_LEVEL = Symbol('region');

/**
 * reachRows, the per-bin release, completeReach and the sort in one route (the dense route,
 * as cube.ts; cube.spec.ts compares it with the generic route): each raw row adds its counts
 * and key sums to its municipality's (or unknown municipality's), its region's and the
 * nation's cell of its bin; each bin's cell counts are released on their sums and added up;
 * the years with released signals are kept, every reference municipality of a region zero-
 * filled on them; rows come out in the response's order. Undefined for a row it cannot place.
 */
function reachDense(raw: Record<string, unknown>[], ctx: MetricContext, _columns: readonly MetricColumn[], exactRegion: (region: string | null) => boolean): Row[] | undefined {
  const R = REGION_CODES.length;
  // per region (the nation last): municipality (REGION_LEVEL, null: unknown) -> year -> cell
  const byRegion: Map<string | null | symbol, Map<number, number>>[] = Array.from({ length: R + 1 }, () => new Map());
  const cellRegion: number[] = [];
  const cellMunicipality: (string | null | symbol)[] = [];
  const cellYear: number[] = [];
  const cellOf = (region: number, municipality: string | null | symbol, year: number): number => {
    let years = byRegion[region].get(municipality);
    if (!years) byRegion[region].set(municipality, (years = new Map()));
    let c = years.get(year);
    if (c === undefined) {
      c = cellRegion.length;
      years.set(year, c);
      cellRegion.push(region);
      cellMunicipality.push(municipality);
      cellYear.push(year);
    }
    return c;
  };
  // pass 1: each raw row's bin and cells (municipality, region, nation)
  const binIndex = new Map<unknown, number>();
  const rowBin = new Int32Array(raw.length);
  const rowCells = new Int32Array(3 * raw.length).fill(-1);
  const rowCurrent = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const region = REGION_INDEX.get(String(r.region_code));
    const m = r.municipality_code;
    const year = r.year;
    if (region === undefined || (m !== null && typeof m !== 'string') || typeof year !== 'number' || !Number.isInteger(year)) return undefined;
    if (r.part !== 'current' && r.part !== 'previous') return undefined;
    const current = r.part === 'current';
    const y = year + (current ? 0 : 1);
    let b = binIndex.get(r.bin ?? '');
    if (b === undefined) binIndex.set(r.bin ?? '', (b = binIndex.size));
    rowBin[i] = b;
    rowCurrent[i] = current ? 1 : 0;
    rowCells[3 * i] = cellOf(region, m, y);
    rowCells[3 * i + 1] = cellOf(region, REGION_LEVEL, y);
    if (ctx.totals) rowCells[3 * i + 2] = cellOf(R, REGION_LEVEL, y);
  }
  // pass 2: per bin, cell and count column: [count sum, key sum]
  const cells = cellRegion.length;
  const width = REACH_COUNTS.length;
  const sums = new Float64Array(binIndex.size * cells * width * 2);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const meldpunt = num(r.meldpunt);
    const meldpuntKey = num(r.meldpunt__k);
    const signals = num(r.signals);
    const signalsKey = num(r.signals__k);
    const column = rowCurrent[i] ? 0 : 2;
    for (let j = 0; j < 3; j++) {
      const c = rowCells[3 * i + j];
      if (c < 0) continue;
      const at = ((rowBin[i] * cells + c) * width + column) * 2;
      sums[at] += meldpunt;
      sums[at + 1] += meldpuntKey;
      sums[at + 2] += signals;
      sums[at + 3] += signalsKey;
    }
  }
  // each bin's cells released on their sums and added up
  const exact = new Float64Array(cells * width);
  const released = new Float64Array(cells * width);
  const binSize = cells * width * 2;
  for (let b = 0; b < binIndex.size; b++) addReleasedBin(sums.subarray(b * binSize, (b + 1) * binSize), exact, released);
  const regionCode = (region: number) => (region === R ? null : REGION_CODES[region]);
  const exactOf = REGION_CODES.map((code) => exactRegion(code));
  exactOf.push(exactRegion(null));
  const valueOf = (c: number, j: number) => (exactOf[cellRegion[c]] ? exact : released)[c * width + j];
  // completeReach: the years with released signals on any row; every reference municipality of a kept region on each
  const years = new Set<number>();
  for (let c = 0; c < cells; c++) if (valueOf(c, 1) > 0) years.add(cellYear[c]);
  const rows: { row: Row; region: number; level: number; municipality: string | null; year: number }[] = [];
  const keptRegions = new Set<number>();
  for (let c = 0; c < cells; c++) {
    if (!years.has(cellYear[c])) continue;
    const region = cellRegion[c];
    const m = cellMunicipality[c];
    const municipality = typeof m === 'string' ? m : null;
    const level = m === REGION_LEVEL ? 0 : m === null ? 2 : 1;
    if (region < R) keptRegions.add(region);
    const row = zeroRow(regionCode(region), LEVELS[level], municipality, cellYear[c]);
    for (let j = 0; j < width; j++) row[REACH_COUNTS[j]] = valueOf(c, j);
    rows.push({ region, level, municipality, year: cellYear[c], row });
  }
  const { municipalities } = reference();
  for (const region of keptRegions) {
    const code = REGION_CODES[region];
    for (const y of years) {
      for (const m of municipalities.get(code) ?? []) {
        if (byRegion[region].get(m)?.has(y)) continue;
        rows.push({ region, level: 1, municipality: m, year: y, row: zeroRow(code, 'municipality', m, y) });
      }
    }
  }
  // the response's order: group (regions, then the nation), region, level, municipality (unknown first, then as text), year
  rows.sort(
    (a, b) =>
      a.region - b.region ||
      a.level - b.level ||
      (a.municipality === b.municipality ? 0 : a.municipality === null ? -1 : b.municipality === null ? 1 : a.municipality < b.municipality ? -1 : 1) ||
      a.year - b.year,
  );
  return rows.map((r) => r.row);
}

/** Population (reference data), rate and change from the released counts; no "year earlier" where nothing was delivered then. */
function deriveReach(rows: Row[]): void {
  const { pop, municipalities } = reference();
  const regionPop = (region: string) => (municipalities.get(region) ?? []).reduce((s, c) => s + (pop.get(c) ?? 0), 0);
  // the nation of the regions that delivered (a rate over all 25 would dilute a partial delivery)
  const national = [...new Set(rows.filter((r) => r.region_code !== null).map((r) => r.region_code as string))].reduce((s, r) => s + regionPop(r), 0);
  for (const row of rows) {
    const population =
      row.level === 'municipality'
        ? (pop.get(row.municipality_code as string) ?? null)
        : row.level === 'region'
          ? (row.region_code === null ? national : regionPop(row.region_code as string)) || null
          : null;
    row.population = population;
    if (row.previous_signals === 0) row.previous_meldpunt_signals = null;
    const n = row.meldpunt_signals as number;
    const prev = row.previous_meldpunt_signals as number | null;
    row.rate_per_100k = population ? (n * PER) / population : null;
    row.change_per_100k = population && prev !== null ? ((n - prev) * PER) / population : null;
  }
}
