/**
 * Parsing and validation of a metric request's query string: scope (regions, period),
 * filters (phenomenon, receiving_party, source), the metric's own parameters as the
 * catalogue declares them, and the output format. Every problem is a 400 that names the
 * parameter and what is allowed.
 */
import { BadRequestException } from '@nestjs/common';
import { PHENOMENA, RECEIVING_PARTIES, REGION_CODES, SOURCES } from '@weegwijzer/contract';
import { parseMonthBound } from '@weegwijzer/metrics';

export const FILTER_CODES: Record<'phenomenon' | 'receiving_party' | 'source', readonly string[]> = {
  phenomenon: PHENOMENA,
  receiving_party: RECEIVING_PARTIES,
  source: SOURCES,
};
export const FORMAT_KEYS = ['format', 'sep'] as const;
export const FORMATS = ['json', 'csv', 'arrow'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** What the catalogue says a metric accepts. */
export interface MetricAccepts {
  /** Scope keys and filters (`regions`, `from`, `to`, `phenomenon`, `receiving_party`, `source`). */
  filters: readonly string[];
  params: readonly { name: string; values: readonly string[] }[];
}

export interface ParsedMetricQuery {
  regions?: string[];
  from?: string;
  to?: string;
  filters: Partial<Record<keyof typeof FILTER_CODES, string>>;
  params: Record<string, string>;
  format?: OutputFormat;
  sep: ',' | ';';
}

type RawQuery = Record<string, unknown>;

function single(q: RawQuery, key: string): string | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new BadRequestException(`query parameter ${key} may be given only once`);
  return v;
}

/** A month bound (METRICS.md disclosure rule 2): the library's rule and message. */
function date(q: RawQuery, key: 'from' | 'to'): string | undefined {
  const v = single(q, key);
  if (v === undefined) return undefined;
  try {
    return parseMonthBound(key, v);
  } catch (e) {
    throw new BadRequestException(`query parameter ${(e as Error).message}`);
  }
}

const shown = (v: string) => JSON.stringify(v.slice(0, 40));

export function parseMetricQuery(metric: string, q: RawQuery, accepts: MetricAccepts): ParsedMetricQuery {
  const paramNames = accepts.params.map((p) => p.name);
  const allowed = new Set<string>([...accepts.filters, ...FORMAT_KEYS, ...paramNames]);
  const unknown = Object.keys(q).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new BadRequestException(
      `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map(shown).join(', ')} for metric ${metric}; allowed: ${[...allowed].join(', ')}`,
    );
  }
  const regionsRaw = single(q, 'regions');
  let regions: string[] | undefined;
  if (regionsRaw !== undefined) {
    regions = [...new Set(regionsRaw.split(',').map((x) => x.trim().toUpperCase()).filter((x) => x !== ''))];
    if (regions.length === 0) throw new BadRequestException('query parameter regions is empty: give region codes, e.g. regions=VR13,VR03');
    for (const r of regions) {
      if (!REGION_CODES.includes(r)) throw new BadRequestException(`query parameter regions: ${shown(r)} is not a region code VR01..VR25`);
    }
  }
  const from = date(q, 'from');
  const to = date(q, 'to');
  if (from && to && from > to) throw new BadRequestException(`query parameters from/to: from (${from}) is after to (${to})`);
  const filters: ParsedMetricQuery['filters'] = {};
  for (const key of Object.keys(FILTER_CODES) as (keyof typeof FILTER_CODES)[]) {
    const v = single(q, key);
    if (v === undefined) continue;
    if (!FILTER_CODES[key].includes(v)) throw new BadRequestException(`query parameter ${key}: ${shown(v)} is not one of ${FILTER_CODES[key].join(', ')}`);
    filters[key] = v;
  }
  const params: Record<string, string> = {};
  for (const p of accepts.params) {
    const v = single(q, p.name);
    if (v === undefined) continue;
    if (p.values.length > 0 && !p.values.includes(v)) {
      throw new BadRequestException(`query parameter ${p.name} of metric ${metric}: ${shown(v)} is not one of ${p.values.join(', ')}`);
    }
    params[p.name] = v;
  }
  const formatRaw = single(q, 'format');
  if (formatRaw !== undefined && !(FORMATS as readonly string[]).includes(formatRaw)) {
    throw new BadRequestException(`query parameter format: expected one of ${FORMATS.join(', ')}`);
  }
  const sepRaw = single(q, 'sep');
  if (sepRaw !== undefined && sepRaw !== ',' && sepRaw !== ';') throw new BadRequestException('query parameter sep: expected , or ;');
  return { regions, from, to, filters, params, format: formatRaw as OutputFormat | undefined, sep: (sepRaw ?? ',') as ',' | ';' };
}

/** `?format=` wins; otherwise the Accept header; JSON by default. */
export function negotiateFormat(explicit: OutputFormat | undefined, accept: string | undefined): OutputFormat {
  if (explicit) return explicit;
  const a = (accept ?? '').toLowerCase();
  if (a.includes('application/vnd.apache.arrow.stream')) return 'arrow';
  if (a.includes('text/csv')) return 'csv';
  return 'json';
}
