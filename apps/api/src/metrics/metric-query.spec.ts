import { MetricForbiddenError, MetricParamError } from '@weegwijzer/metrics';
import { describe, expect, it } from 'vitest';
import { negotiateFormat, parseMetricQuery } from './metric-query';

const nctv = { role: 'nctv' as const, k: 5 };

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('metric query parameters (the library parser plus the output format)', () => {
  it('parses scope, filters, parameters and format', () => {
    expect(parseMetricQuery('trend', { regions: 'vr13, VR03,VR13', from: '2024-01', to: '2024-12-31', source: 'osint', by: 'source', format: 'csv', sep: ';' }, nctv)).toEqual({
      request: { role: 'nctv', k: 5, region: undefined, scope: { regions: ['VR13', 'VR03'], from: '2024-01', to: '2024-12-31', source: 'osint' }, params: { by: 'source' } },
      format: 'csv',
      sep: ';',
    });
    expect(parseMetricQuery('flow', {}, nctv)).toMatchObject({ request: { scope: {}, params: {} }, format: undefined, sep: ',' });
  });

  it('refuses what the catalogue does not declare for this metric', () => {
    expect(message(() => parseMetricQuery('reach', { source: 'osint' }, nctv))).toBe(
      'unknown query parameter "source" for metric reach; allowed: regions, from, to, phenomenon, receiving_party, format, sep',
    );
    expect(message(() => parseMetricQuery('flow', { by: 'source' }, nctv))).toMatch(/unknown query parameter "by" for metric flow/);
  });

  it('says what is wrong with a value', () => {
    expect(message(() => parseMetricQuery('flow', { regions: '' }, nctv))).toMatch(/regions is empty/);
    expect(message(() => parseMetricQuery('flow', { regions: 'VR26' }, nctv))).toMatch(/unknown region code 'VR26'/);
    expect(message(() => parseMetricQuery('flow', { to: '2024-13-01' }, nctv))).toMatch(/'to' is not a calendar date/);
    expect(message(() => parseMetricQuery('flow', { from: '2024-02-10' }, nctv))).toMatch(/first day of a month/);
    expect(message(() => parseMetricQuery('flow', { receiving_party: 'brandweer' }, nctv))).toMatch(/unknown receiving_party 'brandweer' \(allowed: gemeente, politie, om\)/);
    expect(message(() => parseMetricQuery('trend', { by: 'month' }, nctv))).toMatch(/parameter 'by' of metric 'trend' must be one of phenomenon, source, receiving_party/);
    expect(message(() => parseMetricQuery('flow', { sep: '|' }, nctv))).toMatch(/sep: expected , or ;/);
    expect(message(() => parseMetricQuery('flow', { format: 'xml' }, nctv))).toMatch(/format: expected one of json, csv, arrow/);
    expect(message(() => parseMetricQuery('flow', { from: ['2024-01-01', '2024-02-01'] }, nctv))).toMatch(/from may be given only once/);
    expect(message(() => parseMetricQuery('reassessment_consistency', {}, nctv))).toMatch(/inspectorate only/);
  });

  it('throws the library errors, which ApiExceptionFilter answers 400 and 403', () => {
    expect(() => parseMetricQuery('flow', { sep: '|' }, nctv)).toThrow(MetricParamError);
    expect(() => parseMetricQuery('flow', { regions: 'VR26' }, nctv)).toThrow(MetricParamError);
    expect(() => parseMetricQuery('reassessment_consistency', {}, nctv)).toThrow(MetricForbiddenError);
  });

  it('negotiates the format: ?format= first, then Accept, JSON by default', () => {
    expect(negotiateFormat(undefined, undefined)).toBe('json');
    expect(negotiateFormat(undefined, 'text/csv')).toBe('csv');
    expect(negotiateFormat(undefined, 'application/vnd.apache.arrow.stream, */*')).toBe('arrow');
    expect(negotiateFormat('json', 'text/csv')).toBe('json');
    expect(negotiateFormat(undefined, 'text/html,application/json')).toBe('json');
  });
});
