/**
 * The API's response shapes as the dashboard reads them (METRICS.md "API response shape",
 * the routes of the team brief). Declared here rather than imported so the browser bundle
 * never pulls in server code; fields the dashboard does not need are left out.
 */

export type Role = 'inspectie' | 'nctv' | 'regio' | 'beheer';

export type ColumnKind =
  | 'dimension'
  | 'count'
  | 'share'
  | 'ratio'
  | 'days'
  | 'rate_per_100k'
  | 'probability'
  | 'flag';

export interface LocalText {
  nl: string;
  en: string;
}

export interface MetricColumn {
  name: string;
  kind: ColumnKind;
  label?: LocalText | string;
}

export type CellValue = string | number | boolean | null;
export type MetricRow = Record<string, CellValue>;

export interface Suppression {
  row: number;
  column: string;
  reason: string;
}

/** A table in response shape: the main result, and `links` for the flow Sankey. */
export interface MetricTable {
  columns: MetricColumn[];
  rows: MetricRow[];
  suppressed: Suppression[];
}

export interface Note {
  code?: string;
  nl: string;
  en: string;
}

export interface MetricResponse extends MetricTable {
  metric: string;
  k: number;
  scope: {
    regions?: string[];
    from?: string | null;
    to?: string | null;
    peer_regions?: number;
    [key: string]: unknown;
  };
  params?: Record<string, string>;
  notes?: Note[];
  population_year?: number;
  links?: MetricTable;
  [extra: string]: unknown;
}

export interface MetricParam {
  name: string;
  label?: LocalText;
  values: string[];
  default: string;
}

export interface CatalogueEntry {
  name: string;
  label: LocalText;
  description?: string | LocalText;
  unit?: string;
  grain?: string | string[];
  columns?: MetricColumn[];
  params?: MetricParam[];
  /** The scope filters the metric accepts (`regions`, `from`, `to`, `phenomenon`, ...). */
  filters?: string[];
  dimensions?: string[];
  roles?: Role[];
  [key: string]: unknown;
}

export interface Me {
  role: Role;
  region: string | null;
  name?: string;
}

export interface DemoSession {
  role: Role;
  region: string | null;
  label: string;
  token: string;
}

export interface RegionRef {
  code: string;
  name: string;
}

export interface MunicipalityRef {
  code: string;
  name: string;
  regionCode: string;
  population?: number | null;
}

/** A region's registry profile; fields are whatever the API returns, shown generically. */
export type RegionProfile = { code: string; name?: string } & Record<string, unknown>;

export type Batch = Record<string, unknown>;
