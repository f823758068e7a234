/** The catalogue: JSON-safe metric descriptions for the API and the dashboard. */
import type { Role } from '@weegwijzer/contract';
import { GROUP_COLUMN, REGION_COLUMN } from './columns';
import { METRICS } from './registry';
import { DEFAULT_K, MIN_K } from './scope';
import type { ColumnCondition, ColumnKind, Label, MetricDefinition, ScopeFilter } from './types';

export interface CatalogueColumn {
  name: string;
  kind: ColumnKind;
  label: Label;
  /** Present only for this parameter value. */
  when?: ColumnCondition;
  /** Dimension values in display order, where fixed. */
  values?: string[];
  /** count: its national total row is the sum of the region rows. */
  additive?: boolean;
}

export interface CatalogueEntry {
  name: string;
  label: Label;
  description: Label;
  unit: string;
  grain: string;
  /** Dimension columns, always starting with `group` and `region_code`. */
  dimensions: string[];
  filters: ScopeFilter[];
  params: { name: string; label: Label; values: string[]; default: string }[];
  columns: CatalogueColumn[];
  roles: Role[];
  disclosure: {
    k_default: number;
    k_min: number;
    totals: 'additive' | 'non_additive';
    /** total = Σ parts within a row; with `over`: Σ of `parts[0]` over the rows that differ only in that dimension. */
    lines: { total: string; parts: string[]; over?: string }[];
    description: Label;
  };
  /** Extra top-level response fields this metric sends. */
  extras: string[];
}

export function catalogueEntry(def: MetricDefinition): CatalogueEntry {
  const columns = [GROUP_COLUMN, REGION_COLUMN, ...def.columns];
  return {
    name: def.name,
    label: def.label,
    description: def.description,
    unit: def.unit,
    grain: def.grain,
    dimensions: ['group', 'region_code', ...def.dimensions],
    filters: [...def.filters],
    params: def.params.map((p) => ({ name: p.name, label: p.label, values: [...p.values], default: p.default })),
    columns: columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      label: c.label,
      ...(c.when ? { when: c.when } : {}),
      ...(c.order && c.name !== 'region_code' ? { values: [...c.order] } : {}),
      ...(c.kind === 'count' ? { additive: Boolean(c.additive) } : {}),
    })),
    roles: [...def.roles],
    disclosure: {
      k_default: DEFAULT_K,
      k_min: MIN_K,
      totals: def.disclosure.totals,
      lines: [
        ...(def.disclosure.lines ?? []).map((l) => ({ total: l.total, parts: [...l.parts] })),
        ...(def.disclosure.crossLines ?? []).map((l) => ({ total: l.total, parts: [l.part], over: l.over })),
      ],
      description: def.disclosure.description,
    },
    extras: [...(def.links ? ['links'] : []), ...(def.extra ? ['population_year'] : [])],
  };
}

/** The metrics a role may request. */
export function catalogue(role: Role): CatalogueEntry[] {
  return METRICS.filter((m) => m.roles.includes(role)).map(catalogueEntry);
}
