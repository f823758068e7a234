import { describe, expect, it } from 'vitest';
import { binsOf, binZones, monthIndex, parseMonthBound } from './periods';

const m = (s: string) => monthIndex(`${s}-01`);

describe('calendar bins (METRICS.md disclosure v2, rule 2)', () => {
  it('splits a period into the fewest years, quarters and months (worked by hand)', () => {
    // Feb–Jul 2024 = Feb + Mar + Q2 + Jul
    expect(binsOf(binZones(m('2024-02'), m('2024-07')))).toEqual([202402, 202403, 20242, 202407]);
    // Nov 2023 – Feb 2026 = Nov, Dec 2023 + 2024 + 2025 + Jan, Feb 2026
    expect(binsOf(binZones(m('2023-11'), m('2026-02')))).toEqual([202311, 202312, 2024, 2025, 202601, 202602]);
    // Aug 2023 – May 2025 = Aug, Sep + Q4 2023 + 2024 + Q1 2025 + Apr, May
    expect(binsOf(binZones(m('2023-08'), m('2025-05')))).toEqual([202308, 202309, 20234, 2024, 20251, 202504, 202505]);
    expect(binsOf(binZones(m('2024-01'), m('2024-12')))).toEqual([2024]);
    expect(binsOf(binZones(m('2024-04'), m('2024-06')))).toEqual([20242]);
    expect(binsOf(binZones(m('2024-05'), m('2024-05')))).toEqual([202405]);
  });

  it('never coarser than the trend grain', () => {
    expect(binsOf(binZones(m('2024-01'), m('2024-12'), 'quarter'))).toEqual([20241, 20242, 20243, 20244]);
    expect(binsOf(binZones(m('2024-01'), m('2024-03'), 'month'))).toEqual([202401, 202402, 202403]);
  });

  it('open ends are calendar years', () => {
    expect(binZones(null, null)).toEqual([{ lo: null, hi: null, unit: 'year' }]);
    expect(binZones(m('2024-03'), null)).toEqual([
      { lo: m('2024-03'), hi: m('2024-04'), unit: 'month' },
      { lo: m('2024-04'), hi: m('2025-01'), unit: 'quarter' },
      { lo: m('2025-01'), hi: null, unit: 'year' },
    ]);
  });

  it('accepts YYYY-MM and month-bound dates only', () => {
    expect(parseMonthBound('from', '2024-02')).toBe('2024-02-01');
    expect(parseMonthBound('to', '2024-02')).toBe('2024-02-29');
    expect(parseMonthBound('to', '2023-02-28')).toBe('2023-02-28');
    expect(() => parseMonthBound('from', '2024-02-02')).toThrow(/first day of a month/);
    expect(() => parseMonthBound('to', '2024-02-28')).toThrow(/last day of a month/);
    expect(() => parseMonthBound('to', 'yesterday')).toThrow(/YYYY-MM/);
  });
});
