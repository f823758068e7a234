/** Loads who the user is and what they may see: the start of every signed-in session. */
import { apiGet } from '../api/client';
import type { CatalogueEntry, Me, RegionRef, Role } from '../api/types';

export interface Session {
  me: Me;
  catalogue: CatalogueEntry[];
  regions: RegionRef[];
}

const ROLES: Role[] = ['inspectie', 'nctv', 'regio', 'beheer'];

export function normaliseMe(raw: unknown): Me {
  const r = (raw ?? {}) as Record<string, unknown>;
  const role = String(r.role ?? '') as Role;
  if (!ROLES.includes(role)) throw new Error(`unknown role "${String(r.role)}"`);
  const region = (r.region ?? r.region_code ?? r.regionCode ?? null) as string | null;
  const name = typeof r.name === 'string' ? r.name : typeof r.label === 'string' ? r.label : undefined;
  return { role, region, name };
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

export async function loadSession(): Promise<Session> {
  const [me, catalogue, regions] = await Promise.all([
    apiGet<unknown>('/v1/me').then(normaliseMe),
    apiGet<unknown>('/v1/metrics').then(normaliseCatalogue),
    // Names only decorate codes; without the registry the dashboard still works on codes.
    apiGet<unknown>('/v1/registry/regions').then(normaliseRegions, () => [] as RegionRef[]),
  ]);
  // A region sees only its own name; other regions exist for it only as a distribution.
  const visible = me.role === 'regio' ? regions.filter((r) => r.code === me.region) : regions;
  return { me, catalogue, regions: visible };
}
