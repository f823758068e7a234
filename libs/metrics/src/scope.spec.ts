import { describe, expect, it } from 'vitest';
import { MetricForbiddenError, MetricNotFoundError, MetricParamError } from './errors';
import { findMetric } from './registry';
import { runMetric } from './run';
import { resolveContext } from './scope';
import type { MetricRequest } from './types';

const flow = findMetric('flow');
const never = async () => {
  throw new Error('the query must not run for an invalid request');
};
const paramError = (request: MetricRequest, metric = 'flow') =>
  runMetric(metric, request, never).then(
    () => null,
    (e: unknown) => e,
  );

describe('request validation', () => {
  it('rejects an unknown metric', async () => {
    await expect(runMetric('no_such_metric', { role: 'inspectie', scope: {} }, never)).rejects.toBeInstanceOf(MetricNotFoundError);
  });

  it.each([
    [{ regions: ['VR26'] }, 'regions', /unknown region code 'VR26'/],
    [{ from: '2024-13-01' }, 'from', /not a calendar date/],
    [{ from: '2024-02-30' }, 'from', /not a calendar date/],
    [{ to: '24-01-01' }, 'to', /YYYY-MM-DD/],
    [{ from: '2024-06-01', to: '2024-01-31' }, 'from', /after 'to'/],
    [{ from: '2024-06-02' }, 'from', /first day of a month/],
    [{ to: '2024-06-29' }, 'to', /last day of a month/],
    [{ from: '2024-13' }, 'from', /not a calendar month/],
    [{ phenomenon: 'islamisme' }, 'phenomenon', /unknown phenomenon 'islamisme'/],
    [{ receiving_party: 'burger' }, 'receiving_party', /unknown receiving_party/],
    [{ source: 'twitter' }, 'source', /unknown source/],
  ])('scope %j → MetricParamError on %s', async (scope, field, message) => {
    const e = await paramError({ role: 'inspectie', scope });
    expect(e).toBeInstanceOf(MetricParamError);
    expect((e as MetricParamError).field).toBe(field);
    expect((e as Error).message).toMatch(message);
  });

  it('rejects unknown and invalid parameters and filters that do not apply', async () => {
    expect(await paramError({ role: 'inspectie', scope: {}, params: { by: 'x' } }, 'trend')).toMatchObject({
      field: 'params.by',
      message: expect.stringMatching(/one of phenomenon, source, receiving_party/),
    });
    expect(await paramError({ role: 'inspectie', scope: {}, params: { colour: 'red' } })).toMatchObject({ field: 'params.colour', message: expect.stringMatching(/takes none/) });
    expect(await paramError({ role: 'inspectie', scope: { source: 'burger' } }, 'reach')).toMatchObject({ field: 'source' });
    expect(await paramError({ role: 'inspectie', scope: { phenomenon: 'jihadisme' } }, 'phenomenon_coverage')).toMatchObject({ field: 'phenomenon' });
  });

  it('k: default 5, configurable, never below 3', async () => {
    expect(resolveContext(flow, { role: 'inspectie', scope: {} }).k).toBe(5);
    expect(resolveContext(flow, { role: 'inspectie', k: 3, scope: {} }).k).toBe(3);
    expect(await paramError({ role: 'inspectie', k: 2, scope: {} })).toMatchObject({ field: 'k', message: expect.stringMatching(/at least 3/) });
    expect(await paramError({ role: 'inspectie', k: 4.5, scope: {} })).toMatchObject({ field: 'k' });
  });

  it('fills parameter defaults and echoes a normalised scope', () => {
    const ctx = resolveContext(findMetric('trend'), { role: 'nctv', scope: { regions: ['VR13', 'VR03', 'VR13'], from: '2024-01-01' } });
    expect(ctx.params).toEqual({ by: 'phenomenon', grain: 'month' });
    expect(ctx.scope).toEqual({ regions: ['VR03', 'VR13'], from: '2024-01-01' });
    // rule 1: totals are national, so the SQL reads every region; regions= selects the rows sent
    expect(ctx.queryRegions).toBeNull();
    expect(ctx.selectedRegions).toEqual(['VR03', 'VR13']);
    expect(ctx.totals).toBe(true);
  });
});

describe('role rules', () => {
  it('keeps the subject-linking metric from nctv, regio and beheer', async () => {
    for (const role of ['nctv', 'regio', 'beheer'] as const) {
      const e = await paramError({ role, region: 'VR13', scope: {} }, 'reassessment_consistency');
      expect(e, role).toBeInstanceOf(MetricForbiddenError);
    }
    expect(resolveContext(findMetric('reassessment_consistency'), { role: 'inspectie', scope: {} }).role).toBe('inspectie');
  });

  it('lets a regio caller ask only for its own region, computing all for the peer view', async () => {
    expect(await paramError({ role: 'regio', region: 'VR13', scope: { regions: ['VR01'] } })).toBeInstanceOf(MetricForbiddenError);
    expect(await paramError({ role: 'regio', region: 'VR13', scope: { regions: ['VR13', 'VR01'] } })).toBeInstanceOf(MetricForbiddenError);
    expect(await paramError({ role: 'regio', scope: {} })).toBeInstanceOf(MetricForbiddenError);
    const ctx = resolveContext(flow, { role: 'regio', region: 'VR13', scope: { regions: ['VR13'] } });
    expect(ctx).toMatchObject({ ownRegion: 'VR13', queryRegions: null, totals: false, scope: { regions: ['VR13'] } });
  });

  it('rejects an unknown role', async () => {
    expect(await paramError({ role: 'admin' as never, scope: {} })).toBeInstanceOf(MetricForbiddenError);
  });
});
