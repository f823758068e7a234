import { describe, expect, it } from 'vitest';
import { sortRows } from './sort';
import type { TableModel } from './table';

const model: TableModel = {
  caption: '',
  k: 5,
  columns: [
    { key: 'region_code', label: 'Regio', kind: 'dimension' },
    { key: 'signals', label: 'Signalen', kind: 'count' },
  ],
  rows: [
    [
      { raw: 'VR01', text: 'Groningen' },
      { raw: 40, text: '40' },
    ],
    [
      { raw: 'VR02', text: 'Fryslân' },
      { raw: null, text: '< 5', suppression: 'count' },
    ],
    [
      { raw: 'VR03', text: 'Drenthe' },
      { raw: 90, text: '90' },
    ],
    [
      { raw: 'VR04', text: 'IJsselland' },
      { raw: 40, text: '40' },
    ],
    [
      { raw: null, text: 'Totaal' },
      { raw: 175, text: '175' },
    ],
  ],
  source: [{ region_code: 'VR01' }, { region_code: 'VR02' }, { region_code: 'VR03' }, { region_code: 'VR04' }, { region_code: null, group: 'total' }],
  suppressionKinds: ['count'],
  hasNotApplicable: false,
};

describe('sorting and ranking', () => {
  it('keeps the order without a sort', () => {
    expect(sortRows(model, null, 'nl').map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  });
  it('sorts regions descending with ties ranked equally, total on top, hidden values last and unranked', () => {
    expect(sortRows(model, { key: 'signals', dir: 'desc' }, 'nl')).toEqual([
      { index: 4, rank: null },
      { index: 2, rank: 1 },
      { index: 0, rank: 2 },
      { index: 3, rank: 2 },
      { index: 1, rank: null },
    ]);
  });
  it('sorts ascending and by name', () => {
    expect(sortRows(model, { key: 'signals', dir: 'asc' }, 'nl').map((r) => r.index)).toEqual([4, 0, 3, 2, 1]);
    expect(sortRows(model, { key: 'region_code', dir: 'asc' }, 'nl').map((r) => [r.index, r.rank])).toEqual([
      [4, null],
      [2, null],
      [1, null],
      [0, null],
      [3, null],
    ]);
  });
});
