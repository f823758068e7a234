/**
 * Checks a response against the disclosure rules of METRICS.md from the outside: only the
 * response and the catalogue's description of its lines are used, not the library's own
 * suppression code.
 */
import { expect } from 'vitest';
import { catalogue, type MetricResponse, type MetricTable } from '@weegwijzer/metrics';

type Cell = { table: MetricTable; row: number; column: string; coef: number };

function isSuppressed(t: MetricTable, row: number, column: string): boolean {
  return t.suppressed.some((s) => s.row === row && s.column === column);
}

/** Lines (sets of cells tied by one sum) as the catalogue and METRICS.md describe them. */
export function linesOf(res: MetricResponse): Cell[][] {
  const entry = catalogue('inspectie').find((m) => m.name === res.metric);
  if (!entry) throw new Error(`unknown metric ${res.metric}`);
  const t: MetricTable = res;
  const dims = res.columns.filter((c) => c.kind === 'dimension').map((c) => c.name);
  const present = new Set(res.columns.map((c) => c.name));
  const lines: Cell[][] = [];
  const cell = (row: number, column: string, coef = -1): Cell => ({ table: t, row, column, coef });
  const groupBy = (rows: number[], keys: string[]) => {
    const m = new Map<string, number[]>();
    for (const i of rows) {
      const id = keys.map((k) => String(res.rows[i][k])).join('|');
      m.set(id, [...(m.get(id) ?? []), i]);
    }
    return [...m.values()];
  };
  const all = res.rows.map((_, i) => i);
  const inRegionGroups = all.filter((i) => ['region', 'total', 'own'].includes(String(res.rows[i].group)));

  for (const l of entry.disclosure.lines) {
    if (!present.has(l.total)) continue;
    if (l.over) {
      if (!present.has(l.over)) continue;
      for (const g of groupBy(inRegionGroups, dims.filter((d) => d !== l.over))) lines.push([cell(g[0], l.total, 1), ...g.map((i) => cell(i, l.parts[0]))]);
    } else {
      for (const i of inRegionGroups) lines.push([cell(i, l.total, 1), ...l.parts.filter((p) => present.has(p)).map((p) => cell(i, p))]);
    }
  }
  if (entry.disclosure.totals === 'additive') {
    const additive = entry.columns.filter((c) => c.kind === 'count' && c.additive && present.has(c.name)).map((c) => c.name);
    for (const g of groupBy(inRegionGroups, dims.filter((d) => d !== 'group' && d !== 'region_code'))) {
      const total = g.find((i) => res.rows[i].group === 'total');
      if (total === undefined) continue;
      for (const c of additive) lines.push(g.map((i) => cell(i, c, i === total ? 1 : -1)));
    }
  }
  if (res.metric === 'reach') {
    // a region's count = the sum of its municipality rows and its unknown-municipality row
    for (const g of groupBy(inRegionGroups.filter((i) => res.rows[i].group !== 'total'), ['region_code', 'year'])) {
      lines.push(g.map((i) => cell(i, 'meldpunt_signals', res.rows[i].level === 'region' ? 1 : -1)));
    }
  }
  if (res.links) {
    const L = res.links;
    const nodes = new Set(L.rows.map((r) => String(r.source)).filter((s) => !s.startsWith('source:')));
    for (const n of nodes) {
      lines.push(L.rows.flatMap((r, i) => (r.source === n || r.target === n ? [{ table: L, row: i, column: 'value', coef: r.target === n ? 1 : -1 }] : [])));
    }
  }
  return lines;
}

/** One identity for a count repeated on several rows (a region's N, an integrality total). */
function identity(res: MetricResponse, c: Cell): string {
  const row = c.table.rows[c.row];
  if (c.table !== res) return `l${c.row}`;
  if (c.column === 'region_signals') return `N|${row.group}|${row.region_code}`;
  if (res.metric === 'integrality' && c.column === 'assessments') return `A|${row.group}|${row.region_code}|${row.stage}`;
  return `m${c.row}/${c.column}`;
}

/** Hidden cells whose value follows from the lines (floating-point rank test, independent of the engine). */
function determined(res: MetricResponse, lines: Cell[][]): string[] {
  const hiddenIds = new Map<string, number>();
  const rows: Map<number, number>[] = [];
  for (const line of lines) {
    const r = new Map<number, number>();
    for (const c of line) {
      if (!isSuppressed(c.table, c.row, c.column)) continue;
      const id = identity(res, c);
      if (!hiddenIds.has(id)) hiddenIds.set(id, hiddenIds.size);
      const j = hiddenIds.get(id) as number;
      r.set(j, (r.get(j) ?? 0) + c.coef);
    }
    if ([...r.values()].some((x) => x !== 0)) rows.push(r);
  }
  const n = hiddenIds.size;
  const dense = rows.map((r) => {
    const v = new Array<number>(n).fill(0);
    for (const [j, x] of r) v[j] = x;
    return v;
  });
  // reduced row echelon form (floating point, partial pivoting); x_j is determined iff some
  // row of it is the unit vector e_j
  const a = dense;
  let rk = 0;
  for (let c = 0; c < n && rk < a.length; c++) {
    let piv = rk;
    for (let i = rk; i < a.length; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
    if (Math.abs(a[piv][c]) < 1e-9) continue;
    [a[rk], a[piv]] = [a[piv], a[rk]];
    const p = a[rk][c];
    for (let j = c; j < n; j++) a[rk][j] /= p;
    for (let i = 0; i < a.length; i++) {
      if (i === rk || Math.abs(a[i][c]) < 1e-12) continue;
      const f = a[i][c];
      for (let j = c; j < n; j++) a[i][j] -= f * a[rk][j];
    }
    rk++;
  }
  const names = [...hiddenIds.keys()];
  const out: string[] = [];
  for (let i = 0; i < rk; i++) {
    const nz = a[i].flatMap((x, j) => (Math.abs(x) > 1e-9 ? [j] : []));
    if (nz.length === 1) out.push(names[nz[0]]);
  }
  return out;
}

export function assertDisclosed(res: MetricResponse, k: number, role: string, ownRegion?: string): void {
  const tables = [res, ...(res.links ? [res.links] : [])];
  for (const t of tables) {
    for (const c of t.columns.filter((x) => x.kind === 'count')) {
      for (const [i, row] of t.rows.entries()) {
        const v = row[c.name];
        expect(v === null || v === 0 || (typeof v === 'number' && v >= k), `${res.metric} row ${i} ${c.name} = ${v} (k=${k})`).toBe(true);
      }
    }
    for (const s of t.suppressed) expect(t.rows[s.row][s.column], `${res.metric} suppressed ${s.row}/${s.column}`).toBeNull();
  }
  for (const line of linesOf(res)) {
    const cells = line.filter((c) => c.table.rows[c.row][c.column] !== null || isSuppressed(c.table, c.row, c.column));
    const ids = new Set(cells.filter((c) => isSuppressed(c.table, c.row, c.column)).map((c) => `${c.table === res ? 'm' : 'l'}${c.row}/${c.column}`));
    // a repeated cell (e.g. a region's N on each phenomenon row) counts once
    const distinct = new Set(
      cells
        .filter((c) => isSuppressed(c.table, c.row, c.column))
        .map((c) => (c.column === 'region_signals' ? `N${c.table.rows[c.row].region_code}` : `${c.table === res ? 'm' : 'l'}${c.row}/${c.column}`)),
    );
    expect(distinct.size, `${res.metric}: a line with exactly one suppressed cell ${[...ids].join(', ')}`).not.toBe(1);
  }
  expect(determined(res, linesOf(res)), `${res.metric}: hidden cells that follow from the totals`).toEqual([]);
  if (role === 'regio') {
    const codes = JSON.stringify(res).match(/VR\d\d/g) ?? [];
    expect(new Set(codes), `${res.metric}: regio response names another region`).toEqual(new Set(codes.length ? [ownRegion] : []));
    for (const row of res.rows) expect(['own', 'peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max']).toContain(row.group);
  }
}
