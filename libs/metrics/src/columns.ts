/** Column constructors shared by the metric definitions. */
import { REGION_CODES, ROLES, type Role } from '@weegwijzer/contract';
import type { MetricColumn, Row } from './types';
import { SCOPE_FILTERS } from './types';

export const ALL_ROLES: readonly Role[] = ROLES;
/** Metrics that link records about one person: the inspectorate only (METRICS.md §7, BRIEF.md). */
export const SUBJECT_LINKING_ROLES: readonly Role[] = ['inspectie'];
export const ALL_FILTERS = SCOPE_FILTERS;

export const GROUP_ORDER = ['region', 'total', 'own', 'peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max'] as const;

/** `group`: whose data a row holds — a named region, all regions in scope, or (regio) own / peer statistic. */
export const GROUP_COLUMN: MetricColumn = { name: 'group', kind: 'dimension', label: { nl: 'Groep', en: 'Group' }, order: GROUP_ORDER };
export const REGION_COLUMN: MetricColumn = { name: 'region_code', kind: 'dimension', label: { nl: 'Regio', en: 'Region' }, order: REGION_CODES };

type Extra = Partial<Omit<MetricColumn, 'name' | 'kind' | 'label'>>;

export function dim(name: string, nl: string, en: string, extra: Extra = {}): MetricColumn {
  return { name, kind: 'dimension', label: { nl, en }, ...extra };
}

/** A count cell (disclosure control v2: cell-key noise, values 1..k−1 hidden). */
export function count(name: string, nl: string, en: string, extra: Extra = {}): MetricColumn {
  return { name, kind: 'count', label: { nl, en }, ...extra };
}

/** numerator / denominator, both count columns of the same row. */
export function share(name: string, nl: string, en: string, numerator: string, denominator: string, extra: Extra = {}): MetricColumn {
  return { name, kind: 'share', label: { nl, en }, ratioOf: [numerator, denominator], from: [numerator, denominator], base: denominator, ...extra };
}

export function days(name: string, nl: string, en: string, base: string): MetricColumn {
  return { name, kind: 'days', label: { nl, en }, base };
}

/** A raw number from the database: bigint / numeric string -> number. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (v === null || v === undefined) return 0;
  throw new Error(`not a number: ${String(v)}`);
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

export function strOrNull(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Every column null, in column order: a row copied from it starts with its final shape (setting each field of an empty object by name cost a change of shape per field). */
export function rowTemplate(columns: readonly MetricColumn[]): Row {
  const t: Row = {};
  for (const c of columns) t[c.name] = null;
  return t;
}

/**
 * A ratio column's value from its released operands: numerator / denominator × scale, null
 * without a positive denominator or a numeric numerator; a share stays in 0..1 (two released
 * counts of one unit can cross by their noise: 7 of 5).
 */
export function ratioValue(c: MetricColumn, numerator: unknown, den: unknown): number | null {
  const v = typeof den === 'number' && den > 0 && typeof numerator === 'number' ? (numerator / den) * (c.scale ?? 1) : null;
  return v !== null && c.kind === 'share' ? Math.min(1, Math.max(0, v)) : v;
}
