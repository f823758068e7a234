/**
 * The shapes of the metrics library: definitions (data, STYLE.md "Metrics as code"),
 * requests and the self-describing response of METRICS.md ("API response shape").
 */
import type { QueryFn, Role, SqlParam } from '@weegwijzer/contract';
import type { BinUnit, BinZone } from './periods';

export type { QueryFn, Role, SqlParam };

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
  /** A count from public reference data (population): not perturbed, never hidden. */
  reference?: boolean;
  /** regio: left out of the peer distribution (e.g. population: public, and it would identify regions). */
  noPeer?: boolean;
  /** Share-like value computed generically as numerator / denominator (null when 0/0 or x/0). */
  ratioOf?: readonly [string, string];
  /** Multiplier applied to `ratioOf` (100 000 for rates per 100k). */
  scale?: number;
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
  /** Regions the SQL filters on; null = all regions (national totals and peers need them all). */
  queryRegions: string[] | null;
  /** The region rows to send (`regions=`); null = all. Totals are national whatever this is. */
  selectedRegions: string[] | null;
  /** The calendar bins of the period (disclosure rule 2) and the SQL expression giving a row's bin. */
  bins: readonly BinZone[];
  binSql: string;
  /** The caller's own region (regio). */
  ownRegion?: string;
  params: Record<string, string>;
  /** Whether the SQL adds national total rows (region_code NULL): not for regio. */
  totals: boolean;
  dialect: DialectName;
  /** Reference data the caller supplied (`MetricRequest.reference`), validated. */
  reference: MetricReference;
}

/**
 * Reference data from outside the analytic snapshot that a metric may use in `derive`
 * (e.g. FTE from the region registry, filled by the API): the library never reads the
 * operational store itself.
 */
export interface MetricReference {
  /** FTE per region code (null or absent: unknown). */
  fte?: Record<string, number | null>;
}

export interface Note {
  code: string;
  nl: string;
  en: string;
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
    /** How the metric's cells are protected, in words (catalogue, Definities). */
    description: Label;
  };
  /**
   * 'sum': the national total rows are the sums of the region rows' counts, added by the
   * library (shares recomputed); otherwise the SQL or `rows` provides them.
   */
  totalRow?: 'sum';
  /**
   * The statement that fetches the raw aggregate rows: grouped by the calendar bin
   * (`ctx.binSql AS bin`), each count `x` with its key sum `x__k` (sql.ts `countAll`,
   * `countIf`). Without a `bin` column the whole period is one cell (`reassessment`).
   * With `statsFirst` it receives the statsSql rows and may read only the months they select.
   */
  sql(ctx: MetricContext, stats?: Record<string, unknown>[]): SqlStatement;
  /**
   * Raw rows of one bin -> response rows: count columns as sums of the raw groups' counts
   * (run a second time over the key sums, it must give the cells' key sums).
   */
  rows?(raw: Record<string, unknown>[], ctx: MetricContext): Row[];
  /** false: counts are not additive over months (persons), so the whole period is one cell. */
  binned?: boolean;
  /** Reference inputs `derive` reads (`MetricRequest.reference`): the caller fills these. */
  references?: readonly (keyof MetricReference)[];
  /** The coarsest calendar bin (default year; a `grain` parameter overrides it). */
  largestBin?: BinUnit;
  /** Non-additive statistics over the whole period (percentiles), merged into the rows by their dimensions. */
  statsSql?(ctx: MetricContext): SqlStatement;
  /** The statistics rows (one per row identity) from the statsSql rows, when the statement returns something else (leadtime: day histograms). */
  statsRows?(raw: Record<string, unknown>[], ctx: MetricContext): Record<string, unknown>[];
  /**
   * Run statsSql before sql and pass its rows to sql (attention: the data's reach selects the
   * two quarters compared, so only their months are read). Without it the statements run in
   * parallel. Either way the response is the same: sql without stats reads every month.
   */
  statsFirst?: boolean;
  /** Which combinations of the code-list dimensions are rows at all (default: every one). */
  validRow?(row: Row): boolean;
  /** Rows added after the bins are combined (zero-filled months of a trend); replaces the default fill of every region × code combination. `stats` are the statsSql rows. */
  complete?(rows: Row[], ctx: MetricContext, stats?: Record<string, unknown>[]): Row[];
  /** Statistics from the released counts (rule 7), in place: shares, ratios, intervals, flags. */
  derive?(rows: Row[], ctx: MetricContext): void;
  /**
   * A faster route to the rows of a count metric (cube.ts `denseCounts`):
   * released, zero-filled and in the response's sort order, exactly as `rows` → per-bin
   * release → `complete` would give them (the metric's spec compares both routes). Undefined
   * for data it cannot place: the generic route then runs. Rows straight from `denseCounts`
   * are complete (every column in order, ratios computed); any others are completed as the
   * generic route's are. With `statsSql` the route gets its rows (`stats`, after `statsRows`)
   * and must use them as `complete` does: they are not attached to its rows by identity. A
   * metric without `rows`, `statsSql`,
   * `complete` and `validRow` whose dimensions are code lists takes `defaultDense` unless this
   * is `false` (always the generic route: the specs' second route).
   */
  dense?:
    | false
    | ((
        raw: Record<string, unknown>[],
        ctx: MetricContext,
        columns: readonly MetricColumn[],
        exactRegion: (region: string | null) => boolean,
        stats?: Record<string, unknown>[],
      ) => Row[] | undefined);
  /** Rows a regio peer distribution is computed for (default: all). */
  peerRow?(row: Row): boolean;
  links?: {
    sql(ctx: MetricContext): SqlStatement;
    columns: readonly MetricColumn[];
    /** Raw rows of one bin -> link rows (dimensions + count `value`). */
    build(raw: Record<string, unknown>[], ctx: MetricContext): Row[];
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
  /** Reference data supplied by the caller (the API fills FTE from the region registry). */
  reference?: MetricReference;
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
  /** `cell_key` (noise), `exact_own_region` (regio: own rows exact, peers from released values), `exact` (local --exact only). */
  protection: 'cell_key' | 'exact_own_region' | 'exact';
  /** Parts need not add up exactly to their totals (METRICS.md rule 6). */
  additivity: 'approximate' | 'exact';
  /** Version of the perturbation table. */
  ptable: string;
  notes: Note[];
  /** flow: the Sankey links source → receiving_party → path → final outcome. */
  links?: MetricTable;
  /** reach: the population year used. */
  population_year?: number;
  [extra: string]: unknown;
}
