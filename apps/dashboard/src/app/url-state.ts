/**
 * The view and every filter live in the URL hash (`#/stroom?from=2024-01&to=2024-06&regions=VR13`,
 * a region page `#/regio/VR13`),
 * so a view can be bookmarked or shared and the browser's back button works. A hash keeps
 * deep links working behind any static file server.
 */

export const VIEW_IDS = [
  'overzicht',
  'regio',
  'aandacht',
  'stroom',
  'preweging',
  'criteria',
  'fenomenen',
  'integraliteit',
  'bereik',
  'register',
  'gegevens',
  'definities',
  'toegankelijkheid',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface Filters {
  /** First month of the period, `YYYY-MM` (the API releases whole months only). */
  from: string | null;
  /** Last month of the period, `YYYY-MM`. */
  to: string | null;
  regions: string[];
  phenomenon: string | null;
  receiving_party: string | null;
  source: string | null;
}

export const EMPTY_FILTERS: Filters = {
  from: null,
  to: null,
  regions: [],
  phenomenon: null,
  receiving_party: null,
  source: null,
};

export interface Location {
  view: ViewId;
  /** The region of a region page (`#/regio/VR13`). */
  region?: string | null;
  filters: Filters;
  /** View-specific choices (e.g. the map indicator), also shareable. */
  extra: Record<string, string>;
}

const FILTER_KEYS = ['from', 'to', 'regions', 'phenomenon', 'receiving_party', 'source'];
// A month, or a date whose month is taken (links written before periods became whole months).
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])(?:-\d{2})?$/;
const CODE = /^[a-z_]{1,40}$/;
const REGION = /^VR\d{2}$/;

export function parseHash(hash: string): Location {
  const h = hash.replace(/^#/, '');
  const [path, query = ''] = h.split('?', 2);
  const [name, sub = ''] = path.replace(/^\/+|\/+$/g, '').split('/', 2);
  const view = (VIEW_IDS as readonly string[]).includes(name) ? (name as ViewId) : 'overzicht';
  const q = new URLSearchParams(query);
  const date = (k: string) => {
    const m = MONTH.exec(q.get(k) ?? '');
    return m ? `${m[1]}-${m[2]}` : null;
  };
  const region = sub.toUpperCase();
  const code = (k: string) => {
    const v = q.get(k);
    return v && CODE.test(v) ? v : null;
  };
  const regions = (q.get('regions') ?? '')
    .split(',')
    .map((r) => r.trim().toUpperCase())
    .filter((r) => REGION.test(r));
  const extra: Record<string, string> = {};
  for (const [k, v] of q) if (!FILTER_KEYS.includes(k)) extra[k] = v;
  return {
    view,
    ...(view === 'regio' ? { region: REGION.test(region) ? region : null } : {}),
    filters: {
      from: date('from'),
      to: date('to'),
      regions: [...new Set(regions)].sort(),
      phenomenon: code('phenomenon'),
      receiving_party: code('receiving_party'),
      source: code('source'),
    },
    extra,
  };
}

export function formatHash(loc: Location): string {
  const q = new URLSearchParams();
  const f = loc.filters;
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.regions.length) q.set('regions', f.regions.join(','));
  if (f.phenomenon) q.set('phenomenon', f.phenomenon);
  if (f.receiving_party) q.set('receiving_party', f.receiving_party);
  if (f.source) q.set('source', f.source);
  for (const k of Object.keys(loc.extra).sort()) if (loc.extra[k] !== '') q.set(k, loc.extra[k]);
  const s = q.toString().replace(/%2C/g, ',');
  const path = loc.view === 'regio' && loc.region ? `regio/${loc.region}` : loc.view;
  return `#/${path}${s ? `?${s}` : ''}`;
}

/**
 * The metric query parameters for these filters. A `regio` caller never sends `regions`:
 * the API scopes them to their own region.
 */
export function filterParams(f: Filters, opts: { includeRegions: boolean }): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.from) p.from = monthStart(f.from);
  if (f.to) p.to = monthEnd(f.to);
  if (opts.includeRegions && f.regions.length) p.regions = f.regions.join(',');
  if (f.phenomenon) p.phenomenon = f.phenomenon;
  if (f.receiving_party) p.receiving_party = f.receiving_party;
  if (f.source) p.source = f.source;
  return p;
}

export function isPeriodValid(f: Filters): boolean {
  return !f.from || !f.to || f.from <= f.to;
}

/** `YYYY-MM` → its first day. Dates (not `YYYY-MM`) go to the API: both metric versions take them. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** `YYYY-MM` → its last day. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Months between two `YYYY-MM` (inclusive), counted. */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** `YYYY-MM` shifted by `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The period of the same length just before `from`..`to` (null without a closed period). */
export function previousPeriod(f: Pick<Filters, 'from' | 'to'>): { from: string; to: string } | null {
  if (!f.from || !f.to || f.from > f.to) return null;
  const n = monthCount(f.from, f.to);
  return { from: addMonths(f.from, -n), to: addMonths(f.from, -1) };
}
