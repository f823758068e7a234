/**
 * Counts from a grouped result: the SQL groups the facts by region, the response's
 * dimensions and a few low-cardinality attributes (`count(*) AS n`); each count column is the
 * sum of n over the groups that meet its condition. Grouping once is several times faster in
 * DuckDB than one conditional aggregate per column over the same rows.
 */
import { num, strOrNull } from './columns';
import type { Row } from './types';

/**
 * Whether a group counts in a column. It reads only the group's attributes (its fields other
 * than region_code, bin, the dimensions and the count `n`): the dense route (cube.ts) asks it
 * once per combination of attribute values.
 */
export type GroupCondition = (g: Record<string, unknown>) => boolean;

export function sumGroups(raw: readonly Record<string, unknown>[], dims: readonly string[], counts: Readonly<Record<string, GroupCondition>>): Row[] {
  const names = Object.keys(counts);
  const conditions = names.map((n) => counts[n]);
  const rows = new Map<string, Row>();
  for (const g of raw) {
    let id = String(g.region_code);
    for (const d of dims) id += `|${g[d] ?? ''}`;
    let row = rows.get(id);
    if (!row) {
      row = { region_code: strOrNull(g.region_code) };
      for (const d of dims) row[d] = strOrNull(g[d]);
      for (const n of names) row[n] = 0;
      rows.set(id, row);
    }
    const n = num(g.n);
    for (let i = 0; i < names.length; i++) if (conditions[i](g)) row[names[i]] = (row[names[i]] as number) + n;
  }
  return [...rows.values()];
}
