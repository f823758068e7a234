/**
 * The shapes of the metrics library: definitions (data, STYLE.md "Metrics as code"),
 * requests and the self-describing response of METRICS.md ("API response shape").
 */
import type { QueryFn, Role, SqlParam } from '@weegwijzer/contract';

export type { QueryFn, Role, SqlParam };

/** The identity of a count cell in disclosure control (a number for table cells, a string for Sankey links). */
export type CellKey = string | number;
/** An additive relation between count cells: `[total, …parts]` or `{ plus, minus }` (Σ plus = Σ minus). */
export type Line = readonly CellKey[] | { readonly plus: readonly CellKey[]; readonly minus: readonly CellKey[] };

/** METRICS.md: how a client can tell a count from a share. */
export type ColumnKind = 'dimension' | 'count' | 'share' | 'ratio' | 'days' | 'rate_per_100k' | 'probability' | 'flag';
export const COLUMN_KINDS: readonly ColumnKind[] = ['dimension', 'count', 'share', 'ratio', 'days', 'rate_per_100k', 'probability', 'flag'];

export interface Label {
  nl: string;
  en: string;
}

export type CellValue = string | number | boolean | null;
export type Row = Record<string, CellValue>;

/** Makes a column appear only for one value of a metric parameter (e.g. `by=receiving_party`). */
export interface ColumnCondition {
  param: string;
  equals: string;
}

export interface MetricColumn {
  name: string;
  kind: ColumnKind;
  label: Label;
  when?: ColumnCondition;
  /** Dimension values in display order (code-list order); otherwise sorted as strings. */
  order?: readonly string[];
  /** Disclosure: the counts this value is computed from; suppressed when any of them is. */
  from?: readonly string[];
  /** Disclosure: the count of units this value rests on; suppressed when it is below k. */
  base?: string;
  /** Disclosure: a count whose national total row is the sum of the region rows (column lines). */
  additive?: boolean;
  /**
   * Disclosure: a count repeated from another cell (a region's total on each of its
   * phenomenon rows, last year's count beside this year's), so that suppressing one copy
   * suppresses all: returns the row and column of the cell it repeats.
   */
  sameAs?: (row: Row, ctx: MetricContext) => { row: Row; column: string } | null;
  /** regio: left out of the peer distribution (e.g. population: public, and it would identify regions). */
  noPeer?: boolean;
  /** Share-like value computed generically as numerator / denominator (null when 0/0 or x/0). */
  ratioOf?: readonly [string, string];
  /** Multiplier applied to `ratioOf` (100 000 for rates per 100k). */
  scale?: number;
}

/** A row line: `total` equals the sum of `parts` (all count columns of the same row). */
export interface LineSpec {
  total: string;
  parts: readonly string[];
}

export interface MetricParam {
  name: string;
  label: Label;
  values: readonly string[];
  default: string;
}

export type ScopeFilter = 'regions' | 'from' | 'to' | 'phenomenon' | 'receiving_party' | 'source';
export const SCOPE_FILTERS: readonly ScopeFilter[] = ['regions', 'from', 'to', 'phenomenon', 'receiving_party', 'source'];

/** A parameterised statement: `?` placeholders, values in order. */
export interface SqlStatement {
  text: string;
  params: SqlParam[];
}

export type DialectName = 'duckdb' | 'postgres';

/** Validated scope, as echoed in the response. */
export interface Scope {
  regions: string[];
  from?: string;
  to?: string;
  phenomenon?: string;
  receiving_party?: string;
  source?: string;
  /** regio only: how many other regions the peer distribution covers. */
  peer_regions?: number;
}

/** Everything a definition's sql/rows functions may read. */
export interface MetricContext {
  metric: string;
  role: Role;
  k: number;
  scope: Scope;
  /** Regions the SQL filters on; null = all regions (regio: all, for the peer distribution). */
  queryRegions: string[] | null;
  /** The caller's own region (regio). */
  ownRegion?: string;
  params: Record<string, string>;
  /** Whether the SQL adds national total rows (region_code NULL): not for regio. */
  totals: boolean;
  dialect: DialectName;
}

export interface Note {
  code: string;
  nl: string;
  en: string;
}

export interface LinksBuild {
  rows: Row[];
  /** Extra lines tying link cells to each other and to main-table cells. */
  lines: Line[];
  /** The cell key of a link row's value. */
  keyOf(row: Row): CellKey;
}

export interface MetricDefinition {
  name: string;
  label: Label;
  description: Label;
  /** What is counted: signals, assessments, persons. */
  unit: string;
  /** One row is ...: e.g. 'region', 'region × month × category'. */
  grain: string;
  /** Dimension columns besides `group` and `region_code`. */
  dimensions: readonly string[];
  filters: readonly ScopeFilter[];
  params: readonly MetricParam[];
  roles: readonly Role[];
  columns: readonly MetricColumn[];
  disclosure: {
    /** national total rows: 'additive' (= sum of regions, adds column lines) or 'non_additive'. */
    totals: 'additive' | 'non_additive';
    lines?: readonly LineSpec[];
    /** Row lines across rows: the total column equals the sum of `part` over rows differing only in `over`. */
    crossLines?: readonly { total: string; part: string; over: string }[];
    description: Label;
  };
  /**
   * 'sum': the national total rows are the sums of the region rows' counts, added by the
   * library (shares recomputed); otherwise the SQL or `rows` provides them.
   */
  totalRow?: 'sum';
  /** The statement(s) that fetch the raw aggregate rows. */
  sql(ctx: MetricContext): SqlStatement;
  /** Raw rows -> response rows (before disclosure): densify, pivot, statistics. */
  rows?(raw: Record<string, unknown>[], ctx: MetricContext): Row[];
  /** Extra lines over the built rows (e.g. reach: region = sum of its municipalities). */
  extraLines?(rows: Row[], ctx: MetricContext, keyOf: (row: Row, column: string) => CellKey): Line[];
  /** Rows a regio peer distribution is computed for (default: all). */
  peerRow?(row: Row): boolean;
  links?: {
    sql(ctx: MetricContext): SqlStatement;
    columns: readonly MetricColumn[];
    build(raw: Record<string, unknown>[], mainRows: Row[], ctx: MetricContext, keyOf: (row: Row, column: string) => CellKey): LinksBuild;
  };
  /** Extra top-level response fields (e.g. reach: population_year). */
  extra?(ctx: MetricContext): Record<string, unknown>;
  notes?(ctx: MetricContext, rows: Row[]): Note[];
}

export interface MetricRequest {
  role: Role;
  /** The caller's region (role regio). */
  region?: string;
  k?: number;
  scope: {
    regions?: string[];
    from?: string;
    to?: string;
    phenomenon?: string;
    receiving_party?: string;
    source?: string;
  };
  params?: Record<string, string>;
}

export interface ResponseColumn {
  name: string;
  kind: ColumnKind;
  label: Label;
}

export interface SuppressedCell {
  row: number;
  column: string;
  reason: string;
}

/** A table in response shape (the main result and `links`). */
export interface MetricTable {
  columns: ResponseColumn[];
  rows: Row[];
  suppressed: SuppressedCell[];
}

export interface MetricResponse extends MetricTable {
  metric: string;
  k: number;
  scope: Scope;
  params: Record<string, string>;
  notes: Note[];
  /** flow: the Sankey links source → receiving_party → path → final outcome. */
  links?: MetricTable;
  /** reach: the population year used. */
  population_year?: number;
  [extra: string]: unknown;
}
