/**
 * Sorting and ranking a table on screen: region rows are sorted and ranked; the national
 * total and a regio caller's peer statistics stay on top, unranked. A value not shown ("< 5")
 * sorts last and has no rank.
 */
import type { MetricRow } from '../api/types';
import type { TableCell, TableModel } from './table';

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

/** Rows that are not one region: the total and the peer statistics. */
export function isPinned(source: MetricRow | undefined): boolean {
  if (!source) return false;
  const g = source.group;
  return g === 'total' || (typeof g === 'string' && g.startsWith('peer_')) || (g === undefined && 'region_code' in source && source.region_code === null);
}

function sortValue(cell: TableCell | undefined): number | string | null {
  if (!cell || cell.suppression) return null;
  if (typeof cell.raw === 'number') return cell.raw;
  if (typeof cell.raw === 'boolean') return cell.raw ? 1 : 0;
  return cell.text === '–' ? null : cell.text;
}

export interface SortedRow {
  index: number;
  rank: number | null;
}

/** The display order of the rows (indices into `model.rows`) and each one's rank. */
export function sortRows(model: TableModel, sort: SortState | null, locale: string): SortedRow[] {
  const all = model.rows.map((_, i) => i);
  if (!sort) return all.map((index) => ({ index, rank: null }));
  const col = model.columns.findIndex((c) => c.key === sort.key);
  if (col < 0) return all.map((index) => ({ index, rank: null }));
  const pinned = all.filter((i) => isPinned(model.source[i]));
  const free = all.filter((i) => !isPinned(model.source[i]));
  const numeric = model.columns[col].kind !== 'dimension';
  const collator = new Intl.Collator(locale, { numeric: true });
  const sign = sort.dir === 'asc' ? 1 : -1;
  free.sort((a, b) => {
    const va = sortValue(model.rows[a][col]);
    const vb = sortValue(model.rows[b][col]);
    if (va === null || vb === null) return va === vb ? a - b : va === null ? 1 : -1;
    const d = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return d === 0 ? a - b : sign * d;
  });
  // Standard competition ranking (1, 2, 2, 4) over the shown values, for numeric columns.
  const ranked: SortedRow[] = [];
  let prev: number | string | null = null;
  let prevRank = 0;
  free.forEach((index, pos) => {
    const v = sortValue(model.rows[index][col]);
    let rank: number | null = null;
    if (numeric && v !== null) {
      rank = v === prev ? prevRank : pos + 1;
      prev = v;
      prevRank = rank;
    }
    ranked.push({ index, rank });
  });
  return [...pinned.map((index) => ({ index, rank: null })), ...ranked];
}
