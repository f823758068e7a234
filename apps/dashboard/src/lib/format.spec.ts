import { describe, expect, it } from 'vitest';
import { classifySuppression, csvNumber, formatValue, suppressedText } from './format';

describe('formatValue', () => {
  it('writes counts with the language grouping', () => {
    expect(formatValue(1234, 'count', 'nl')).toBe('1.234');
    expect(formatValue(1234, 'count', 'en')).toBe('1,234');
    expect(formatValue(0, 'count', 'nl')).toBe('0');
  });
  it('writes shares as percentages with one decimal', () => {
    expect(formatValue(0.3125, 'share', 'nl')).toBe('31,3%');
    expect(formatValue(0.3125, 'share', 'en')).toBe('31.3%');
  });
  it('writes ratios, days and rates', () => {
    expect(formatValue(1.234, 'ratio', 'nl')).toBe('1,23');
    expect(formatValue(12.25, 'days', 'en')).toBe('12.3');
    expect(formatValue(3.04, 'rate_per_100k', 'nl')).toBe('3,0');
  });
  it('writes tiny probabilities as a bound', () => {
    expect(formatValue(0.0004, 'probability', 'en')).toBe('< 0.001');
    expect(formatValue(0.0421, 'probability', 'en')).toBe('0.042');
  });
  it('writes flags as words and a missing value as a dash', () => {
    expect(formatValue(true, 'flag', 'nl')).toBe('ja');
    expect(formatValue(false, 'flag', 'en')).toBe('no');
    expect(formatValue(null, 'count', 'nl')).toBe('–');
  });
});

describe('suppression', () => {
  it('tells a small count from a small base and from secondary suppression', () => {
    expect(classifySuppression('count', 'count below k')).toBe('count');
    expect(classifySuppression('share', 'denominator below k')).toBe('base');
    expect(classifySuppression('days', 'fewer than k units')).toBe('base');
    expect(classifySuppression('count', 'secondary suppression: would be derivable from a total')).toBe('secondary');
    expect(classifySuppression('share', 'computed from a suppressed count')).toBe('secondary');
    expect(classifySuppression('share', 'fewer than 3 peer regions with a value')).toBe('peers');
  });
  it('spells a suppressed value out with k', () => {
    expect(suppressedText('count', 5, 'nl')).toBe('< 5');
    expect(suppressedText('base', 3, 'en')).toBe('n < 3');
    expect(suppressedText('secondary', 5, 'nl')).toBe('afgeschermd');
  });
});

describe('csvNumber', () => {
  it('keeps full precision with the language decimal mark', () => {
    expect(csvNumber(0.123456, 'nl')).toBe('0,123456');
    expect(csvNumber(0.123456, 'en')).toBe('0.123456');
    expect(csvNumber(1200, 'nl')).toBe('1200');
  });
});
