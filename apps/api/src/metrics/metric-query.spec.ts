import { describe, expect, it } from 'vitest';
import { negotiateFormat, parseMetricQuery, type MetricAccepts } from './metric-query';

const flow: MetricAccepts = { filters: ['regions', 'from', 'to', 'phenomenon', 'receiving_party', 'source'], params: [] };
const trend: MetricAccepts = { filters: flow.filters, params: [{ name: 'by', values: ['phenomenon', 'source', 'receiving_party'] }] };
const reach: MetricAccepts = { filters: ['regions', 'from', 'to', 'phenomenon', 'receiving_party'], params: [] };

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('metric query parameters', () => {
  it('parses scope, filters, parameters and format', () => {
    expect(parseMetricQuery('trend', { regions: 'vr13, VR03,VR13', from: '2024-01-01', to: '2024-12-31', source: 'osint', by: 'source', format: 'csv', sep: ';' }, trend)).toEqual({
      regions: ['VR13', 'VR03'],
      from: '2024-01-01',
      to: '2024-12-31',
      filters: { source: 'osint' },
      params: { by: 'source' },
      format: 'csv',
      sep: ';',
    });
    expect(parseMetricQuery('flow', {}, flow)).toEqual({ regions: undefined, from: undefined, to: undefined, filters: {}, params: {}, format: undefined, sep: ',' });
  });

  it('refuses what the catalogue does not declare for this metric', () => {
    expect(message(() => parseMetricQuery('reach', { source: 'osint' }, reach))).toBe(
      'unknown query parameter "source" for metric reach; allowed: regions, from, to, phenomenon, receiving_party, format, sep',
    );
    expect(message(() => parseMetricQuery('flow', { by: 'source' }, flow))).toMatch(/unknown query parameter "by" for metric flow/);
  });

  it('says what is wrong with a value', () => {
    expect(message(() => parseMetricQuery('flow', { regions: '' }, flow))).toMatch(/regions is empty/);
    expect(message(() => parseMetricQuery('flow', { regions: 'VR26' }, flow))).toMatch(/"VR26" is not a region code/);
    expect(message(() => parseMetricQuery('flow', { to: '2024-13-01' }, flow))).toMatch(/'to' is not a calendar date/);
    expect(message(() => parseMetricQuery('flow', { receiving_party: 'brandweer' }, flow))).toMatch(/receiving_party: "brandweer" is not one of gemeente, politie, om/);
    expect(message(() => parseMetricQuery('trend', { by: 'month' }, trend))).toMatch(/by of metric trend: "month" is not one of phenomenon, source, receiving_party/);
    expect(message(() => parseMetricQuery('flow', { sep: '|' }, flow))).toMatch(/sep: expected , or ;/);
    expect(message(() => parseMetricQuery('flow', { from: ['2024-01-01', '2024-02-01'] }, flow))).toMatch(/from may be given only once/);
  });

  it('negotiates the format: ?format= first, then Accept, JSON by default', () => {
    expect(negotiateFormat(undefined, undefined)).toBe('json');
    expect(negotiateFormat(undefined, 'text/csv')).toBe('csv');
    expect(negotiateFormat(undefined, 'application/vnd.apache.arrow.stream, */*')).toBe('arrow');
    expect(negotiateFormat('json', 'text/csv')).toBe('json');
    expect(negotiateFormat(undefined, 'text/html,application/json')).toBe('json');
  });
});
