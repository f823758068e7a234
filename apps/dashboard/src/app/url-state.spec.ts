import { describe, expect, it } from 'vitest';
import { addMonths, filterParams, formatHash, isPeriodValid, monthEnd, parseHash, previousPeriod } from './url-state';

describe('URL state', () => {
  it('reads view, filters and view choices from the hash', () => {
    const loc = parseHash('#/stroom?from=2024-01&to=2024-06-30&regions=VR13,vr03&phenomenon=jihadisme&by=source');
    expect(loc.view).toBe('stroom');
    expect(loc.filters).toEqual({
      from: '2024-01',
      to: '2024-06',
      regions: ['VR03', 'VR13'],
      phenomenon: 'jihadisme',
      receiving_party: null,
      source: null,
    });
    expect(loc.extra).toEqual({ by: 'source' });
  });
  it('drops malformed values and unknown views', () => {
    const loc = parseHash('#/nope?from=2024-13&regions=VR1,XX01,VR25&source=DROP%20TABLE');
    expect(loc.view).toBe('overzicht');
    expect(loc.filters.from).toBeNull();
    expect(loc.filters.regions).toEqual(['VR25']);
    expect(loc.filters.source).toBeNull();
  });
  it('writes what it reads', () => {
    const hash = '#/criteria?from=2023-01&regions=VR01,VR02&source=osint&stage=weegploeg';
    expect(formatHash(parseHash(hash))).toBe(hash);
    expect(formatHash(parseHash(''))).toBe('#/overzicht');
  });
  it('sends regions only for roles that may choose them', () => {
    const f = parseHash('#/stroom?regions=VR13&receiving_party=politie').filters;
    expect(filterParams(f, { includeRegions: true })).toEqual({ regions: 'VR13', receiving_party: 'politie' });
    expect(filterParams(f, { includeRegions: false })).toEqual({ receiving_party: 'politie' });
  });
  it('checks the period order', () => {
    expect(isPeriodValid(parseHash('#/?from=2024-02&to=2024-01').filters)).toBe(false);
    expect(isPeriodValid(parseHash('#/?from=2024-01&to=2024-01').filters)).toBe(true);
  });
  it('sends whole months as first and last day', () => {
    const f = parseHash('#/stroom?from=2024-02&to=2024-02').filters;
    expect(filterParams(f, { includeRegions: true })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthEnd('2023-12')).toBe('2023-12-31');
    expect(monthEnd('2025-04')).toBe('2025-04-30');
  });
  it('reads and writes a region page', () => {
    const loc = parseHash('#/regio/vr13?from=2025-01');
    expect([loc.view, loc.region, loc.filters.from]).toEqual(['regio', 'VR13', '2025-01']);
    expect(formatHash(loc)).toBe('#/regio/VR13?from=2025-01');
    expect(parseHash('#/regio/XX').region).toBeNull();
  });
  it('gives the previous period of the same length', () => {
    expect(previousPeriod({ from: '2025-10', to: '2025-12' })).toEqual({ from: '2025-07', to: '2025-09' });
    expect(previousPeriod({ from: '2025-01', to: '2025-12' })).toEqual({ from: '2024-01', to: '2024-12' });
    expect(previousPeriod({ from: '2025-03', to: '2025-03' })).toEqual({ from: '2025-02', to: '2025-02' });
    expect(previousPeriod({ from: '2025-01', to: null })).toBeNull();
    expect(addMonths('2025-01', -13)).toBe('2023-12');
  });
});
