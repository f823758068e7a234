/**
 * The one request parser (STYLE.md: one place): a metric's raw query — strings as they come
 * from a URL or a command line — into a typed MetricRequest, checked against the metric's
 * declaration. Every problem is a MetricParamError naming the field; the API maps it to 400,
 * the CLI prints it. The deeper checks (codes, month bounds, role rules) are `resolveContext`'s,
 * which runMetric applies to the request this returns.
 */
import type { Role } from '@weegwijzer/contract';
import { MetricParamError } from './errors';
import { findMetric } from './registry';
import { SCOPE_FILTERS, type MetricRequest } from './types';

export interface MetricCaller {
  role: Role;
  region?: string;
  k?: number;
}

export interface ParsedMetricRequest {
  request: MetricRequest;
  /** Values of the `extraKeys` the caller allowed (e.g. the API's `format`, `sep`). */
  extra: Record<string, string>;
}

const shown = (v: string) => JSON.stringify(v.slice(0, 40));

function single(q: Record<string, unknown>, key: string): string | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new MetricParamError(key, `${key} may be given only once`);
  return v;
}

/**
 * @param query raw values: `regions=VR13,VR03`, `from`, `to`, filters, the metric's parameters
 * @param extraKeys keys the caller handles itself (output format), passed back in `extra`
 */
export function parseMetricRequest(name: string, query: Record<string, unknown>, caller: MetricCaller, extraKeys: readonly string[] = []): ParsedMetricRequest {
  const def = findMetric(name);
  const paramNames = def.params.map((p) => p.name);
  const allowed = new Set<string>([...def.filters, ...paramNames, ...extraKeys]);
  const unknown = Object.keys(query).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new MetricParamError(
      unknown[0],
      `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map(shown).join(', ')} for metric ${name}; allowed: ${[...allowed].join(', ')}`,
    );
  }
  const scope: MetricRequest['scope'] = {};
  const regions = single(query, 'regions');
  if (regions !== undefined) {
    const list = [
      ...new Set(
        regions
          .split(',')
          .map((x) => x.trim().toUpperCase())
          .filter((x) => x !== ''),
      ),
    ];
    if (list.length === 0) throw new MetricParamError('regions', 'regions is empty: give region codes, e.g. regions=VR13,VR03');
    scope.regions = list;
  }
  for (const key of SCOPE_FILTERS) {
    if (key === 'regions') continue;
    const v = single(query, key);
    if (v !== undefined) scope[key] = v;
  }
  const params: Record<string, string> = {};
  for (const p of paramNames) {
    const v = single(query, p);
    if (v !== undefined) params[p] = v;
  }
  const extra: Record<string, string> = {};
  for (const key of extraKeys) {
    const v = single(query, key);
    if (v !== undefined) extra[key] = v;
  }
  return { request: { role: caller.role, region: caller.region, k: caller.k, scope, params }, extra };
}
