/**
 * A metric request's query string: the metrics library's one request parser
 * (`parseMetricRequest` + `resolveContext`, the same the CLI uses) for scope, filters and the
 * metric's parameters, plus what only the API has — the output format. Every problem is a
 * MetricParamError that names the parameter and what is allowed (a 400, by ApiExceptionFilter).
 */
import { findMetric, MetricParamError, parseMetricRequest, resolveContext, type MetricCaller, type MetricRequest } from '@weegwijzer/metrics';

export const FORMAT_KEYS = ['format', 'sep'] as const;
export const FORMATS = ['json', 'csv', 'arrow'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface ParsedMetricQuery {
  request: MetricRequest;
  format?: OutputFormat;
  sep: ',' | ';';
}

export function parseMetricQuery(metric: string, q: Record<string, unknown>, caller: MetricCaller): ParsedMetricQuery {
  const { request, extra } = parseMetricRequest(metric, q, caller, FORMAT_KEYS);
  // validated here, before the cache and the store are touched (runMetric checks it again)
  resolveContext(findMetric(metric), request);
  if (extra.format !== undefined && !(FORMATS as readonly string[]).includes(extra.format)) {
    throw new MetricParamError('format', `format: expected one of ${FORMATS.join(', ')}`);
  }
  if (extra.sep !== undefined && extra.sep !== ',' && extra.sep !== ';') throw new MetricParamError('sep', 'sep: expected , or ;');
  return { request, format: extra.format as OutputFormat | undefined, sep: (extra.sep ?? ',') as ',' | ';' };
}

/** `?format=` wins; otherwise the Accept header; JSON by default. */
export function negotiateFormat(explicit: OutputFormat | undefined, accept: string | undefined): OutputFormat {
  if (explicit) return explicit;
  const a = (accept ?? '').toLowerCase();
  if (a.includes('application/vnd.apache.arrow.stream')) return 'arrow';
  if (a.includes('text/csv')) return 'csv';
  return 'json';
}
