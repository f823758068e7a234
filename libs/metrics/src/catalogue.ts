/** The catalogue: JSON-safe metric descriptions for the API and the dashboard. */
import type { Role } from '@weegwijzer/contract';
import { GROUP_COLUMN, REGION_COLUMN } from './columns';
import { METRICS } from './registry';
import { DEFAULT_K, MIN_K } from './scope';
import { PTABLE } from './disclosure';
import { sameCellsOf, type SameCells } from './identities';
import type { ColumnCondition, ColumnKind, Label, MetricContext, MetricDefinition, ScopeFilter } from './types';

/** A context for asking a definition which extra response fields it sends. */
const EXTRA_PROBE = { params: {}, scope: { regions: [] } } as unknown as MetricContext;

export interface CatalogueColumn {
  name: string;
  kind: ColumnKind;
  label: Label;
  /** Present only for this parameter value. */
  when?: ColumnCondition;
  /** Dimension values in display order, where fixed. */
  values?: string[];
  /** count from public reference data (population): not perturbed. */
  reference?: boolean;
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
    /** Disclosure control v2 (METRICS.md): consistent cell-key noise. */
    method: 'cell_key';
    ptable: { version: string; max_noise: number; variance: number };
    /** Parts need not add up exactly to their totals. */
    additivity: 'approximate';
    /** The calendar bins a period is answered from (empty: the whole period is one cell). */
    time_bins: string[];
    /** Cells of this metric that count the same records as a cell of another metric (equal released values). */
    same_cells: SameCells[];
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
      ...(c.reference ? { reference: true } : {}),
    })),
    roles: [...def.roles],
    disclosure: {
      k_default: DEFAULT_K,
      k_min: MIN_K,
      method: 'cell_key',
      ptable: { version: PTABLE.version, max_noise: PTABLE.D, variance: PTABLE.V },
      additivity: 'approximate',
      time_bins: def.binned === false ? [] : (['year', 'quarter', 'month'] as const).slice(['year', 'quarter', 'month'].indexOf(def.largestBin ?? 'year')),
      same_cells: sameCellsOf(def.name),
      description: def.disclosure.description,
    },
    extras: [...(def.links ? ['links'] : []), ...Object.keys(def.extra?.(EXTRA_PROBE) ?? {})],
  };
}

/** The metrics a role may request. */
export function catalogue(role: Role): CatalogueEntry[] {
  return METRICS.filter((m) => m.roles.includes(role)).map(catalogueEntry);
}
