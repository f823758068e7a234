/**
 * The dense routes (cube.ts: trend's `dense`, phenomenon_coverage's, reach's, attention's, `defaultDense`
 * of criteria_usage and criteria_coverage, `denseGroups` of flow, dropoff and
 * preweging_outcomes) against the generic one (`dense: false`: rows → per-bin release →
 * zero-fill → completed rows → sort) on random raw rows: the responses must be the same byte
 * for byte, for every role, grain, `by`, k, region selection and exact mode; data a route
 * cannot place goes to the generic route. And a small case by hand, in exact mode, so the two
 * routes are not only equal to each other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DROP_OUTCOMES, ENRICHMENTS, FRAMEWORKS, loadMunicipalities, OUTCOMES_BY_STAGE, PATHS, PHENOMENA, RECEIVING_PARTIES, REGION_CODES, SOURCES } from '@weegwijzer/contract';
import { binId } from './periods';
import { findMetric } from './registry';
import { defaultDense } from './cube';
import { assembleResponse } from './run';
import { resolveContext } from './scope';
import type { MetricDefinition, MetricRequest } from './types';

const trend = findMetric('trend');

type Raw = Record<string, unknown>;
type Route = Exclude<MetricDefinition['dense'], false | undefined>;

/**
 * Runs the dense and the generic route (`dense: false`) on copies of the raw rows (the generic
 * route swaps counts and key sums in place and back).
 */
function both(def: MetricDefinition, route: Route, request: MetricRequest, raw: Raw[], exact: boolean, stats?: Raw[]): { dense: string; generic: string; denseTaken: boolean } {
  let denseTaken = false;
  const spied: MetricDefinition = {
    ...def,
    dense: (...args) => {
      const rows = route(...args);
      denseTaken = rows !== undefined;
      return rows;
    },
  };
  const generic: MetricDefinition = { ...def, dense: false };
  const copy = () => raw.map((r) => ({ ...r }));
  const dense = JSON.stringify(assembleResponse(spied, resolveContext(spied, request), copy(), undefined, { exact }, stats));
  const plain = JSON.stringify(assembleResponse(generic, resolveContext(generic, request), copy(), undefined, { exact }, stats));
  return { dense, generic: plain, denseTaken };
}

/**
 * Both routes on random raw rows for every role, k, region selection (from `regionPool`) and
 * exact mode: the responses must be equal, and the dense route must have answered every case
 * itself (so the comparison cannot pass by falling back).
 */
function assertRoutesAgree(def: MetricDefinition, route: Route, raw: fc.Arbitrary<Raw[]>, regionPool: readonly string[], params: Record<string, string>, numRuns: number): void {
  let taken = 0;
  fc.assert(
    fc.property(
      raw,
      fc.constantFrom(...ROLES),
      fc.constantFrom(5, 10),
      fc.boolean(),
      fc.option(fc.subarray([...regionPool], { minLength: 1 }), { nil: undefined }),
      (rows, role, k, exact, regions) => {
        const request: MetricRequest = { ...role, k, scope: role.role === 'regio' || !regions ? {} : { regions }, params };
        const out = both(def, route, request, rows, exact);
        expect(out.dense).toBe(out.generic);
        if (out.denseTaken) taken++;
      },
    ),
    { numRuns, seed: 20261203 },
  );
  expect(taken).toBe(numRuns);
}

/** Raw rows as trend's SQL returns them: one per region × category × bin, bins of the grain or finer at the period's edges. */
const rawRows = (grain: 'month' | 'quarter' | 'year', codes: readonly string[]) =>
  fc
    .uniqueArray(
      fc.record({
        region: fc.constantFrom(...REGION_CODES.slice(0, 6)),
        category: fc.constantFrom(...codes),
        month: fc.integer({ min: 2023 * 12, max: 2025 * 12 + 11 }),
        unit: fc.constantFrom(
          ...(grain === 'month' ? ['month' as const] : grain === 'quarter' ? ['month' as const, 'quarter' as const] : ['month' as const, 'quarter' as const, 'year' as const]),
        ),
        signals: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 13, max: 5000 })),
        key: fc.integer({ min: 0, max: 2 ** 24 * 40 }),
      }),
      { maxLength: 120, selector: (r) => `${r.region}|${r.category}|${binId(r.month, r.unit)}` },
    )
    .map((rows) => rows.map((r): Raw => ({ region_code: r.region, category: r.category, bin: binId(r.month, r.unit), signals: r.signals, signals__k: r.key })));

const ROLES: Pick<MetricRequest, 'role' | 'region'>[] = [{ role: 'inspectie' }, { role: 'nctv' }, { role: 'regio', region: 'VR03' }, { role: 'beheer' }];

describe('trend: the dense route gives what the generic route gives', () => {
  it('on random raw rows, for every role, grain, by, k, selection and exact mode', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('month' as const, 'quarter' as const, 'year' as const).chain((grain) =>
          fc.constantFrom('phenomenon', 'source').chain((by) =>
            fc.record({
              grain: fc.constant(grain),
              by: fc.constant(by),
              raw: rawRows(grain, by === 'source' ? SOURCES : PHENOMENA),
              role: fc.constantFrom(...ROLES),
              k: fc.constantFrom(5, 10, 15),
              exact: fc.boolean(),
              regions: fc.option(fc.subarray(REGION_CODES.slice(0, 6) as string[], { minLength: 1 }), { nil: undefined }),
            }),
          ),
        ),
        ({ grain, by, raw, role, k, exact, regions }) => {
          const request: MetricRequest = { ...role, k, scope: role.role === 'regio' || !regions ? {} : { regions }, params: { grain, by } };
          const out = both(trend, trend.dense as Route, request, raw, exact);
          expect(out.dense).toBe(out.generic);
          if (out.denseTaken && raw.length > 0) taken++;
        },
      ),
      { numRuns: 400, seed: 20261203 },
    );
    // the comparison is not vacuous: the dense route answered most cases itself
    expect(taken).toBeGreaterThan(300);
  });

  it('leaves data outside its axes (an unknown region or category) to the generic route', () => {
    const request: MetricRequest = { role: 'inspectie', scope: {}, params: { grain: 'month', by: 'phenomenon' } };
    for (const odd of [
      { region_code: 'VR99', category: 'jihadisme', bin: 202401, signals: 7, signals__k: 123 },
      { region_code: 'VR01', category: 'not_a_code', bin: 202401, signals: 7, signals__k: 123 },
    ]) {
      const raw = [{ region_code: 'VR01', category: 'jihadisme', bin: 202402, signals: 30, signals__k: 99 }, odd];
      const out = both(trend, trend.dense as Route, request, raw, false);
      expect(out.denseTaken).toBe(false);
      expect(out.dense).toBe(out.generic);
    }
  });

  it('zero-fills the months between the first and last with data, per region and nationally (by hand, exact mode)', () => {
    const request: MetricRequest = { role: 'inspectie', scope: {}, params: { grain: 'month', by: 'source' } };
    const raw = [
      { region_code: 'VR02', category: 'osint', bin: 202403, signals: 14, signals__k: 1 },
      { region_code: 'VR01', category: 'osint', bin: 202401, signals: 19, signals__k: 2 },
      { region_code: 'VR01', category: 'burger', bin: 202403, signals: 16, signals__k: 3 },
      { region_code: 'VR02', category: 'burger', bin: 202401, signals: 3, signals__k: 4 },
    ];
    const res = assembleResponse(trend, resolveContext(trend, request), raw, undefined, { exact: true });
    const value = (group: string, region: string | null, period: string, category: string) =>
      res.rows.find((r) => r.group === group && r.region_code === region && r.period === period && r.category === category)?.signals;
    // 2 regions + the nation, 3 months (2024-01..03, February has none), every source
    expect(res.rows).toHaveLength(3 * 3 * SOURCES.length);
    expect(value('region', 'VR01', '2024-01', 'osint')).toBe(19);
    expect(value('region', 'VR01', '2024-02', 'osint')).toBe(0);
    expect(value('region', 'VR01', '2024-03', 'burger')).toBe(16);
    expect(value('region', 'VR02', '2024-01', 'osint')).toBe(0);
    expect(value('region', 'VR02', '2024-03', 'osint')).toBe(14);
    expect(value('total', null, '2024-03', 'osint')).toBe(14);
    expect(value('total', null, '2024-01', 'osint')).toBe(19);
    expect(value('total', null, '2024-03', 'burger')).toBe(16);
    expect(value('total', null, '2024-02', 'burger')).toBe(0);
    // exact mode keeps the k rule: 3 (VR02 and the nation, January, burger) is hidden with a reason
    expect(value('region', 'VR02', '2024-01', 'burger')).toBeNull();
    expect(value('total', null, '2024-01', 'burger')).toBeNull();
    expect(res.suppressed).toHaveLength(2);
    // sorted: regions in code order, then the nation; periods in time order; sources as text
    const order = res.rows.map((r) => `${r.region_code}|${r.period}|${r.category}`);
    const sortedSources = [...SOURCES].sort();
    expect(order[0]).toBe(`VR01|2024-01|${sortedSources[0]}`);
    expect(order[order.length - 1]).toBe(`null|2024-03|${sortedSources[sortedSources.length - 1]}`);
  });
});

/** Raw rows as a default metric's SQL returns them: one per region × code of each dimension × month, every count with a key sum. */
const defaultRawRows = (def: MetricDefinition) => {
  const dims = def.columns.filter((c) => c.kind === 'dimension');
  const counts = def.columns.filter((c) => c.kind === 'count').map((c) => c.name);
  return fc
    .uniqueArray(
      fc.record({
        region: fc.constantFrom(...REGION_CODES.slice(0, 5)),
        codes: fc.tuple(...dims.map((d) => fc.constantFrom(...(d.order as readonly string[])))),
        bin: fc.integer({ min: 202401, max: 202406 }),
        counts: fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 13, max: 900 })), fc.integer({ min: 0, max: 2 ** 24 * 30 })), {
          minLength: counts.length,
          maxLength: counts.length,
        }),
      }),
      { maxLength: 60, selector: (r) => `${r.region}|${r.codes.join('|')}|${r.bin}` },
    )
    .map((rows) =>
      rows.map((r): Raw => {
        const out: Raw = { region_code: r.region };
        dims.forEach((d, i) => (out[d.name] = r.codes[i]));
        out.bin = r.bin;
        counts.forEach((c, i) => {
          out[c] = r.counts[i][0];
          out[`${c}__k`] = r.counts[i][1];
        });
        return out;
      }),
    );
};

describe.each(['criteria_usage', 'criteria_coverage'])('%s: the default dense route gives what the generic route gives', (name) => {
  const def = findMetric(name);
  it('on random raw rows, for every role, k, selection and exact mode (every region and code combination, zero-filled)', () => {
    assertRoutesAgree(def, defaultDense, defaultRawRows(def), REGION_CODES.slice(0, 5), {}, 150);
  });

  it('leaves a row with a code outside the code list, or an extra field, to the generic route', () => {
    const request: MetricRequest = { role: 'inspectie', scope: {}, params: {} };
    const [ok] = fc.sample(
      defaultRawRows(def).filter((rows) => rows.length > 0),
      { numRuns: 1, seed: 7 },
    );
    const odd = [
      { ...ok[0], region_code: 'VR99' },
      { ...ok[0], extra: 1 },
      ...def.columns.filter((c) => c.kind === 'dimension').map((d) => ({ ...ok[0], [d.name]: 'not_a_code' })),
    ];
    for (const row of odd) {
      // first: every row of a result has the fields of the first
      const out = both(def, defaultDense, request, [row, ...ok], false);
      expect(out.denseTaken).toBe(false);
      expect(out.dense).toBe(out.generic);
    }
  });

  it('leaves a row without a code (null) or with an unknown region after valid ones to the generic route (not placed where the row before it went)', () => {
    const request: MetricRequest = { role: 'inspectie', scope: {}, params: {} };
    const [ok] = fc.sample(
      defaultRawRows(def).filter((rows) => rows.length > 0),
      { numRuns: 1, seed: 11 },
    );
    const odd = [
      { ...ok[ok.length - 1], region_code: 'VR99' },
      ...def.columns.filter((c) => c.kind === 'dimension' && c.name !== 'region_code').map((d) => ({ ...ok[ok.length - 1], [d.name]: null })),
    ];
    for (const row of odd) {
      const out = both(def, defaultDense, request, [...ok, row], false);
      expect(out.denseTaken).toBe(false);
      expect(out.dense).toBe(out.generic);
    }
  });
});

/**
 * Raw groups as dropoff's and preweging_outcomes' SQL return them (`sumGroups` input): one per
 * region × dimension codes × attributes × month, with `n` and its key sum; several groups make
 * one cell of a month.
 */
const groupRows = (dims: Record<string, readonly string[]>, attributes: Record<string, readonly unknown[]>) => {
  const dimNames = Object.keys(dims);
  const attrNames = Object.keys(attributes);
  return fc
    .uniqueArray(
      fc.record({
        region: fc.constantFrom(...REGION_CODES.slice(0, 4)),
        dims: fc.tuple(fc.constant(''), ...dimNames.map((d) => fc.constantFrom(...dims[d]))),
        attrs: fc.tuple(fc.constant(''), ...attrNames.map((a) => fc.constantFrom(...attributes[a]))),
        bin: fc.integer({ min: 202401, max: 202403 }),
        n: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 7, max: 400 })),
        key: fc.integer({ min: 0, max: 2 ** 24 * 10 }),
      }),
      { maxLength: 80, selector: (r) => JSON.stringify([r.region, r.dims, r.attrs, r.bin]) },
    )
    .map((rows) =>
      rows.map((r): Raw => {
        const out: Raw = { region_code: r.region };
        dimNames.forEach((d, i) => (out[d] = r.dims[i + 1]));
        attrNames.forEach((a, i) => (out[a] = r.attrs[i + 1]));
        return { ...out, bin: r.bin, n: r.n, n__k: r.key };
      }),
    );
};

interface GroupCase {
  name: string;
  params: Record<string, string>;
  dims: Record<string, readonly string[]>;
  attributes: Record<string, readonly unknown[]>;
}

describe.each<GroupCase>([
  { name: 'flow', params: {}, dims: {}, attributes: { path: PATHS, final_wp_outcome: [...OUTCOMES_BY_STAGE.weegploeg, null] } },
  {
    name: 'dropoff',
    params: { by: 'none' },
    dims: {},
    attributes: { path: PATHS, has_pre: [true, false], last_pre_outcome: [...DROP_OUTCOMES, null], last_pre_framework: [...FRAMEWORKS, null] },
  },
  {
    name: 'dropoff',
    params: { by: 'receiving_party' },
    dims: { receiving_party: RECEIVING_PARTIES },
    attributes: { path: PATHS, has_pre: [true, false], last_pre_outcome: [...DROP_OUTCOMES, null], last_pre_framework: [...FRAMEWORKS, null] },
  },
  {
    name: 'preweging_outcomes',
    params: {},
    dims: { body: ['gemeente', 'politie', 'om'] },
    attributes: { outcome: OUTCOMES_BY_STAGE.pre_weging, enrichment: [...ENRICHMENTS, null] },
  },
])('$name $params: the dense route over groups gives what sumGroups and the generic route give', ({ name, params, dims, attributes }) => {
  const def = findMetric(name);
  it('on random groups (several per cell and month), for every role, k, selection and exact mode', () => {
    assertRoutesAgree(def, def.dense as Route, groupRows(dims, attributes), REGION_CODES.slice(0, 4), params, 120);
  });
});

describe('phenomenon_coverage: the dense route gives what coverageRows and the generic route give', () => {
  const def = findMetric('phenomenon_coverage');
  const raw = fc
    .uniqueArray(
      fc.record({
        region: fc.constantFrom(...REGION_CODES.slice(0, 6)),
        phenomenon: fc.constantFrom(...PHENOMENA),
        bin: fc.constantFrom(202401, 202402, 20242, 2025),
        signals: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 13, max: 3000 })),
        key: fc.integer({ min: 0, max: 2 ** 24 * 40 }),
      }),
      { maxLength: 90, selector: (r) => `${r.region}|${r.phenomenon}|${r.bin}` },
    )
    .map((rows) => rows.map((r): Raw => ({ region_code: r.region, phenomenon: r.phenomenon, bin: r.bin, signals: r.signals, signals__k: r.key })));

  it('on random raw rows (a region N released per bin), for every role, k, selection and exact mode', () => {
    assertRoutesAgree(def, def.dense as Route, raw, REGION_CODES.slice(0, 6), {}, 150);
  });

  it('leaves a phenomenon outside the code list to the generic route', () => {
    const rows = [
      { region_code: 'VR01', phenomenon: 'jihadisme', bin: 202401, signals: 40, signals__k: 5 },
      { region_code: 'VR02', phenomenon: 'iets_anders', bin: 202401, signals: 12, signals__k: 6 },
    ];
    const out = both(def, def.dense as Route, { role: 'inspectie', scope: {}, params: {} }, rows, false);
    expect(out.denseTaken).toBe(false);
    expect(out.dense).toBe(out.generic);
  });
});

describe('reach: the dense route gives what reachRows, completeReach and the generic route give', () => {
  const def = findMetric('reach');
  const regions = REGION_CODES.slice(0, 5);
  // a few reference municipalities of each region, an unknown municipality (null) and a code outside the reference list
  const municipalities = regions.flatMap((r) => [
    ...loadMunicipalities()
      .filter((m) => m.regionCode === r)
      .slice(0, 3)
      .map((m) => ({ region: r, code: m.code as string | null })),
    { region: r, code: null },
    { region: r, code: 'GM9999' },
  ]);
  const raw = fc
    .uniqueArray(
      fc.record({
        place: fc.constantFrom(...municipalities),
        year: fc.integer({ min: 2022, max: 2025 }),
        part: fc.constantFrom('current', 'previous'),
        month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        signals: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 13, max: 900 })),
        meldpuntShare: fc.double({ min: 0, max: 1, noNaN: true }),
        keys: fc.tuple(fc.integer({ min: 0, max: 2 ** 24 * 20 }), fc.integer({ min: 0, max: 2 ** 24 * 20 })),
      }),
      { maxLength: 80, selector: (r) => `${r.place.region}|${r.place.code}|${r.year}|${r.part}|${r.month}` },
    )
    .map((rows) =>
      rows.map((r): Raw => {
        const meldpunt = Math.floor(r.signals * r.meldpuntShare);
        return {
          region_code: r.place.region,
          municipality_code: r.place.code,
          year: r.year,
          part: r.part,
          bin: r.month === undefined ? r.year : r.year * 100 + r.month,
          meldpunt,
          meldpunt__k: meldpunt === 0 ? 0 : r.keys[0],
          signals: r.signals,
          signals__k: r.signals === 0 ? 0 : r.keys[1],
        };
      }),
    );

  it('on random raw rows (both parts, whole-year and month bins, unknown and unlisted municipalities), for every role, k, selection and exact mode', () => {
    assertRoutesAgree(def, def.dense as Route, raw, regions, {}, 120);
  });

  it('by hand, exact: the year earlier moves one year on, reference municipalities are zero-filled, years without signals are dropped', () => {
    const rows: Raw[] = [
      { region_code: 'VR01', municipality_code: null, year: 2024, part: 'current', bin: 2024, meldpunt: 16, meldpunt__k: 1, signals: 19, signals__k: 2 },
      { region_code: 'VR01', municipality_code: null, year: 2023, part: 'previous', bin: 2023, meldpunt: 14, meldpunt__k: 3, signals: 15, signals__k: 4 },
      // a year earlier than every current year: only its "previous" part would make 2023's row, which has no current signals
      { region_code: 'VR01', municipality_code: null, year: 2022, part: 'previous', bin: 2022, meldpunt: 12, meldpunt__k: 5, signals: 12, signals__k: 6 },
    ];
    const request: MetricRequest = { role: 'inspectie', scope: {}, params: {} };
    const out = both(def, def.dense as Route, request, rows, true);
    expect(out.denseTaken).toBe(true);
    expect(out.dense).toBe(out.generic);
    const response = JSON.parse(out.dense) as { rows: Record<string, unknown>[] };
    const vr01 = response.rows.filter((r) => r.region_code === 'VR01');
    // 2024 only: the region row, the unknown municipality and every reference municipality of VR01 (zero)
    expect(new Set(vr01.map((r) => r.year))).toEqual(new Set([2024]));
    const region = vr01.find((r) => r.level === 'region');
    expect(region).toMatchObject({ meldpunt_signals: 16, previous_meldpunt_signals: 14, signals: 19, previous_signals: 15 });
    expect(vr01.find((r) => r.level === 'municipality_unknown')).toMatchObject({ meldpunt_signals: 16, signals: 19 });
    const listed = loadMunicipalities().filter((m) => m.regionCode === 'VR01');
    expect(vr01.filter((r) => r.level === 'municipality').map((r) => r.municipality_code)).toEqual(listed.map((m) => m.code).sort());
    expect(vr01.filter((r) => r.level === 'municipality').every((r) => r.signals === 0)).toBe(true);
  });

  it('leaves a region outside the code list to the generic route', () => {
    const rows = [
      { region_code: 'VR01', municipality_code: null, year: 2024, part: 'current', bin: 2024, meldpunt: 6, meldpunt__k: 1, signals: 9, signals__k: 2 },
      { region_code: 'VR99', municipality_code: null, year: 2024, part: 'current', bin: 2024, meldpunt: 6, meldpunt__k: 1, signals: 9, signals__k: 2 },
    ];
    const out = both(def, def.dense as Route, { role: 'inspectie', scope: {}, params: {} }, rows, false);
    expect(out.denseTaken).toBe(false);
    expect(out.dense).toBe(out.generic);
  });
});

describe('attention: the dense route gives what attentionRows, compareQuarters and the generic route give', () => {
  const def = findMetric('attention');
  const regions = REGION_CODES.slice(0, 5);
  // bins of the compared quarters (2025-Q2 against 2024-Q2) as months and as quarters, and bins outside them
  const BINS = [202504, 202505, 202506, 20252, 202404, 202405, 202406, 20242, 202503, 20251, 202407, 20243];
  const raw = fc
    .uniqueArray(
      fc.record({
        region: fc.constantFrom(...regions),
        phenomenon: fc.constantFrom(...PHENOMENA),
        source: fc.constantFrom(...SOURCES),
        bin: fc.constantFrom(...BINS),
        signals: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 400 })),
        key: fc.integer({ min: 1, max: 2 ** 24 * 40 }),
      }),
      { maxLength: 150, selector: (r) => `${r.region}|${r.phenomenon}|${r.source}|${r.bin}` },
    )
    .map((rows) => rows.map((r): Raw => ({ region_code: r.region, phenomenon: r.phenomenon, source: r.source, bin: r.bin, signals: r.signals, signals__k: r.key })));

  it('on random raw rows (several per series and bin; month and quarter bins; bins outside the two quarters), for every role, k, selection, period and exact mode', () => {
    let taken = 0;
    let compared = 0;
    fc.assert(
      fc.property(
        raw,
        fc.constantFrom<Pick<MetricRequest, 'role'>>({ role: 'inspectie' }, { role: 'nctv' }, { role: 'beheer' }),
        fc.constantFrom(5, 10),
        fc.boolean(),
        fc.option(fc.subarray([...regions], { minLength: 1 }), { nil: undefined }),
        // the data reach to: complete 2025-Q2, a week short of it (2025-Q1 then, no baseline in scope), or no data
        fc.constantFrom('2025-06-30', '2025-06-20', '2025-07-15', null),
        fc.constantFrom<Record<string, string>>({}, { from: '2024-01-01', to: '2025-06-30' }, { from: '2024-06-01' }),
        (rows, role, k, exact, selected, last, period) => {
          const request: MetricRequest = { ...role, k, scope: { ...period, ...(selected ? { regions: selected } : {}) }, params: {} };
          const out = both(def, def.dense as Route, request, rows, exact, [{ last_received: last }]);
          expect(out.dense).toBe(out.generic);
          if (out.denseTaken) taken++;
          if (out.dense.includes('"observed"') && JSON.parse(out.dense).rows.length > 0) compared++;
        },
      ),
      { numRuns: 200, seed: 20261203 },
    );
    expect(taken).toBe(200);
    // not vacuous: most cases compare two quarters
    expect(compared).toBeGreaterThan(80);
  });

  it("by hand, exact: a raw row counts in its phenomenon's and its source's series, bins add up within a quarter, the nation over regions", () => {
    const [p, s] = [PHENOMENA[0], SOURCES[1]];
    const rows: Raw[] = [
      // VR01 in 2025-Q2: 30 (April) + 12 (quarter bin) for p via two sources; 30 of them from s
      { region_code: 'VR01', phenomenon: p, source: s, bin: 202504, signals: 30, signals__k: 1 },
      { region_code: 'VR01', phenomenon: p, source: SOURCES[0], bin: 20252, signals: 12, signals__k: 2 },
      // VR01 in 2024-Q2: 20 for p, all from s
      { region_code: 'VR01', phenomenon: p, source: s, bin: 20242, signals: 20, signals__k: 3 },
      // VR02 in 2025-Q2: 8 for PHENOMENA[1] from s; outside both quarters: 99 (not counted)
      { region_code: 'VR02', phenomenon: PHENOMENA[1], source: s, bin: 202506, signals: 8, signals__k: 4 },
      { region_code: 'VR02', phenomenon: p, source: s, bin: 202503, signals: 99, signals__k: 5 },
    ];
    const request: MetricRequest = { role: 'inspectie', scope: { to: '2025-06-30' }, params: {} };
    const out = both(def, def.dense as Route, request, rows, true, [{ last_received: '2025-06-30' }]);
    expect(out.denseTaken).toBe(true);
    expect(out.dense).toBe(out.generic);
    const res = JSON.parse(out.dense) as { rows: Record<string, unknown>[] };
    const cell = (region: string | null, series: string) => res.rows.find((r) => r.region_code === region && r.series === series);
    expect(cell('VR01', `phenomenon:${p}`)).toMatchObject({ period: '2025-Q2', baseline_period: '2024-Q2', observed: 42, expected: 20 });
    expect(cell('VR01', `source:${s}`)).toMatchObject({ observed: 30, expected: 20 });
    expect(cell('VR01', `source:${SOURCES[0]}`)).toMatchObject({ observed: 12, expected: 0 });
    expect(cell('VR02', `phenomenon:${p}`)).toMatchObject({ observed: 0, expected: 0 });
    expect(cell(null, `source:${s}`)).toMatchObject({ group: 'total', observed: 38, expected: 20 });
    // every region and the nation, every series
    expect(res.rows).toHaveLength((REGION_CODES.length + 1) * (PHENOMENA.length + SOURCES.length));
  });

  it('leaves a region or code outside the code lists to the generic route', () => {
    for (const odd of [
      { region_code: 'VR99', phenomenon: PHENOMENA[0], source: SOURCES[0], bin: 202504, signals: 9, signals__k: 1 },
      { region_code: 'VR01', phenomenon: 'iets_anders', source: SOURCES[0], bin: 202504, signals: 9, signals__k: 1 },
      { region_code: 'VR01', phenomenon: PHENOMENA[0], source: 'iets_anders', bin: 202504, signals: 9, signals__k: 1 },
    ]) {
      const out = both(def, def.dense as Route, { role: 'inspectie', scope: {}, params: {} }, [odd], false, [{ last_received: '2025-06-30' }]);
      expect(out.denseTaken).toBe(false);
      expect(out.dense).toBe(out.generic);
    }
  });
});
