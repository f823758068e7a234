import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, GROUP_COLUMN, REGION_COLUMN, share } from '../columns';
import type { MetricColumn, MetricContext, Row } from '../types';
import { exposedLines, suppressCounts } from './suppress';

/**
 * Independent check (floating-point rank, not the engine's modular elimination): a hidden
 * cell is determined iff adding its unit vector does not raise the rank of the relations
 * restricted to the hidden cells.
 */
function determinedByRank(lines: string[][], hidden: Set<string>): string[] {
  const keys = [...hidden];
  const col = new Map(keys.map((k, i) => [k, i]));
  const rows = lines
    .map((l) => {
      const v = new Array<number>(keys.length).fill(0);
      l.forEach((k, i) => {
        if (col.has(k)) v[col.get(k) as number] += i === 0 ? 1 : -1;
      });
      return v;
    })
    .filter((v) => v.some((x) => x !== 0));
  const rank = (m: number[][]) => {
    const a = m.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < keys.length && r < a.length; c++) {
      let piv = r;
      for (let i = r; i < a.length; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
      if (Math.abs(a[piv][c]) < 1e-9) continue;
      [a[r], a[piv]] = [a[piv], a[r]];
      for (let i = 0; i < a.length; i++) {
        if (i === r) continue;
        const f = a[i][c] / a[r][c];
        if (f !== 0) for (let j = c; j < keys.length; j++) a[i][j] -= f * a[r][j];
      }
      r++;
    }
    return r;
  };
  const base = rank(rows);
  return keys.filter((_key, i) => {
    const e = new Array<number>(keys.length).fill(0);
    e[i] = 1;
    return rank([...rows, e]) === base;
  });
}
import { discloseTable, makeKeyOf } from './table';
import { peerView } from './peer';
import { REASON } from './reasons';

const ctx = { k: 5 } as MetricContext;

describe('suppressCounts', () => {
  it('suppresses counts 1..k−1 and shows 0 and k', () => {
    const cells = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 4],
      ['d', 5],
      ['e', 100],
    ]);
    const s = suppressCounts(cells, [], 5);
    expect([...s.keys()].sort()).toEqual(['b', 'c']);
    expect(s.get('b')).toBe(REASON.countBelowK);
  });

  it('suppresses the smallest unsuppressed non-zero cell of a line with one suppressed cell', () => {
    // total 30 = 2 + 0 + 7 + 21: 2 is primary; 0 is skipped (zero is shown); 7 is the smallest non-zero
    const cells = new Map([
      ['t', 30],
      ['p1', 2],
      ['p2', 0],
      ['p3', 7],
      ['p4', 21],
    ]);
    const s = suppressCounts(cells, [['t', 'p1', 'p2', 'p3', 'p4']], 5);
    expect(s.get('p1')).toBe(REASON.countBelowK);
    expect(s.get('p3')).toBe(REASON.secondary);
    expect(s.size).toBe(2);
  });

  it('repeats along crossing lines until no line has exactly one suppressed cell', () => {
    // 2×2 table with margins:   3  10 | 13
    //                          20  30 | 50
    //                          23  40 | 63
    // 3 is primary; the row line suppresses 10, the column line 20; then row 2 has one (20)
    // and column 2 one (10): 30 goes, completing the square.
    const cells = new Map([
      ['a11', 3],
      ['a12', 10],
      ['r1', 13],
      ['a21', 20],
      ['a22', 30],
      ['r2', 50],
      ['c1', 23],
      ['c2', 40],
      ['g', 63],
    ]);
    const lines = [
      ['r1', 'a11', 'a12'],
      ['r2', 'a21', 'a22'],
      ['c1', 'a11', 'a21'],
      ['c2', 'a12', 'a22'],
      ['g', 'r1', 'r2'],
      ['g', 'c1', 'c2'],
    ];
    const s = suppressCounts(cells, lines, 5);
    expect([...s.keys()].sort()).toEqual(['a11', 'a12', 'a21', 'a22']);
    expect(exposedLines(cells, lines, s)).toEqual([]);
  });

  it('property: over random tables with totals and any k ≥ 3, no count 1..k−1 survives and no line exposes exactly one hidden cell', () => {
    const table = fc.record({
      rows: fc.integer({ min: 1, max: 7 }),
      cols: fc.integer({ min: 1, max: 7 }),
      k: fc.integer({ min: 3, max: 12 }),
      seed: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: 49, maxLength: 49 }),
    });
    fc.assert(
      fc.property(table, ({ rows, cols, k, seed }) => {
        const cells = new Map<string, number>();
        const lines: string[][] = [];
        let g = 0;
        const colTotals = new Array(cols).fill(0);
        for (let i = 0; i < rows; i++) {
          let rt = 0;
          for (let j = 0; j < cols; j++) {
            const v = seed[i * 7 + j];
            cells.set(`c${i}.${j}`, v);
            rt += v;
            colTotals[j] += v;
          }
          cells.set(`r${i}`, rt);
          g += rt;
          lines.push([`r${i}`, ...Array.from({ length: cols }, (_, j) => `c${i}.${j}`)]);
        }
        colTotals.forEach((v, j) => {
          cells.set(`k${j}`, v);
          lines.push([`k${j}`, ...Array.from({ length: rows }, (_, i) => `c${i}.${j}`)]);
        });
        cells.set('g', g);
        lines.push(['g', ...Array.from({ length: rows }, (_, i) => `r${i}`)], ['g', ...Array.from({ length: cols }, (_, j) => `k${j}`)]);
        const s = suppressCounts(cells, lines, k);
        const hidden = new Set([...s.keys()].map(String));
        for (const [key, v] of cells) if (v > 0 && v < k) expect(hidden.has(key), `${key}=${v} k=${k}`).toBe(true);
        for (const key of hidden) expect(cells.get(key)).toBeGreaterThan(0);
        expect(exposedLines(cells, lines, s)).toEqual([]);
        expect(determinedByRank(lines, hidden)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('protects a cell that only a combination of lines reveals (a bridge between two hidden blocks)', () => {
    //        c1  c2  c3  c4 | row
    //   A     1   2   4  20 |  27      hidden (k = 5): a1 a2 a3, b1 b2, c3 c4, d3 d4 — every
    //   B     3   4  30  30 |  67      line has at least two, yet a3 = RA − (C1 + C2 − RB − …):
    //   C    30  30   1   2 |  63      rows A and B and columns 1 and 2 together give a1 + a2,
    //   D    30  30   3   4 |  67      so a3 follows. The audit must hide more.
    const v = [
      [1, 2, 4, 20],
      [3, 4, 30, 30],
      [30, 30, 1, 2],
      [30, 30, 3, 4],
    ];
    const cells = new Map<string, number>();
    const lines: string[][] = [];
    v.forEach((row, i) => {
      row.forEach((x, j) => cells.set(`c${i}.${j}`, x));
      cells.set(`r${i}`, row.reduce((a, b) => a + b, 0));
      lines.push([`r${i}`, ...row.map((_, j) => `c${i}.${j}`)]);
    });
    for (let j = 0; j < 4; j++) {
      cells.set(`k${j}`, v.reduce((a, r) => a + r[j], 0));
      lines.push([`k${j}`, ...v.map((_, i) => `c${i}.${j}`)]);
    }
    const primary = new Set([...cells].filter(([, x]) => x > 0 && x < 5).map(([key]) => key));
    expect(exposedLines(cells, lines, primary)).toEqual([]);
    expect(determinedByRank(lines, primary)).toContain('c0.2');
    const s = suppressCounts(cells, lines, 5);
    expect(s.size).toBeGreaterThan(primary.size);
    expect(determinedByRank(lines, new Set([...s.keys()].map(String)))).toEqual([]);
  });
});

describe('discloseTable', () => {
  const columns: MetricColumn[] = [
    GROUP_COLUMN,
    REGION_COLUMN,
    count('n', 'n', 'n'),
    count('x', 'x', 'x'),
    share('x_share', 's', 's', 'x', 'n'),
    { name: 'median', kind: 'days', label: { nl: 'm', en: 'm' }, base: 'n' },
    { name: 'flag', kind: 'flag', label: { nl: 'f', en: 'f' }, from: ['x'], base: 'n' },
  ];
  it('suppresses shares on a small denominator or a suppressed numerator, percentiles on fewer than k units, flags with their count', () => {
    const rows: Row[] = [
      { group: 'region', region_code: 'VR01', n: 4, x: 4, x_share: 1, median: 12, flag: true },
      { group: 'region', region_code: 'VR02', n: 50, x: 3, x_share: 0.06, median: 20, flag: false },
      { group: 'region', region_code: 'VR03', n: 60, x: 0, x_share: 0, median: 10, flag: false },
    ];
    const { rows: out } = discloseTable({ columns, rows, k: 5, keyOf: makeKeyOf(columns, ctx, rows), lines: [] });
    expect(out[0].values).toMatchObject({ n: null, x: null, x_share: null, median: null, flag: null });
    expect(out[0].reasons).toMatchObject({ n: REASON.countBelowK, x_share: REASON.denominatorBelowK, median: REASON.fewerThanKUnits });
    expect(out[1].values).toMatchObject({ n: 50, x: null, x_share: null, median: 20, flag: null });
    expect(out[1].reasons).toMatchObject({ x: REASON.countBelowK, x_share: REASON.fromSuppressed, flag: REASON.fromSuppressed });
    expect(out[2].values).toMatchObject({ n: 60, x: 0, x_share: 0, median: 10, flag: false });
    expect(out[2].reasons).toEqual({});
  });

  it('treats a repeated cell (sameAs) as one cell: suppressing one copy suppresses all', () => {
    const cols: MetricColumn[] = [
      GROUP_COLUMN,
      REGION_COLUMN,
      { name: 'f', kind: 'dimension', label: { nl: 'f', en: 'f' } },
      count('n', 'n', 'n'),
      count('total', 't', 't', { sameAs: (row) => ({ row: { ...row, f: null }, column: 'total' }) }),
    ];
    const rows: Row[] = [
      { group: 'region', region_code: 'VR01', f: 'a', n: 2, total: 30 },
      { group: 'region', region_code: 'VR01', f: 'b', n: 28, total: 30 },
    ];
    const k = makeKeyOf(cols, ctx, rows);
    // total = a + b: a is primary; b is the smallest unsuppressed non-zero cell (28 < 30)
    const lines = [[k(rows[0], 'total'), k(rows[0], 'n'), k(rows[1], 'n')]];
    const { rows: out } = discloseTable({ columns: cols, rows, k: 5, keyOf: k, lines });
    expect(out.map((r) => r.values.n)).toEqual([null, null]);
    expect(out.map((r) => r.values.total)).toEqual([30, 30]);
    expect(k(rows[0], 'total')).toBe(k(rows[1], 'total'));
  });
});

describe('peerView', () => {
  const columns: MetricColumn[] = [GROUP_COLUMN, REGION_COLUMN, count('n', 'n', 'n'), share('s', 's', 's', 'x', 'n'), { name: 'flag', kind: 'flag', label: { nl: 'f', en: 'f' } }];
  const row = (region: string, n: number | null, s: number | null, reasons: Record<string, string> = {}) => ({
    values: { group: 'region', region_code: region, n, s, flag: true } as Row,
    reasons,
  });

  it('gives min, quartiles and max over the other regions\' disclosed values, without their codes', () => {
    const rows = [row('VR01', 40, 0.5), row('VR02', 10, 0.1), row('VR03', 0, 0.2), row('VR04', 30, 0.3), row('VR05', null, 0.4, { n: REASON.countBelowK }), row('VR06', 20, null, { s: REASON.countBelowK })];
    const out = peerView(rows, columns, 'VR01');
    expect(out.peerRegions).toBe(5);
    const byGroup = Object.fromEntries(out.rows.map((r) => [r.values.group, r.values]));
    expect(byGroup.own).toMatchObject({ region_code: 'VR01', n: 40, s: 0.5 });
    // counts: disclosed values 10, 0, 30, 20 (VR05 hidden): sorted 0 10 20 30, nearest rank
    // (type-7 position h = 3q, ties down): min 0, q1 h=.75 → 10, median h=1.5 → 10, q3 h=2.25 → 20, max 30
    expect(['peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max'].map((g) => byGroup[g].n)).toEqual([0, 10, 10, 20, 30]);
    // shares: 0.1 0.2 0.3 0.4 (VR06 hidden): interpolated q1 = 0.1 + .75·0.1 = 0.175, median 0.25
    expect(byGroup.peer_q1.s).toBeCloseTo(0.175, 12);
    expect(byGroup.peer_median.s).toBeCloseTo(0.25, 12);
    expect(byGroup.peer_max.flag).toBeNull();
    for (const r of out.rows.filter((x) => x.values.group !== 'own')) expect(r.values.region_code).toBeNull();
    expect(JSON.stringify(out)).not.toMatch(/VR0[2-6]/);
  });

  it('drops the peer rows with a note below three other regions', () => {
    const out = peerView([row('VR01', 40, 0.5), row('VR02', 10, 0.1), row('VR03', 10, 0.1)], columns, 'VR01');
    expect(out.rows).toHaveLength(1);
    expect(out.peerRegions).toBe(2);
    expect(out.notes[0].code).toBe('peer_regions_below_minimum');
  });

  it('leaves a peer value undefined (not hidden) when no peer region has one', () => {
    const rows = [row('VR01', 40, null), row('VR02', 10, null), row('VR03', 12, null), row('VR04', 14, null)];
    const median = peerView(rows, columns, 'VR01').rows.find((r) => r.values.group === 'peer_median');
    expect(median?.values.s).toBeNull();
    expect(median?.reasons.s).toBeUndefined();
    expect(median?.values.n).toBe(12);
  });

  it('marks a peer value resting on fewer than three disclosed values', () => {
    const rows = [row('VR01', 40, 0.5), row('VR02', 10, null, { s: 'x' }), row('VR03', 10, null, { s: 'x' }), row('VR04', 10, 0.3)];
    const out = peerView(rows, columns, 'VR01');
    const median = out.rows.find((r) => r.values.group === 'peer_median');
    expect(median?.values.s).toBeNull();
    expect(median?.reasons.s).toBe(REASON.fewerPeers);
    expect(median?.values.n).toBe(10);
  });
});
