/**
 * The API's response shapes as the dashboard reads them. Metric responses and the catalogue
 * are the published types of @weegwijzer/metrics (type-only imports, erased by Vite, so no
 * server code reaches the bundle); where the dashboard reads less, the type is derived here.
 */
import type {
  CatalogueEntry as PublishedCatalogueEntry,
  CellValue,
  ColumnKind,
  Label,
  MetricResponse,
  MetricTable as PublishedMetricTable,
  Note,
  ResponseColumn,
  Row,
  SuppressedCell,
} from '@weegwijzer/metrics';

export type { CellValue, ColumnKind, MetricResponse, Note };
export type LocalText = Label;
export type MetricRow = Row;
export type Suppression = SuppressedCell;
export type Role = PublishedCatalogueEntry['roles'][number];

/** A column as the table and CSV helpers read it: the label is optional (the name stands in). */
export type MetricColumn = Pick<ResponseColumn, 'name' | 'kind'> & Partial<Pick<ResponseColumn, 'label'>>;

/** A table in response shape (the main result, and `links` for the flow Sankey). */
export type MetricTable = Omit<PublishedMetricTable, 'columns'> & { columns: MetricColumn[] };

/** A catalogue entry; `filters` is compared with the query keys of the current view. */
export type CatalogueEntry = Omit<PublishedCatalogueEntry, 'filters'> & { filters: readonly string[] };

/*
 * The API's own DTOs (MeDto, DemoSessionDto, MunicipalityDto, ...) are declared in Nest
 * modules; importing them would pull the server into this DOM typecheck, so the shapes the
 * dashboard reads are declared here.
 */

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

/** GET /v1/registry/municipalities as read for names (the API also sends `populations`). */
export interface MunicipalityRef {
  code: string;
  name: string;
  regionCode: string;
}

/** A region's registry profile; fields are whatever the API returns, shown generically. */
export type RegionProfile = { code: string; name?: string } & Record<string, unknown>;

export type Batch = Record<string, unknown>;
