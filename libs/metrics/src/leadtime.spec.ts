import { describe, expect, it } from 'vitest';
import { findMetric } from './registry';
import { resolveContext } from './scope';
import type { MetricRequest } from './types';

const leadtime = findMetric('leadtime');

describe('leadtime percentiles from day histograms', () => {
  it('interpolate between ranks as quantile_cont does, per region and for the nation', () => {
    const ctx = resolveContext(leadtime, { role: 'inspectie', scope: {} } as MetricRequest);
    // measure 0 = days_to_first_wp, 1 = days_to_decision; rows in any order
    const raw = [
      { region_code: 'VR01', measure: 0, d: 10, c: 1 },
      { region_code: 'VR01', measure: 0, d: 1, c: 2 },
      { region_code: 'VR01', measure: 0, d: 2, c: 1 },
      { region_code: 'VR02', measure: 0, d: 4, c: 1 },
      { region_code: 'VR02', measure: 1, d: 30, c: 3 },
    ];
    const rows = leadtime.statsRows!(raw, ctx);
    const by = new Map(rows.map((r) => [r.region_code, r]));
    // VR01 first_wp: 1, 1, 2, 10. Median: h = 1.5 -> 1 + 0.5·(2 − 1) = 1.5; p90: h = 2.7 -> 2 + 0.7·(10 − 2) = 7.6
    expect(by.get('VR01')).toMatchObject({ region_code: 'VR01', median_days_to_first_wp: 1.5, median_days_to_decision: null, p90_days_to_decision: null });
    expect(by.get('VR01')!.p90_days_to_first_wp).toBeCloseTo(7.6, 12);
    expect(by.get('VR02')).toEqual({ region_code: 'VR02', median_days_to_first_wp: 4, p90_days_to_first_wp: 4, median_days_to_decision: 30, p90_days_to_decision: 30 });
    // the nation: 1, 1, 2, 4, 10 -> median 2, p90 h = 3.6 -> 4 + 0.6·6 = 7.6
    const nation = by.get(null)!;
    expect(nation.median_days_to_first_wp).toBe(2);
    expect(nation.p90_days_to_first_wp).toBeCloseTo(7.6, 12);
    expect(nation.median_days_to_decision).toBe(30);
    expect(rows).toHaveLength(3);
  });

  it('give no national row when the request has no totals, and no rows without data', () => {
    const regio = resolveContext(leadtime, { role: 'regio', region: 'VR01', scope: {} } as MetricRequest);
    const rows = leadtime.statsRows!([{ region_code: 'VR01', measure: 1, d: 5, c: 2 }], regio);
    if (!regio.totals) expect(rows.map((r) => r.region_code)).toEqual(['VR01']);
    expect(leadtime.statsRows!([], regio)).toEqual([]);
  });
});
