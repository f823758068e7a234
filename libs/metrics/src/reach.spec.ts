import { describe, expect, it } from 'vitest';
import { yearEarlier } from './reach.metrics';

describe('yearEarlier (reach: the same days one year earlier)', () => {
  it('shifts a date back one calendar year, 29 February to 28 February', () => {
    expect(yearEarlier('2024-03-01')).toBe('2023-03-01');
    expect(yearEarlier('2024-02-29')).toBe('2023-02-28');
    expect(yearEarlier('2025-02-28')).toBe('2024-02-28');
    expect(yearEarlier('2024-12-31')).toBe('2023-12-31');
  });
});
