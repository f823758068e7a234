import { describe, expect, it } from 'vitest';
import { dateText, monthRangeText, periodText, presetPeriod } from './period';

describe('period texts', () => {
  it('names months, quarters and years', () => {
    expect(periodText('2025-10', 'nl')).toBe('okt 2025');
    expect(periodText('2025-10', 'en')).toBe('Oct 2025');
    expect(periodText('2025-Q4', 'nl')).toBe('K4 2025');
    expect(periodText('2025-Q4', 'en')).toBe('Q4 2025');
    expect(periodText('2025', 'nl')).toBe('2025');
  });
  it('names a range of months', () => {
    expect(monthRangeText('2025-10', '2025-12', 'nl')).toBe('okt – dec 2025');
    expect(monthRangeText('2024-01', '2025-12', 'nl')).toBe('jan 2024 – dec 2025');
    expect(monthRangeText('2025-03', '2025-03', 'nl')).toBe('mrt 2025');
    expect(monthRangeText(null, '2025-03', 'nl')).toBe('… – mrt 2025');
  });
  it('writes a date in words', () => {
    expect(dateText('2025-11-30', 'nl')).toBe('30 november 2025');
    expect(dateText('2025-11-30', 'en')).toBe('30 November 2025');
  });
  it('gives the quarter, year or 12 months holding a month', () => {
    expect(presetPeriod('quarter', '2025-11')).toEqual({ from: '2025-10', to: '2025-12' });
    expect(presetPeriod('year', '2025-11')).toEqual({ from: '2025-01', to: '2025-12' });
    expect(presetPeriod('12m', '2025-11')).toEqual({ from: '2024-12', to: '2025-11' });
  });
});
