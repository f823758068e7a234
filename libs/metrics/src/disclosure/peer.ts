/**
 * The `regio` view: the caller's own region in full (disclosed) detail, every other region
 * only as an anonymous distribution — minimum, quartiles, maximum — over at least three
 * regions, computed from those regions' disclosed values (never from hidden ones).
 */
import type { MetricColumn, Note, Row } from '../types';
import { percentileInterpolated, percentileNearestRank } from '../stats';
import { REASON } from './reasons';
import { CellMap } from '../cells';

/** A row with the reason for each of its hidden values. */
export interface DisclosedRow {
  values: Row;
  reasons: Record<string, string>;
}

export const PEER_GROUPS = [
  ['peer_min', 0],
  ['peer_q1', 0.25],
  ['peer_median', 0.5],
  ['peer_q3', 0.75],
  ['peer_max', 1],
] as const;
export const MIN_PEER_REGIONS = 3;

export interface PeerResult {
  rows: DisclosedRow[];
  peerRegions: number;
  notes: Note[];
}

/**
 * @param rows disclosed per-region rows of every region (no total rows)
 * @param peerRow which rows get a peer distribution (e.g. not municipality rows)
 */
export function peerView(rows: readonly DisclosedRow[], columns: readonly MetricColumn[], ownRegion: string, peerRow: (row: Row) => boolean = () => true): PeerResult {
  const own = rows.filter((r) => r.values.region_code === ownRegion).map((r) => ({ values: { ...r.values, group: 'own' }, reasons: r.reasons }));
  const others = rows.filter((r) => r.values.region_code !== ownRegion && r.values.region_code !== null);
  const peerRegions = [...new Set(others.map((r) => r.values.region_code as string))];
  if (peerRegions.length < MIN_PEER_REGIONS) {
    return {
      rows: own,
      peerRegions: peerRegions.length,
      notes: [
        {
          code: 'peer_regions_below_minimum',
          nl: `Geen vergelijking met andere regio's: daarvoor zijn minstens ${MIN_PEER_REGIONS} andere regio's met gegevens nodig, er zijn er ${peerRegions.length}.`,
          en: `No peer distribution: it needs at least ${MIN_PEER_REGIONS} other regions with data, there are ${peerRegions.length}.`,
        },
      ],
    };
  }

  const dims = columns.filter((c) => c.kind === 'dimension' && c.name !== 'group' && c.name !== 'region_code').map((c) => c.name);
  const measures = columns.filter((c) => c.kind !== 'dimension');
  const groups = new CellMap<{ dimValues: Row; byRegion: Map<string, DisclosedRow> }>(dims);
  for (const r of others) {
    if (!peerRow(r.values)) continue;
    const g = groups.getOrSet(r.values, () => {
      const dimValues: Row = {};
      for (const d of dims) dimValues[d] = r.values[d] ?? null;
      return { dimValues, byRegion: new Map<string, DisclosedRow>() };
    });
    g.byRegion.set(r.values.region_code as string, r);
  }

  const out: DisclosedRow[] = [...own];
  for (const g of groups.values()) {
    // the five peer rows of this cell; each measure's peer values are collected once
    const peerRows = PEER_GROUPS.map(([group]) => ({ values: { group, region_code: null, ...g.dimValues } as Row, reasons: {} as Record<string, string> }));
    for (const c of measures) {
      if (c.kind === 'flag' || c.noPeer) {
        // a flag has no distribution; population would identify regions: undefined, not hidden
        for (const r of peerRows) r.values[c.name] = null;
        continue;
      }
      const xs: number[] = [];
      let hidden = 0;
      for (const region of peerRegions) {
        const r = g.byRegion.get(region);
        // a region without a row here has a count of zero (nothing in scope), other values are undefined
        const v = r ? r.values[c.name] : c.kind === 'count' ? 0 : null;
        if (typeof v === 'number') xs.push(v);
        else if (r?.reasons[c.name]) hidden++;
      }
      if (xs.length < MIN_PEER_REGIONS) {
        for (const r of peerRows) {
          r.values[c.name] = null;
          // not defined for any peer (e.g. no expected value for this phenomenon): nothing hidden
          if (xs.length + hidden > 0) r.reasons[c.name] = REASON.fewerPeers;
        }
        continue;
      }
      xs.sort((x, y) => x - y);
      // counts: an observed value (so still 0 or >= k); the rest: interpolated
      PEER_GROUPS.forEach(([, q], i) => {
        peerRows[i].values[c.name] = c.kind === 'count' ? percentileNearestRank(xs, q) : percentileInterpolated(xs, q);
      });
    }
    out.push(...peerRows);
  }
  return { rows: out, peerRegions: peerRegions.length, notes: [] };
}
