import { describe, expect, it } from 'vitest';
import { changeOf } from './compare';

const cell = (raw: number | null, suppressed = false) => ({ raw, text: String(raw), ...(suppressed ? { suppression: 'count' as const } : {}) });

describe('change against the previous period', () => {
  it('is the difference of the two released values, in words with an arrow', () => {
    expect(changeOf(cell(1234), cell(1222), 'count', 'nl')).toEqual({ direction: 'up', text: '▲ 12 hoger dan de vorige periode' });
    expect(changeOf(cell(1000), cell(2500), 'count', 'nl')).toEqual({ direction: 'down', text: '▼ 1.500 lager dan de vorige periode' });
    expect(changeOf(cell(0.386), cell(0.589), 'share', 'nl').text).toBe('▼ 20,3 procentpunt lager dan de vorige periode');
    expect(changeOf(cell(52), cell(29.5), 'days', 'en').text).toBe('▲ 22.5 days higher than the previous period');
    expect(changeOf(cell(0.5), cell(0.5002), 'share', 'nl').direction).toBe('same');
  });
  it('gives no change when a value is not shown', () => {
    expect(changeOf(cell(null, true), cell(10), 'count', 'nl').direction).toBe('unknown');
    expect(changeOf(cell(10), undefined, 'count', 'nl').direction).toBe('unknown');
  });
});
