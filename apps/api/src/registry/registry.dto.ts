import type * as Api from '@weegwijzer/api-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FRAMEWORKS, REGION_CODES } from '@weegwijzer/contract';
import { COVENANT_ADAPTATIONS, WEEGPLOEG_ORGANISATIONS, type CovenantAdaptation, type FrameworksByParty, type WeegploegOrganisation } from '@weegwijzer/store';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** GET /registry/boundaries: a TopoJSON Topology (https://github.com/topojson/topojson-specification). */
export const TOPOJSON_SCHEMA: SchemaObject = {
  type: 'object',
  title: 'Topology',
  required: ['type', 'objects', 'arcs'],
  properties: {
    type: { type: 'string', enum: ['Topology'] },
    bbox: { type: 'array', items: { type: 'number' } },
    transform: { type: 'object', additionalProperties: true },
    objects: {
      type: 'object',
      description: 'vr_features (safety regions), gm_features (municipalities), nl_features (the national outline); each geometry has properties.code',
      additionalProperties: { type: 'object', additionalProperties: true },
    },
    arcs: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'number' } } } },
  },
  additionalProperties: false,
};

const FRAMEWORK_CODES = `a contract framework code: ${FRAMEWORKS.join(', ')}`;

/** Framework codes (contract `framework`) in use per core party. */
export class FrameworksByPartyDto implements FrameworksByParty {
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', description: FRAMEWORK_CODES }, example: ['niet_pluis', 'ica'] })
  gemeente?: string[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', description: FRAMEWORK_CODES }, example: ['le_model'] })
  politie?: string[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', description: FRAMEWORK_CODES } })
  om?: string[];
}

/** A region with its registry profile. Every profile field may be null: unknown. */
export class RegionProfileDto implements Api.RegionProfile {
  @ApiProperty({ enum: REGION_CODES, enumName: 'RegionCode', example: 'VR13' })
  code!: string;

  @ApiProperty({ description: 'CBS name of the safety region', example: 'Amsterdam-Amstelland' })
  name!: string;

  @ApiProperty({ type: 'boolean', nullable: true, example: null })
  covenantSigned!: boolean | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date', example: '2019-03-01' })
  covenantStartDate!: string | null;

  @ApiProperty({ type: 'string', nullable: true, enum: COVENANT_ADAPTATIONS, example: null })
  covenantAdaptation!: CovenantAdaptation | null;

  @ApiProperty({ type: 'boolean', nullable: true, example: false })
  covenantPublishedStaatscourant!: boolean | null;

  @ApiProperty({ type: 'boolean', nullable: true, example: false })
  referenceFrameworkPublished!: boolean | null;

  @ApiProperty({ type: 'string', nullable: true, enum: WEEGPLOEG_ORGANISATIONS, example: 'regionaal' })
  weegploegOrganisation!: WeegploegOrganisation | null;

  @ApiProperty({ type: () => FrameworksByPartyDto, nullable: true })
  frameworks!: FrameworksByPartyDto | null;

  @ApiProperty({ type: 'integer', nullable: true, example: null })
  keyOfficials!: number | null;

  @ApiProperty({ type: 'number', nullable: true, example: 1.5 })
  capacityFte!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'where the profile facts come from', example: 'report §3.1.1' })
  sourceNote!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time', example: null })
  updatedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: null })
  updatedBy!: string | null;
}

/** One change of a region profile: who, when, and per field the old and new value. */
export class RegionProfileHistoryDto implements Api.RegionProfileHistory {
  @ApiProperty({ type: 'integer', example: 7 })
  id!: number;

  @ApiProperty({ enum: REGION_CODES, enumName: 'RegionCode', example: 'VR22' })
  regionCode!: string;

  @ApiProperty({ format: 'date-time', example: '2025-06-02T09:14:03.120Z' })
  changedAt!: string;

  @ApiProperty({ example: 'tok_0123456789ab:beheer' })
  changedBy!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['old', 'new'],
      properties: { old: { description: 'the value before (any JSON value; null = unknown)' }, new: { description: 'the value after' } },
    },
    description: 'per changed field: the old and the new value',
    example: { covenantSigned: { old: null, new: true } },
  })
  changes!: Record<string, { old: unknown; new: unknown }>;
}

export class PopulationDto {
  @ApiProperty({ type: 'integer', example: 2022 })
  year!: number;

  @ApiProperty({ type: 'integer', description: 'on 1 January (CBS)', example: 903399 })
  population!: number;
}

/** A municipality with its population per year. */
export class MunicipalityDto implements Api.Municipality {
  @ApiProperty({ example: 'GM0363' })
  code!: string;

  @ApiProperty({ example: 'Amsterdam' })
  name!: string;

  @ApiProperty({ enum: REGION_CODES, enumName: 'RegionCode', example: 'VR13' })
  regionCode!: string;

  @ApiProperty({ type: () => [PopulationDto] })
  populations!: PopulationDto[];
}

/**
 * PUT body: the profile fields to set. Omitted fields stay as they are; `null` clears a field
 * (back to unknown).
 */
export class UpdateRegionProfileDto implements Api.RegionProfileUpdate {
  @ApiPropertyOptional({ type: 'boolean', nullable: true })
  @IsOptional()
  @IsBoolean()
  covenantSigned?: boolean | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, format: 'date', example: '2019-03-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'covenantStartDate must be a date YYYY-MM-DD' })
  covenantStartDate?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, enum: COVENANT_ADAPTATIONS })
  @IsOptional()
  @IsIn(COVENANT_ADAPTATIONS)
  covenantAdaptation?: CovenantAdaptation | null;

  @ApiPropertyOptional({ type: 'boolean', nullable: true })
  @IsOptional()
  @IsBoolean()
  covenantPublishedStaatscourant?: boolean | null;

  @ApiPropertyOptional({ type: 'boolean', nullable: true })
  @IsOptional()
  @IsBoolean()
  referenceFrameworkPublished?: boolean | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, enum: WEEGPLOEG_ORGANISATIONS })
  @IsOptional()
  @IsIn(WEEGPLOEG_ORGANISATIONS)
  weegploegOrganisation?: WeegploegOrganisation | null;

  @ApiPropertyOptional({ type: () => FrameworksByPartyDto, nullable: true, description: 'framework codes per party: { gemeente?: [...], politie?: [...], om?: [...] }' })
  @IsOptional()
  @IsObject()
  frameworks?: FrameworksByParty | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  keyOfficials?: number | null;

  @ApiPropertyOptional({ type: 'number', nullable: true, minimum: 0, maximum: 9999 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(9999)
  capacityFte?: number | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  sourceNote?: string | null;
}
