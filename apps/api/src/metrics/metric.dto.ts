/**
 * The metric response (METRICS.md "API response shape") and the catalogue, as documented
 * schemas. The shapes are those of @weegwijzer/metrics; metrics.controller.ts checks at compile
 * time that the library's types fit these, and the API tests validate every response.
 */
import type * as Api from '@weegwijzer/api-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { REGION_CODES, ROLES, type Role } from '@weegwijzer/contract';
import { COLUMN_KINDS, DEFAULT_K, MIN_K, type CatalogueEntry, type ColumnKind, type MetricResponse, type ScopeFilter } from '@weegwijzer/metrics';

const SCOPE_FILTERS: ScopeFilter[] = ['regions', 'from', 'to', 'phenomenon', 'receiving_party', 'source'];

export class LabelDto {
  @ApiProperty({ example: 'Signalen' })
  nl!: string;

  @ApiProperty({ example: 'Signals' })
  en!: string;
}

export class ResponseColumnDto implements Api.ResponseColumn {
  @ApiProperty({ example: 'signals' })
  name!: string;

  @ApiProperty({ enum: COLUMN_KINDS, enumName: 'ColumnKind', description: 'how to read the values: share is 0–1; a count is null, 0 or at least k', example: 'count' })
  kind!: ColumnKind;

  @ApiProperty({ type: () => LabelDto })
  label!: LabelDto;
}

export class SuppressedCellDto implements Api.SuppressedCell {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'index into rows', example: 3 })
  row!: number;

  @ApiProperty({ example: 'signals' })
  column!: string;

  @ApiProperty({ description: 'why the value is null, e.g. "count below k", "secondary suppression: would be derivable from a total"', example: 'count below k' })
  reason!: string;
}

export class NoteDto implements Api.Note {
  @ApiProperty({ example: 'peer_distribution' })
  code!: string;

  @ApiProperty({ example: 'Andere regio’s alleen als verdeling' })
  nl!: string;

  @ApiProperty({ example: 'Other regions only as a distribution' })
  en!: string;
}

/** The validated scope, echoed. */
export class MetricScopeDto implements Api.MetricScope {
  @ApiProperty({ enum: REGION_CODES, enumName: 'RegionCode', isArray: true, description: 'the regions asked for (empty: all)', example: ['VR13'] })
  regions!: string[];

  @ApiPropertyOptional({ format: 'date', example: '2024-01-01' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2024-12-31' })
  to?: string;

  @ApiPropertyOptional({ example: 'jihadisme' })
  phenomenon?: string;

  @ApiPropertyOptional({ example: 'gemeente' })
  receiving_party?: string;

  @ApiPropertyOptional({ example: 'politie' })
  source?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'regio only: how many other regions the peer distribution covers', example: 24 })
  peer_regions?: number;
}

/** An OpenAPI 3.1 (JSON Schema) type list, which Nest's 3.0 typings do not know. */
const CELL_VALUE = { type: ['string', 'number', 'boolean', 'null'] } as unknown as SchemaObject;

/** A table in response shape: the main result, and `links` for flow. */
export class MetricTableDto implements Api.MetricTable {
  @ApiProperty({ type: () => [ResponseColumnDto] })
  columns!: ResponseColumnDto[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: CELL_VALUE },
    description: 'one object per row, keyed by column name; a suppressed value is null and listed in suppressed',
    example: [{ group: 'region', region_code: 'VR13', signals: 412 }],
  })
  rows!: Record<string, string | number | boolean | null>[];

  @ApiProperty({ type: () => [SuppressedCellDto] })
  suppressed!: SuppressedCellDto[];
}

/** Every metric response (JSON): self-describing, after disclosure control. */
export class MetricResponseDto extends MetricTableDto implements Api.MetricResponse {
  @ApiProperty({ description: 'the metric name', example: 'flow' })
  metric!: string;

  @ApiProperty({ type: 'integer', minimum: MIN_K, description: 'the disclosure threshold applied', example: DEFAULT_K })
  k!: number;

  @ApiProperty({ type: () => MetricScopeDto })
  scope!: MetricScopeDto;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "the metric's parameters as applied (defaults filled in)", example: { by: 'source' } })
  params!: Record<string, string>;

  @ApiProperty({ type: () => [NoteDto] })
  notes!: NoteDto[];

  @ApiPropertyOptional({ type: () => MetricTableDto, description: 'flow: the Sankey links source → receiving_party → path → final outcome' })
  links?: MetricTableDto;

  @ApiPropertyOptional({ type: 'integer', description: 'reach: the population year used', example: 2022 })
  population_year?: number;

  @ApiProperty({
    enum: ['cell_key', 'exact_own_region', 'exact'],
    description:
      'how the counts are protected (METRICS.md disclosure control v2): cell_key (every count carries consistent cell-key noise), exact_own_region (regio: own rows exact, peer rows from released values); exact only from the local command line, never from the API',
    example: 'cell_key',
  })
  protection!: 'cell_key' | 'exact_own_region' | 'exact';

  @ApiProperty({
    enum: ['approximate', 'exact'],
    description: 'approximate: released counts need not add up exactly to their totals (each cell is protected on its own)',
    example: 'approximate',
  })
  additivity!: 'approximate' | 'exact';

  @ApiProperty({ description: 'version of the perturbation table the noise comes from', example: 'D2-V1-1' })
  ptable!: string;
}

export class ColumnConditionDto {
  @ApiProperty({ example: 'by' })
  param!: string;

  @ApiProperty({ example: 'receiving_party' })
  equals!: string;
}

export class CatalogueColumnDto implements Api.CatalogueColumn {
  @ApiProperty({ example: 'signals' })
  name!: string;

  @ApiProperty({ enum: COLUMN_KINDS, enumName: 'ColumnKind', example: 'count' })
  kind!: ColumnKind;

  @ApiProperty({ type: () => LabelDto })
  label!: LabelDto;

  @ApiPropertyOptional({ type: () => ColumnConditionDto, description: 'the column is present only for this parameter value' })
  when?: ColumnConditionDto;

  @ApiPropertyOptional({ type: [String], description: 'dimension values in display order, where fixed' })
  values?: string[];

  @ApiPropertyOptional({ description: 'count from public reference data (population): not perturbed' })
  reference?: boolean;
}

export class CatalogueParamDto implements Api.CatalogueParam {
  @ApiProperty({ example: 'by' })
  name!: string;

  @ApiProperty({ type: () => LabelDto })
  label!: LabelDto;

  @ApiProperty({ type: [String], description: 'the allowed values', example: ['source', 'receiving_party'] })
  values!: string[];

  @ApiProperty({ example: 'source' })
  default!: string;
}

export class CellRefDto {
  @ApiProperty({ example: 'flow' })
  metric!: string;

  @ApiProperty({ example: 'dropped' })
  column!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'parameters the cell depends on', example: { by: 'none' } })
  params?: Record<string, string>;
}

export class SameCellsDto {
  @ApiProperty({ type: () => CellRefDto })
  a!: CellRefDto;

  @ApiProperty({ type: () => CellRefDto })
  b!: CellRefDto;

  @ApiProperty({ example: 'dropped signals' })
  description!: string;
}

export class PtableDto {
  @ApiProperty({ example: 'D2-V1-1' })
  version!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  max_noise!: number;

  @ApiProperty({ example: 1 })
  variance!: number;
}

export class CatalogueDisclosureDto {
  @ApiProperty({ type: 'integer', example: DEFAULT_K })
  k_default!: number;

  @ApiProperty({ type: 'integer', example: MIN_K })
  k_min!: number;

  @ApiProperty({ enum: ['cell_key'], description: 'disclosure control v2: consistent cell-key noise', example: 'cell_key' })
  method!: 'cell_key';

  @ApiProperty({ type: () => PtableDto })
  ptable!: PtableDto;

  @ApiProperty({ enum: ['approximate'], description: 'parts need not add up exactly to their totals', example: 'approximate' })
  additivity!: 'approximate';

  @ApiProperty({ type: [String], description: 'the calendar bins a period is answered from (empty: the whole period is one cell)', example: ['year', 'quarter', 'month'] })
  time_bins!: string[];

  @ApiProperty({ type: () => [SameCellsDto], description: 'cells that count the same records as a cell of another metric (equal released values)' })
  same_cells!: SameCellsDto[];

  @ApiProperty({ type: () => LabelDto })
  description!: LabelDto;
}

/** One metric as the catalogue describes it. */
export class CatalogueEntryDto implements Api.CatalogueEntry {
  @ApiProperty({ example: 'flow' })
  name!: string;

  @ApiProperty({ type: () => LabelDto })
  label!: LabelDto;

  @ApiProperty({ type: () => LabelDto })
  description!: LabelDto;

  @ApiProperty({ description: 'what is counted', example: 'signals' })
  unit!: string;

  @ApiProperty({ description: 'one row is …', example: 'region' })
  grain!: string;

  @ApiProperty({ type: [String], description: 'dimension columns, starting with group and region_code', example: ['group', 'region_code'] })
  dimensions!: string[];

  @ApiProperty({ type: 'array', items: { type: 'string', enum: SCOPE_FILTERS }, description: 'the scope keys and filters the metric accepts', example: ['regions', 'from', 'to'] })
  filters!: ScopeFilter[];

  @ApiProperty({ type: () => [CatalogueParamDto] })
  params!: CatalogueParamDto[];

  @ApiProperty({ type: () => [CatalogueColumnDto] })
  columns!: CatalogueColumnDto[];

  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...ROLES] }, example: ['inspectie', 'nctv', 'regio', 'beheer'] })
  roles!: Role[];

  @ApiProperty({ type: () => CatalogueDisclosureDto })
  disclosure!: CatalogueDisclosureDto;

  @ApiProperty({ type: [String], description: 'extra top-level response fields this metric sends', example: [] })
  extras!: string[];
}

/** Compile time: what the metrics library returns fits the documented shapes, or this fails the API typecheck. */
type Fits<T extends U, U> = T;
export type LibraryShapesFit = [Fits<MetricResponse, Api.MetricResponse>, Fits<CatalogueEntry, Api.CatalogueEntry>];
