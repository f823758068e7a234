import { describe, expect, it } from 'vitest';
import type { MetricTable } from '../api/types';
import { rowKey } from '../views/facts';
import { buildTable, cellOf, columnValues, filterRows, findRow } from './table';

const regio: MetricTable & { k: number } = {
  k: 5,
  columns: [
    { name: 'group', kind: 'dimension' },
    { name: 'region_code', kind: 'dimension' },
    { name: 'signals', kind: 'count' },
    { name: 'median_days', kind: 'days' },
  ],
  rows: [
    { group: 'own', region_code: 'VR13', signals: 40, median_days: 12.5 },
    { group: 'peer_min', region_code: null, signals: 0, median_days: null },
    { group: 'peer_median', region_code: null, signals: 20, median_days: 30 },
  ],
  suppressed: [{ row: 1, column: 'median_days', reason: 'fewer than 3 peer regions with a value' }],
};

const model = buildTable(regio, {
  lang: 'nl',
  caption: 'x',
  columns: ['region_code', 'signals', 'median_days'],
  columnLabel: (c) => c.name,
  dimensionText: (_c, v, row) => (v === null ? String(row.group) : String(v)),
});

describe('table model helpers', () => {
  it('keeps rows and their source together when filtering', () => {
    const peers = filterRows(model, (r) => String(r.group).startsWith('peer_'));
    expect(peers.rows.map((r) => r[0].text)).toEqual(['peer_min', 'peer_median']);
    expect(peers.source.map((r) => r.group)).toEqual(['peer_min', 'peer_median']);
    expect(columnValues(peers, 'signals')).toEqual([0, 20]);
  });
  it('finds a row and a cell by column', () => {
    const median = findRow(model, (r) => r.group === 'peer_median');
    expect(median && cellOf(model, median.cells, 'median_days')?.text).toBe('30,0');
    expect(findRow(model, (r) => r.group === 'total')).toBeNull();
  });
  it('says a peer statistic is missing for too few regions, not zero', () => {
    expect(model.rows[1][2]).toEqual({ raw: null, text: '< 3 regio’s', suppression: 'peers' });
    expect(columnValues(model, 'median_days')).toEqual([12.5, null, 30]);
  });
});

describe('overview row keys', () => {
  it('keys regions by code, a regio caller by own/peer, and leaves the total out', () => {
    expect(rowKey({ group: 'region', region_code: 'VR01' })).toBe('VR01');
    expect(rowKey({ group: 'own', region_code: 'VR13' })).toBe('own');
    expect(rowKey({ group: 'peer_q3', region_code: null })).toBe('peer_q3');
    expect(rowKey({ group: 'total', region_code: null })).toBe('total');
  });
});
