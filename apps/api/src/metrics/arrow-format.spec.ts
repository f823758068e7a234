import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { metricToArrowIpc } from './arrow-format';

const response = {
  metric: 'flow',
  k: 5,
  scope: { regions: ['VR13', 'VR03'], from: '2024-01-01', to: '2024-12-31' },
  columns: [
    { name: 'region_code', kind: 'dimension' },
    { name: 'signals', kind: 'count' },
    { name: 'drop_rate', kind: 'share' },
    { name: 'divergent', kind: 'flag' },
  ],
  rows: [
    { region_code: 'VR13', signals: 412, drop_rate: 0.31, divergent: true },
    { region_code: 'VR03', signals: null, drop_rate: null, divergent: false },
  ],
  suppressed: [
    { row: 1, column: 'signals', reason: 'count below k' },
    { row: 1, column: 'drop_rate', reason: 'numerator suppressed' },
  ],
  notes: ['a note'],
};

describe('metric response as Arrow IPC', () => {
  it('keeps values, kinds, k, scope and the suppression markers', () => {
    const t = tableFromIPC(metricToArrowIpc(response));
    expect(t.numRows).toBe(2);
    expect(t.schema.fields.map((f) => [f.name, f.metadata.get('weegwijzer.kind')])).toEqual([
      ['region_code', 'dimension'],
      ['signals', 'count'],
      ['drop_rate', 'share'],
      ['divergent', 'flag'],
    ]);
    expect(t.getChild('region_code')!.toArray()).toEqual(['VR13', 'VR03']);
    expect(t.getChild('signals')!.get(0)).toBe(412);
    expect(t.getChild('signals')!.get(1)).toBeNull();
    expect(t.getChild('drop_rate')!.get(0)).toBeCloseTo(0.31, 12);
    expect(t.getChild('drop_rate')!.get(1)).toBeNull();
    expect(t.getChild('divergent')!.get(0)).toBe(true);
    const md = t.schema.metadata;
    expect(md.get('weegwijzer.metric')).toBe('flow');
    expect(md.get('weegwijzer.k')).toBe('5');
    expect(JSON.parse(md.get('weegwijzer.scope')!)).toEqual(response.scope);
    expect(JSON.parse(md.get('weegwijzer.suppressed')!)).toEqual(response.suppressed);
    expect(JSON.parse(md.get('weegwijzer.extra')!)).toEqual({ notes: ['a note'] });
  });

  it('writes an empty table with its schema', () => {
    const t = tableFromIPC(metricToArrowIpc({ ...response, rows: [], suppressed: [] }));
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['region_code', 'signals', 'drop_rate', 'divergent']);
  });
});
