import { describe, expect, it } from 'vitest';
import { MetricParamError } from './errors';
import { parseMetricRequest } from './request';

describe('parseMetricRequest (the one request parser of the API and the CLI)', () => {
  it('turns raw strings into a request for the metric', () => {
    expect(parseMetricRequest('trend', { regions: 'vr13,VR03, VR13', from: '2024-02', to: '2024-07', by: 'source', grain: 'quarter' }, { role: 'nctv', k: 5 })).toEqual({
      request: { role: 'nctv', k: 5, region: undefined, scope: { regions: ['VR13', 'VR03'], from: '2024-02', to: '2024-07' }, params: { by: 'source', grain: 'quarter' } },
      extra: {},
    });
  });

  it('names the field that is wrong', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof MetricParamError ? e.field : 'other';
      }
      return 'none';
    };
    expect(fieldOf(() => parseMetricRequest('reach', { source: 'osint' }, { role: 'nctv' }))).toBe('source');
    expect(fieldOf(() => parseMetricRequest('flow', { regions: ' , ' }, { role: 'nctv' }))).toBe('regions');
    expect(fieldOf(() => parseMetricRequest('flow', { from: ['2024-01', '2024-02'] }, { role: 'nctv' }))).toBe('from');
    expect(fieldOf(() => parseMetricRequest('flow', { format: 'csv' }, { role: 'nctv' }, ['format']))).toBe('none');
  });
});
