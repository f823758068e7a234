/** The additive lines of a result table, from its definition (see suppress.ts). */
import type { Line, MetricColumn, MetricContext, MetricDefinition, Row } from '../types';
import type { KeyOf } from './table';

const isTotal = (row: Row) => row.group === 'total';

function groupRows(rows: readonly Row[], dims: readonly string[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const row of rows) {
    const key = dims.map((d) => String(row[d] ?? '')).join('|');
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

export function buildLines(def: MetricDefinition, columns: readonly MetricColumn[], rows: readonly Row[], ctx: MetricContext, keyOf: KeyOf): Line[] {
  const active = new Set(columns.map((c) => c.name));
  const dims = columns.filter((c) => c.kind === 'dimension').map((c) => c.name);
  const lines: Line[] = [];

  for (const spec of def.disclosure.lines ?? []) {
    if (!active.has(spec.total) || spec.parts.some((p) => !active.has(p))) continue;
    for (const row of rows) lines.push([keyOf(row, spec.total), ...spec.parts.map((p) => keyOf(row, p))]);
  }

  for (const spec of def.disclosure.crossLines ?? []) {
    if (!active.has(spec.over)) continue;
    for (const group of groupRows(rows, dims.filter((d) => d !== spec.over)).values()) {
      lines.push([keyOf(group[0], spec.total), ...group.map((r) => keyOf(r, spec.part))]);
    }
  }

  if (ctx.totals && def.disclosure.totals === 'additive') {
    const additive = columns.filter((c) => c.kind === 'count' && c.additive);
    const byRest = groupRows(rows, dims.filter((d) => d !== 'group' && d !== 'region_code'));
    for (const group of byRest.values()) {
      const total = group.find(isTotal);
      if (!total) continue;
      const parts = group.filter((r) => !isTotal(r));
      for (const c of additive) lines.push([keyOf(total, c.name), ...parts.map((r) => keyOf(r, c.name))]);
    }
  }

  lines.push(...(def.extraLines?.(rows as Row[], ctx, keyOf) ?? []));

  // a line may name a repeated cell twice; suppressCounts takes each cell once
  const seen = new Set<string>();
  return lines.filter((l) => {
      // repeated lines come out in the same order (same rows, same grouping)
      const id = Array.isArray(l) ? (l as readonly unknown[]).join('\n') : JSON.stringify(l);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}
