import { describe, expect, it } from 'vitest';
import { median, quantile } from './stats';

describe('median and quantile', () => {
  it('interpolates between order statistics', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBe(46);
  });
  it('ignores non-finite values and answers null for none', () => {
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNull();
  });
});
