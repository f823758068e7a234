/**
 * Checks a response against the disclosure rules of METRICS.md (version 2) from the outside:
 * only the response and the catalogue are used, not the library's own code.
 */
import { expect } from 'vitest';
import { catalogue, type MetricResponse } from '@weegwijzer/metrics';

export function assertDisclosed(res: MetricResponse, k: number, role: string, ownRegion?: string): void {
  const entry = catalogue('inspectie').find((m) => m.name === res.metric);
  expect(entry, `${res.metric} in the catalogue`).toBeDefined();
  const reference = new Set(entry?.columns.filter((c) => c.reference).map((c) => c.name));
  // 'exact' only from the local store (--exact, the tests' hand-worked fixtures); the API never sends it
  if (res.protection !== 'exact') {
    expect(res.additivity).toBe('approximate');
    expect(res.protection).toBe(role === 'regio' ? 'exact_own_region' : 'cell_key');
  }
  const tables = [res, ...(res.links ? [res.links] : [])];
  for (const t of tables) {
    for (const c of t.columns.filter((x) => x.kind === 'count' && !reference.has(x.name))) {
      for (const [i, row] of t.rows.entries()) {
        // rule 8: a regio caller's own cells are exact; everything else is null, 0 or at least k
        if (role === 'regio' && (row.group === 'own' || t === res.links)) continue;
        const v = row[c.name];
        expect(v === null || v === 0 || (typeof v === 'number' && v >= k), `${res.metric} row ${i} ${c.name} = ${v} (k=${k})`).toBe(true);
      }
    }
    // a share of two released counts stays a share, even where their noise crosses (7 of 5)
    for (const c of t.columns.filter((x) => x.kind === 'share')) {
      for (const [i, row] of t.rows.entries()) {
        const v = row[c.name];
        expect(v === null || (typeof v === 'number' && v >= 0 && v <= 1), `${res.metric} row ${i} ${c.name} = ${v}`).toBe(true);
      }
    }
    for (const s of t.suppressed) {
      expect(t.rows[s.row][s.column], `${res.metric} suppressed ${s.row}/${s.column}`).toBeNull();
      // rule 6: no secondary suppression — only small counts and what rests on them
      expect(['count below k', 'denominator below k', 'fewer than k units', 'computed from a suppressed count', 'fewer than 3 peer regions with a value']).toContain(s.reason);
    }
  }
  if (role === 'regio') {
    const codes = JSON.stringify(res).match(/VR\d\d/g) ?? [];
    expect(new Set(codes), `${res.metric}: regio response names another region`).toEqual(new Set(codes.length ? [ownRegion] : []));
    for (const row of res.rows) expect(['own', 'peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max']).toContain(row.group);
  }
}
