/** Validation of a metric request against the catalogue, and the role rules. */
import { PHENOMENA, RECEIVING_PARTIES, REGION_CODES, ROLES, SOURCES, type Role } from '@weegwijzer/contract';
import { MetricForbiddenError, MetricParamError } from './errors';
import { binExpression, binZones, monthIndex, parseMonthBound, type BinUnit } from './periods';
import type { DialectName, MetricContext, MetricDefinition, MetricReference, MetricRequest, Scope, ScopeFilter } from './types';

export const DEFAULT_K = 5;
export const MIN_K = 3;
export const MAX_K = 1000;

const CODE_FILTERS: Record<'phenomenon' | 'receiving_party' | 'source', readonly string[]> = {
  phenomenon: PHENOMENA,
  receiving_party: RECEIVING_PARTIES,
  source: SOURCES,
};

export function resolveK(k: unknown): number {
  if (k === undefined || k === null) return DEFAULT_K;
  if (typeof k !== 'number' || !Number.isInteger(k)) throw new MetricParamError('k', `k must be a whole number, got '${String(k)}'`);
  if (k < MIN_K) throw new MetricParamError('k', `k must be at least ${MIN_K} (METRICS.md), got ${k}`);
  if (k > MAX_K) throw new MetricParamError('k', `k must be at most ${MAX_K}, got ${k}`);
  return k;
}

/** Checks the caller may see the metric at all (role rules). */
export function assertRoleMayRun(def: MetricDefinition, role: Role): void {
  if (!(ROLES as readonly string[]).includes(role)) throw new MetricForbiddenError(`unknown role '${String(role)}'`);
  if (!def.roles.includes(role)) {
    throw new MetricForbiddenError(
      `metric '${def.name}' is not available to role '${role}'` +
        (def.roles.length === 1 && def.roles[0] === 'inspectie' ? ': it links records about the same person and is for the inspectorate only' : ''),
    );
  }
}

/** Validates a request and builds the context the definition's SQL is generated from. */
export function resolveContext(def: MetricDefinition, request: MetricRequest, dialect: DialectName = 'duckdb'): MetricContext {
  if (!request || typeof request !== 'object') throw new MetricParamError('request', 'a metric request is required');
  const role = request.role;
  assertRoleMayRun(def, role);
  const k = resolveK(request.k);
  const input = request.scope ?? {};

  for (const key of Object.keys(input) as ScopeFilter[]) {
    const value = input[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    if (!(['regions', 'from', 'to', 'phenomenon', 'receiving_party', 'source'] as string[]).includes(key)) {
      throw new MetricParamError(key, `unknown scope field '${key}' (allowed: regions, from, to, phenomenon, receiving_party, source)`);
    }
    if (!def.filters.includes(key)) {
      throw new MetricParamError(key, `filter '${key}' does not apply to metric '${def.name}' (its filters: ${def.filters.join(', ')})`);
    }
  }

  let regions: string[] | undefined;
  if (input.regions !== undefined && input.regions !== null) {
    if (!Array.isArray(input.regions)) throw new MetricParamError('regions', 'regions must be a list of region codes');
    for (const r of input.regions) {
      if (!REGION_CODES.includes(r)) throw new MetricParamError('regions', `unknown region code '${String(r)}' in regions (expected VR01..VR25)`);
    }
    regions = [...new Set(input.regions)].sort();
    if (regions.length === 0) regions = undefined;
  }

  const scope: Scope = { regions: regions ?? [...REGION_CODES] };
  if (input.from !== undefined && input.from !== null) scope.from = parseMonthBound('from', input.from);
  if (input.to !== undefined && input.to !== null) scope.to = parseMonthBound('to', input.to);
  if (scope.from && scope.to && scope.from > scope.to) throw new MetricParamError('from', `'from' (${scope.from}) is after 'to' (${scope.to})`);
  for (const f of ['phenomenon', 'receiving_party', 'source'] as const) {
    const v = input[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' || !CODE_FILTERS[f].includes(v)) {
      throw new MetricParamError(f, `unknown ${f} '${String(v)}' (allowed: ${CODE_FILTERS[f].join(', ')})`);
    }
    scope[f] = v;
  }

  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.params ?? {})) {
    const p = def.params.find((x) => x.name === key);
    if (!p) {
      const allowed = def.params.map((x) => x.name);
      throw new MetricParamError(
        `params.${key}`,
        `unknown parameter '${key}' for metric '${def.name}'` + (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it takes none)'),
      );
    }
    if (typeof value !== 'string' || !p.values.includes(value)) {
      throw new MetricParamError(`params.${key}`, `parameter '${key}' of metric '${def.name}' must be one of ${p.values.join(', ')}, got '${String(value)}'`);
    }
    params[key] = value;
  }
  for (const p of def.params) params[p.name] ??= p.default;

  // calendar bins no coarser than the trend's grain, so each bin falls in one output period
  const largest: BinUnit = (params.grain as BinUnit | undefined) ?? def.largestBin ?? 'year';
  const bins = binZones(scope.from ? monthIndex(scope.from) : null, scope.to ? monthIndex(scope.to) : null, largest);
  const binSql = binExpression(bins, dialect);
  const reference = resolveReference(request.reference);
  const base = { metric: def.name, role, k, params, dialect, bins, binSql, queryRegions: null, reference };

  if (role === 'regio') {
    const own = request.region;
    if (typeof own !== 'string' || !REGION_CODES.includes(own)) throw new MetricForbiddenError("role regio needs the caller's own region (VR01..VR25)");
    if (regions && (regions.length !== 1 || regions[0] !== own)) {
      throw new MetricForbiddenError(`role regio may only request its own region (${own}); other regions appear only as an anonymous peer distribution`);
    }
    scope.regions = [own];
    // all regions are computed (for the peer distribution); only the own region leaves by name
    return { ...base, scope, selectedRegions: [own], ownRegion: own, totals: false };
  }
  // rule 1: cells are per region or national; `regions=` only selects which region rows are sent
  return { ...base, scope, selectedRegions: regions ?? null, totals: true };
}

/** Reference data from the caller: FTE per known region code, a finite number >= 0 or null. */
export function resolveReference(input: unknown): MetricReference {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new MetricParamError('reference', 'reference must be an object');
  const out: MetricReference = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key !== 'fte') throw new MetricParamError(`reference.${key}`, `unknown reference field '${key}' (allowed: fte)`);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new MetricParamError('reference.fte', 'reference.fte must map region codes to FTE');
    const fte: Record<string, number | null> = {};
    for (const [region, v] of Object.entries(value as Record<string, unknown>)) {
      if (!REGION_CODES.includes(region)) throw new MetricParamError('reference.fte', `unknown region code '${region}' in reference.fte`);
      if (v === null || v === undefined) fte[region] = null;
      else if (typeof v === 'number' && Number.isFinite(v) && v >= 0) fte[region] = v;
      else throw new MetricParamError(`reference.fte.${region}`, `FTE of ${region} must be a number >= 0 or null, got '${String(v)}'`);
    }
    out.fte = fte;
  }
  return out;
}
