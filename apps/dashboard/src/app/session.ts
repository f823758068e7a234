/** Loads who the user is and what they may see: the start of every signed-in session. */
import { apiGet } from '../api/client';
import type { CatalogueEntry, Me, MetricResponse, RegionRef, Role } from '../api/types';
import { provisionalFrom, type Freshness } from '../lib/freshness';

export interface Session {
  me: Me;
  catalogue: CatalogueEntry[];
  regions: RegionRef[];
  freshness: Freshness;
}

const ROLES: Role[] = ['inspectie', 'nctv', 'regio', 'beheer'];

export function normaliseMe(raw: unknown): Me {
  const r = (raw ?? {}) as Record<string, unknown>;
  const role = String(r.role ?? '') as Role;
  if (!ROLES.includes(role)) throw new Error(`unknown role "${String(r.role)}"`);
  const region = (r.region ?? r.region_code ?? r.regionCode ?? null) as string | null;
  const name = typeof r.name === 'string' ? r.name : typeof r.label === 'string' ? r.label : undefined;
  const dataFileExtensions = Array.isArray(r.dataFileExtensions) ? r.dataFileExtensions.filter((e): e is string => typeof e === 'string' && /^\.[a-z0-9]+$/.test(e)) : [];
  return { role, region, name, dataFileExtensions };
}

function listOf<T>(raw: unknown, key: string): T[] {
  if (Array.isArray(raw)) return raw as T[];
  const inner = (raw as Record<string, unknown> | null)?.[key];
  return Array.isArray(inner) ? (inner as T[]) : [];
}

export function normaliseCatalogue(raw: unknown): CatalogueEntry[] {
  return listOf<CatalogueEntry>(raw, 'metrics').filter((m) => typeof m?.name === 'string');
}

export function normaliseRegions(raw: unknown): RegionRef[] {
  return listOf<Record<string, unknown>>(raw, 'regions')
    .map((r) => ({ code: String(r.code ?? r.region_code ?? r.regionCode ?? ''), name: String(r.name ?? r.region_name ?? r.code ?? '') }))
    .filter((r) => /^VR\d{2}$/.test(r.code));
}

const dateOf = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);

/**
 * The freshness line's dates (GET /v1/freshness) and the released 90th-percentile days from
 * receipt to decision (national, or the own region for a regio caller) that marks recent
 * periods as provisional. Without either the dashboard still works, without the marking.
 */
async function loadFreshness(catalogue: CatalogueEntry[]): Promise<Freshness> {
  const dates = await apiGet<Record<string, unknown>>('/v1/freshness').catch(() => ({}) as Record<string, unknown>);
  let p90: number | null = null;
  if (catalogue.some((m) => m.name === 'leadtime')) {
    const lt = await apiGet<MetricResponse>('/v1/metrics/leadtime').catch(() => null);
    const row = lt?.rows.find((r) => r.group === 'total' || r.group === 'own');
    const v = row?.p90_days_to_decision ?? row?.p90_days_to_first_wp;
    p90 = typeof v === 'number' ? v : null;
  }
  const dataThrough = dateOf(dates.dataThrough);
  return { dataThrough, lastDelivery: dateOf(dates.lastDelivery), p90Days: p90, provisionalFrom: provisionalFrom(dataThrough, p90), purgedBefore: dateOf(dates.purgedBefore) };
}

export async function loadSession(): Promise<Session> {
  const [me, catalogue, regions] = await Promise.all([
    apiGet<unknown>('/v1/me').then(normaliseMe),
    apiGet<unknown>('/v1/metrics').then(normaliseCatalogue),
    // Names only decorate codes; without the registry the dashboard still works on codes.
    apiGet<unknown>('/v1/registry/regions').then(normaliseRegions, () => [] as RegionRef[]),
  ]);
  // A region sees only its own name; other regions exist for it only as a distribution.
  const visible = me.role === 'regio' ? regions.filter((r) => r.code === me.region) : regions;
  return { me, catalogue, regions: visible, freshness: await loadFreshness(catalogue) };
}
