/**
 * Property of disclosure control v2 (METRICS.md "API response shape", rule 5): every released
 * `count` in every response is null, 0 or at least k — except a regio caller's own rows
 * (and its own region's Sankey links), which are exact. Random requests over every metric,
 * role, whole-month period, filter, parameter and k, on the demo data at a small scale
 * (many small cells). Checked from the outside: only the response and the catalogue.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHENOMENA, RECEIVING_PARTIES, REGION_CODES, SOURCES, type Role } from '@weegwijzer/contract';
import { catalogue, monthEnd, monthStart, runMetric, type MetricRequest, type MetricResponse } from '@weegwijzer/metrics';
import { demoDb, type DemoDb } from '../disclosure/demo-db';

let db: DemoDb;
beforeAll(async () => {
  db = await demoDb({ seed: 11, scale: 0.1, years: 3, endYear: 2025 });
}, 120_000);
afterAll(() => db?.close());

const entries = catalogue('inspectie');
const FIRST = 2022 * 12 + 10; // a little before the data (2023–2025) and after it
const LAST = 2026 * 12 + 2;

/** The count values of a response that must be null, 0 or ≥ k, with where they are. */
function checkedCounts(res: MetricResponse, role: Role, own: string): { where: string; value: unknown }[] {
  const entry = entries.find((e) => e.name === res.metric);
  const reference = new Set(entry?.columns.filter((c) => c.reference).map((c) => c.name));
  const out: { where: string; value: unknown }[] = [];
  for (const [label, table] of [
    ['rows', res],
    ['links', res.links],
  ] as const) {
    if (!table) continue;
    // regio: its own region's Sankey is exact (rule 8)
    if (label === 'links' && role === 'regio') continue;
    for (const col of table.columns.filter((c) => c.kind === 'count' && !reference.has(c.name))) {
      table.rows.forEach((row, i) => {
        if (role === 'regio' && row.group === 'own' && row.region_code === own) return;
        out.push({ where: `${res.metric} ${label}[${i}] ${col.name} (group ${String(row.group)}, region ${String(row.region_code)})`, value: row[col.name] });
      });
    }
  }
  return out;
}

const request = fc
  .record({
    metric: fc.constantFrom(...entries.map((e) => e.name)),
    role: fc.constantFrom<Role>('inspectie', 'nctv', 'regio', 'beheer'),
    own: fc.constantFrom(...REGION_CODES),
    k: fc.integer({ min: 3, max: 9 }),
    regions: fc.option(fc.subarray([...REGION_CODES], { minLength: 1, maxLength: 5 }), { nil: undefined }),
    from: fc.option(fc.integer({ min: FIRST, max: LAST }), { nil: undefined }),
    to: fc.option(fc.integer({ min: FIRST, max: LAST }), { nil: undefined }),
    phenomenon: fc.option(fc.constantFrom(...PHENOMENA), { freq: 3, nil: undefined }),
    receiving_party: fc.option(fc.constantFrom(...RECEIVING_PARTIES), { freq: 3, nil: undefined }),
    source: fc.option(fc.constantFrom(...SOURCES), { freq: 3, nil: undefined }),
    paramSeed: fc.nat(),
  })
  .filter((x) => entries.find((e) => e.name === x.metric)?.roles.includes(x.role) ?? false);

describe('every released count is null, 0 or at least k (own-region rows of regio aside)', () => {
  it('holds for random requests over every metric, role, period, filter, parameter and k', async () => {
    let checked = 0;
    let small = 0;
    await fc.assert(
      fc.asyncProperty(request, async (x) => {
        const entry = entries.find((e) => e.name === x.metric)!;
        const [a, b] = x.from !== undefined && x.to !== undefined && x.from > x.to ? [x.to, x.from] : [x.from, x.to];
        const scope: MetricRequest['scope'] = { from: a === undefined ? undefined : monthStart(a), to: b === undefined ? undefined : monthEnd(b) };
        if (x.role !== 'regio') scope.regions = x.regions;
        for (const f of ['phenomenon', 'receiving_party', 'source'] as const) if (x[f] && entry.filters.includes(f)) scope[f] = x[f];
        const params = Object.fromEntries(entry.params.map((p, i) => [p.name, p.values[(x.paramSeed >> (2 * i)) % p.values.length]]));
        const res = await runMetric(x.metric, { role: x.role, region: x.own, k: x.k, scope, params }, db.query);
        for (const { where, value } of checkedCounts(res, x.role, x.own)) {
          checked++;
          expect(
            value === null || value === 0 || (typeof value === 'number' && Number.isInteger(value) && value >= x.k),
            `${where} = ${String(value)} (k = ${x.k}, role ${x.role})`,
          ).toBe(true);
        }
        // what is null for being small is listed as such
        for (const s of res.suppressed) expect(res.rows[s.row][s.column], `${x.metric} suppressed ${s.row}/${s.column}`).toBeNull();
        if (x.role === 'regio') {
          for (const row of res.rows.filter((r) => r.group === 'own')) {
            for (const c of res.columns.filter((c) => c.kind === 'count'))
              if (typeof row[c.name] === 'number' && (row[c.name] as number) > 0 && (row[c.name] as number) < x.k) small++;
          }
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
    console.log(`released counts checked: ${checked}; exact small own-region counts seen by regio (allowed): ${small}`);
    expect(checked).toBeGreaterThan(5000);
  }, 600_000);
});
