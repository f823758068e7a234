/**
 * @weegwijzer/api-types: the types of everything the API sends and accepts, generated from its
 * OpenAPI document (./openapi.ts, `npm run api-types`). Types only: no runtime code, no Node
 * types. The dashboard reads these; the API's DTO classes implement them, so a decorator that
 * drifts from its property fails the API typecheck, and a change the dashboard cannot take
 * fails the dashboard typecheck.
 */
import type { components, operations, paths } from './openapi';

export type { components, operations, paths };

type Schemas = components['schemas'];

export type ApiError = Schemas['ApiErrorDto'];
export type Role = Schemas['Role'];
export type RegionCode = Schemas['RegionCode'];
export type Health = Schemas['HealthDto'];

export type Me = Schemas['MeDto'];
export type DemoSession = Schemas['DemoSessionDto'];

export type Label = Schemas['LabelDto'];
export type ColumnKind = Schemas['ColumnKind'];
export type ResponseColumn = Schemas['ResponseColumnDto'];
export type SuppressedCell = Schemas['SuppressedCellDto'];
export type Note = Schemas['NoteDto'];
export type MetricScope = Schemas['MetricScopeDto'];
export type MetricTable = Schemas['MetricTableDto'];
export type MetricRow = MetricTable['rows'][number];
export type CellValue = MetricRow[string];
export type MetricResponse = Schemas['MetricResponseDto'];
export type CatalogueEntry = Schemas['CatalogueEntryDto'];
export type CatalogueColumn = Schemas['CatalogueColumnDto'];
export type CatalogueParam = Schemas['CatalogueParamDto'];
export type CatalogueDisclosure = Schemas['CatalogueDisclosureDto'];
export type SameCells = Schemas['SameCellsDto'];
/** The metrics of the registry, by name. */
export type MetricName = operations['metricsRun']['parameters']['path']['name'];

export type Batch = Schemas['BatchDto'];
export type BatchStatus = Schemas['BatchStatus'];
export type BatchAccepted = Schemas['BatchAcceptedDto'];
export type ValidationReport = Schemas['ValidationReportDto'];
export type ValidationError = Schemas['ValidationErrorDto'];

export type RegionProfile = Schemas['RegionProfileDto'];
export type RegionProfileUpdate = Schemas['UpdateRegionProfileDto'];
export type RegionProfileHistory = Schemas['RegionProfileHistoryDto'];
export type FrameworksByParty = Schemas['FrameworksByPartyDto'];
export type Municipality = Schemas['MunicipalityDto'];
export type Population = Schemas['PopulationDto'];
export type Topology = operations['registryBoundaries']['responses'][200]['content']['application/json'];

export type AuditEntry = Schemas['AuditEntryDto'];
export type AuditPage = Schemas['AuditPage'];
