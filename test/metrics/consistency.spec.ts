/**
 * Consistency of disclosure control v2 (issue 8 "Done when"; METRICS.md rule 4): cells that
 * count the same records show the same released value in every metric and every format.
 * Walks every `disclosure.same_cells` identity of the catalogue, for several periods (whole
 * years, Feb–Jul, a single month) and filters, and compares the two cells on every region
 * row and the national total row — in JSON, in CSV (`toCsv`) and in the Arrow IPC stream the
 * API serves (apps/api arrow-format).
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION_CODES, type Role } from '@weegwijzer/contract';
import { catalogue, runMetric, toCsv, type CellRef, type MetricResponse, type SameCells } from '@weegwijzer/metrics';
import { metricToArrowIpc } from '../../apps/api/src/metrics/arrow-format';
import { demoDb, type DemoDb } from '../disclosure/demo-db';

let db: DemoDb;
beforeAll(async () => {
  db = await demoDb({ seed: 7, scale: 0.15, years: 3, endYear: 2025 });
}, 120_000);
afterAll(() => db?.close());

/**
 * Which rows of a metric hold the cell, where the metric has more rows per region than one
 * (the catalogue's identity says it in words: "integrality rows of stage weegploeg").
 */
const ROW_SELECTORS: Record<string, Record<string, string>> = {
  integrality: { stage: 'weegploeg' },
};

function identities(): SameCells[] {
  const all = new Map<string, SameCells>();
  for (const e of catalogue('inspectie')) for (const s of e.disclosure.same_cells) all.set(JSON.stringify(s), s);
  return [...all.values()];
}

const SCOPES: { label: string; scope: Record<string, string> }[] = [
  { label: '2023', scope: { from: '2023-01', to: '2023-12' } },
  { label: '2024', scope: { from: '2024-01', to: '2024-12' } },
  { label: 'Feb–Jul 2024', scope: { from: '2024-02', to: '2024-07' } },
  { label: 'March 2024', scope: { from: '2024-03', to: '2024-03' } },
  { label: '2024, jihadisme', scope: { from: '2024-01', to: '2024-12', phenomenon: 'jihadisme' } },
  { label: 'Feb–Jul 2024, politie', scope: { from: '2024-02', to: '2024-07', receiving_party: 'politie' } },
  { label: '2023–2025, burger × om', scope: { from: '2023-01', to: '2025-12', source: 'burger', receiving_party: 'om' } },
];

const ROWS = [...REGION_CODES, 'NL'];

/** The rows holding the cell, by region (`NL` for the national total); an absent row counts 0. */
function cellRows(res: MetricResponse, ref: CellRef): Map<string, number[]> {
  const select = ROW_SELECTORS[ref.metric] ?? {};
  const out = new Map<string, number[]>();
  res.rows.forEach((row, i) => {
    if (row.group !== 'region' && row.group !== 'total') return;
    if (Object.entries(select).some(([d, v]) => row[d] !== v)) return;
    const r = row.region_code === null ? 'NL' : String(row.region_code);
    out.set(r, [...(out.get(r) ?? []), i]);
  });
  return out;
}

/** One value per region from a table read back from some format; every selected row must agree. */
function valuesFrom(res: MetricResponse, ref: CellRef, read: (row: number) => unknown): Map<string, unknown> {
  const rows = cellRows(res, ref);
  const out = new Map<string, unknown>();
  for (const r of ROWS) {
    const idx = rows.get(r) ?? [];
    const vs = [...new Set(idx.map((i) => JSON.stringify(read(i))))];
    expect(vs.length, `${ref.metric}.${ref.column} ${r}: one value over its rows, got ${vs.join(' / ')}`).toBeLessThanOrEqual(1);
    out.set(r, idx.length === 0 ? 'absent' : JSON.parse(vs[0]));
  }
  return out;
}

function csvReader(res: MetricResponse, column: string): (row: number) => unknown {
  const lines = toCsv(res).trimEnd().split('\r\n');
  const header = lines[0].split(',');
  const col = header.indexOf(column);
  expect(col, `${column} in the CSV header`).toBeGreaterThanOrEqual(0);
  return (row) => lines[row + 1].split(',')[col];
}

function arrowReader(res: MetricResponse, column: string): (row: number) => unknown {
  const table = tableFromIPC(metricToArrowIpc(res));
  const vector = table.getChild(column);
  expect(vector, `${column} in the Arrow schema`).toBeTruthy();
  return (row) => {
    const v = vector?.get(row);
    return v === undefined ? null : v;
  };
}

describe('the same records give the same released value in every metric and format', () => {
  const ids = identities();

  it('the catalogue publishes the identities, each on both metrics', () => {
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const s of ids) {
      for (const side of [s.a, s.b]) {
        const entry = catalogue('inspectie').find((e) => e.name === side.metric);
        expect(
          entry?.columns.map((c) => c.name),
          `${side.metric}.${side.column}`,
        ).toContain(side.column);
        expect(entry?.disclosure.same_cells).toContainEqual(s);
      }
    }
  });

  it('the comparison tells different cells apart (negative control: flow.dropped vs dropoff.direct)', async () => {
    const scope = { from: '2024-01', to: '2024-12' };
    const a: CellRef = { metric: 'flow', column: 'dropped' };
    const b: CellRef = { metric: 'dropoff', column: 'direct', params: { by: 'none' } };
    const ra = await runMetric('flow', { role: 'nctv', scope }, db.query);
    const rb = await runMetric('dropoff', { role: 'nctv', scope, params: { by: 'none' } }, db.query);
    const va = valuesFrom(ra, a, (i) => ra.rows[i][a.column]);
    const vb = valuesFrom(rb, b, (i) => rb.rows[i][b.column]);
    expect(ROWS.filter((r) => va.get(r) !== vb.get(r)).length).toBeGreaterThan(10);
  }, 60_000);

  for (const role of ['nctv', 'inspectie'] as Role[]) {
    it(`every identity, every region and the national total, in JSON, CSV and Arrow (${role})`, async () => {
      let compared = 0;
      let nonZero = 0;
      let hidden = 0;
      const mismatches: string[] = [];
      for (const s of ids) {
        for (const { label, scope } of SCOPES) {
          const run = (ref: CellRef) => runMetric(ref.metric, { role, k: 5, scope, params: ref.params ?? {} }, db.query);
          const [ra, rb] = await Promise.all([run(s.a), run(s.b)]);
          const formats: [string, (res: MetricResponse, col: string) => (row: number) => unknown][] = [
            ['json', (res, col) => (row) => res.rows[row][col]],
            ['csv', csvReader],
            ['arrow', arrowReader],
          ];
          const json = valuesFrom(ra, s.a, (i) => ra.rows[i][s.a.column]);
          for (const [format, reader] of formats) {
            const va = valuesFrom(ra, s.a, reader(ra, s.a.column));
            const vb = valuesFrom(rb, s.b, reader(rb, s.b.column));
            for (const r of ROWS) {
              const a = va.get(r);
              const b = vb.get(r);
              // an absent row is a region without those records: both sides then show 0 or no row
              const same = a === b || (a === 'absent' && (b === 0 || b === '0')) || (b === 'absent' && (a === 0 || a === '0'));
              if (!same) mismatches.push(`${s.description} ${label} ${r} ${format}: ${s.a.metric}.${s.a.column} = ${String(a)}, ${s.b.metric}.${s.b.column} = ${String(b)}`);
              if (format === 'json') {
                compared++;
                if (typeof json.get(r) === 'number' && (json.get(r) as number) > 0) nonZero++;
                if (json.get(r) === null) hidden++;
              }
            }
          }
          // hidden values are marked in CSV and null in Arrow, like in JSON
          for (const [i, row] of ra.rows.entries()) {
            if (row[s.a.column] === null) {
              expect(csvReader(ra, s.a.column)(i)).toBe('x');
              expect(arrowReader(ra, s.a.column)(i)).toBeNull();
            }
          }
        }
      }
      console.log(
        `${role}: ${ids.length} identities × ${SCOPES.length} scopes: ${compared} cell pairs compared in 3 formats (${nonZero} non-zero, ${hidden} hidden), ${mismatches.length} mismatches`,
      );
      expect(mismatches).toEqual([]);
      expect(nonZero, 'the comparison is not vacuous').toBeGreaterThan(100);
      expect(hidden, 'hidden cells are compared too').toBeGreaterThan(0);
    }, 300_000);
  }
});
