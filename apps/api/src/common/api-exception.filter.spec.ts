import { BadRequestException, type ArgumentsHost } from '@nestjs/common';
import * as metricsLib from '@weegwijzer/metrics';
import { MetricForbiddenError, MetricNotFoundError, MetricParamError } from '@weegwijzer/metrics';
import { NoSnapshotError } from '@weegwijzer/store';
import { describe, expect, it } from 'vitest';
import { ApiExceptionFilter, LIBRARY_ERROR_STATUS } from './api-exception.filter';
import { JsonLogger } from './json-logger';

/** Runs the filter on one exception; returns what the response got and what was logged. */
function answer(exception: unknown): { status: number; body: unknown; logged: string[] } {
  const logged: string[] = [];
  const filter = new ApiExceptionFilter(new JsonLogger('debug', (line) => logged.push(line)));
  const sent: { status: number; body: unknown } = { status: 0, body: undefined };
  const res = {
    headersSent: false,
    status(s: number) {
      sent.status = s;
      return this;
    },
    json(b: unknown) {
      sent.body = b;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ requestId: 'req-1' }), getResponse: () => res }) } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return { ...sent, logged };
}

describe('ApiExceptionFilter: library errors to HTTP statuses, one body shape', () => {
  it.each([
    ['MetricNotFoundError', new MetricNotFoundError('nope'), 404, 'Not Found', "Unknown metric 'nope'"],
    ['MetricForbiddenError', new MetricForbiddenError('metric x is for the inspectorate only'), 403, 'Forbidden', 'metric x is for the inspectorate only'],
    ['MetricParamError', new MetricParamError('sep', 'sep: expected , or ;'), 400, 'Bad Request', 'sep: expected , or ;'],
    // the store's message (data directory, ETL command) is replaced by one for an API caller
    ['NoSnapshotError', new NoSnapshotError('/srv/data'), 503, 'Service Unavailable', 'no data has been loaded yet: upload a batch first'],
  ])('%s → %i', (_name, error, status, statusText, message) => {
    const r = answer(error);
    expect(r.status).toBe(status);
    expect(r.body).toStrictEqual({ statusCode: status, message, error: statusText, requestId: 'req-1' });
    expect(r.logged).toEqual([]);
  });

  it('maps every error class the metrics library exports', () => {
    const exported = Object.values(metricsLib as Record<string, unknown>).filter((v) => typeof v === 'function' && v.prototype instanceof Error);
    expect(exported.length).toBeGreaterThan(0);
    for (const type of exported) expect(LIBRARY_ERROR_STATUS.map((m) => m.type)).toContain(type);
  });

  it('keeps an HttpException as thrown, in the same shape', () => {
    const r = answer(new BadRequestException('manifest.json is not valid JSON'));
    expect(r.status).toBe(400);
    expect(r.body).toStrictEqual({ statusCode: 400, message: 'manifest.json is not valid JSON', error: 'Bad Request', requestId: 'req-1' });
  });

  it('answers anything else 500 without detail, and logs it', () => {
    const r = answer(new Error('secret detail'));
    expect(r.status).toBe(500);
    expect(r.body).toStrictEqual({ statusCode: 500, message: 'Internal server error', error: 'Internal Server Error', requestId: 'req-1' });
    expect(r.logged.join('\n')).toMatch(/unhandled error.*req-1.*Error: secret detail/);
  });
});
