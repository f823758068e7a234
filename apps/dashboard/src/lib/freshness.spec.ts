import { describe, expect, it } from 'vitest';
import { isProvisional, lastMonthOf, provisionalFrom } from './freshness';

describe('provisional periods', () => {
  it('starts at the month that ends within the 90th-percentile lead time of the latest receipt', () => {
    // 2025-12-31 − 60 days = 2025-11-01: November ends after it, October does not.
    expect(provisionalFrom('2025-12-31', 60)).toBe('2025-11');
    // − 61 days = 2025-10-31: October's last day is the cutoff, so October is provisional too.
    expect(provisionalFrom('2025-12-31', 61)).toBe('2025-10');
    expect(provisionalFrom('2025-12-31', 120)).toBe('2025-09');
  });
  it('without a lead time marks only an incomplete last month', () => {
    expect(provisionalFrom('2025-12-14', null)).toBe('2025-12');
    expect(provisionalFrom('2025-12-31', null)).toBeNull();
    expect(provisionalFrom(null, 30)).toBeNull();
  });
  it('reads month, quarter and year labels', () => {
    expect(lastMonthOf('2025-07')).toBe('2025-07');
    expect(lastMonthOf('2025-Q3')).toBe('2025-09');
    expect(lastMonthOf('2025')).toBe('2025-12');
    expect(lastMonthOf('juli')).toBeNull();
    expect(isProvisional('2025-Q3', '2025-09')).toBe(true);
    expect(isProvisional('2025-Q2', '2025-09')).toBe(false);
    expect(isProvisional('2025', '2025-09')).toBe(true);
    expect(isProvisional('2025-Q4', null)).toBe(false);
  });
});
