/**
 * The API's response shapes as the dashboard reads them: all from @weegwijzer/api-types, which
 * is generated from the API's OpenAPI document (type-only imports, erased by Vite). Where the
 * dashboard reads less than the API sends, the type is derived here with Pick/Omit; no shape is
 * written out by hand.
 */
import type * as Api from '@weegwijzer/api-types';

export type { Batch, CellValue, ColumnKind, DemoSession, MetricResponse, Note, RegionProfile, Role } from '@weegwijzer/api-types';
export type LocalText = Api.Label;
export type MetricRow = Api.MetricRow;
export type Suppression = Api.SuppressedCell;
/** One problem in a batch's validation report. */
export type ReportError = Api.ValidationError;
/** One change of a region profile (GET /v1/registry/regions/{code}/history). */
export type HistoryEntry = Api.RegionProfileHistory;

/** A column as the table and CSV helpers read it: the label is optional (the name stands in). */
export type MetricColumn = Pick<Api.ResponseColumn, 'name' | 'kind'> & Partial<Pick<Api.ResponseColumn, 'label'>>;

/** A table in response shape (the main result, and `links` for the flow Sankey). */
export type MetricTable = Omit<Api.MetricTable, 'columns'> & { columns: MetricColumn[] };

/** A catalogue entry; `filters` is compared with the query keys of the current view. */
export type CatalogueEntry = Omit<Api.CatalogueEntry, 'filters'> & { filters: readonly string[] };

/** GET /v1/me as the session keeps it. */
export type Me = Pick<Api.Me, 'role' | 'region' | 'dataFileExtensions'> & Partial<Pick<Api.Me, 'name'>>;

/** A region as the filters and labels use it. */
export type RegionRef = Pick<Api.RegionProfile, 'code' | 'name'>;

/** GET /v1/registry/municipalities as read for names (the API also sends `populations`). */
export type MunicipalityRef = Pick<Api.Municipality, 'code' | 'name' | 'regionCode'>;
