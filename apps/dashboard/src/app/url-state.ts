/**
 * The view and every filter live in the URL hash (`#/stroom?from=2024-01-01&regions=VR13`),
 * so a view can be bookmarked or shared and the browser's back button works. A hash keeps
 * deep links working behind any static file server.
 */

export const VIEW_IDS = [
  'overzicht',
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
  from: string | null;
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
  filters: Filters;
  /** View-specific choices (e.g. the map indicator), also shareable. */
  extra: Record<string, string>;
}

const FILTER_KEYS = ['from', 'to', 'regions', 'phenomenon', 'receiving_party', 'source'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z_]{1,40}$/;
const REGION = /^VR\d{2}$/;

export function parseHash(hash: string): Location {
  const h = hash.replace(/^#/, '');
  const [path, query = ''] = h.split('?', 2);
  const name = path.replace(/^\/+|\/+$/g, '');
  const view = (VIEW_IDS as readonly string[]).includes(name) ? (name as ViewId) : 'overzicht';
  const q = new URLSearchParams(query);
  const date = (k: string) => {
    const v = q.get(k);
    return v && DATE.test(v) ? v : null;
  };
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
  return `#/${loc.view}${s ? `?${s}` : ''}`;
}

/**
 * The metric query parameters for these filters. A `regio` caller never sends `regions`:
 * the API scopes them to their own region.
 */
export function filterParams(f: Filters, opts: { includeRegions: boolean }): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.from) p.from = f.from;
  if (f.to) p.to = f.to;
  if (opts.includeRegions && f.regions.length) p.regions = f.regions.join(',');
  if (f.phenomenon) p.phenomenon = f.phenomenon;
  if (f.receiving_party) p.receiving_party = f.receiving_party;
  if (f.source) p.source = f.source;
  return p;
}

export function isPeriodValid(f: Filters): boolean {
  return !f.from || !f.to || f.from <= f.to;
}
