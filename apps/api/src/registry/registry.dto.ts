import { ApiPropertyOptional } from '@nestjs/swagger';
import { COVENANT_ADAPTATIONS, WEEGPLOEG_ORGANISATIONS, type CovenantAdaptation, type FrameworksByParty, type WeegploegOrganisation } from '@weegwijzer/store';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A region with its registry profile. Every profile field may be null: unknown. */
export interface RegionProfileDto {
  code: string;
  name: string;
  covenantSigned: boolean | null;
  covenantStartDate: string | null;
  covenantAdaptation: CovenantAdaptation | null;
  covenantPublishedStaatscourant: boolean | null;
  referenceFrameworkPublished: boolean | null;
  weegploegOrganisation: WeegploegOrganisation | null;
  frameworks: FrameworksByParty | null;
  keyOfficials: number | null;
  capacityFte: number | null;
  sourceNote: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface RegionProfileHistoryDto {
  id: number;
  regionCode: string;
  changedAt: string;
  changedBy: string;
  changes: Record<string, { old: unknown; new: unknown }>;
}

export interface MunicipalityDto {
  code: string;
  name: string;
  regionCode: string;
  populations: { year: number; population: number }[];
}

/**
 * PUT body: the profile fields to set. Omitted fields stay as they are; `null` clears a field
 * (back to unknown).
 */
export class UpdateRegionProfileDto {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean()
  covenantSigned?: boolean | null;

  @ApiPropertyOptional({ nullable: true, example: '2019-03-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'covenantStartDate must be a date YYYY-MM-DD' })
  covenantStartDate?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: COVENANT_ADAPTATIONS }) @IsOptional() @IsIn(COVENANT_ADAPTATIONS)
  covenantAdaptation?: CovenantAdaptation | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean()
  covenantPublishedStaatscourant?: boolean | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsBoolean()
  referenceFrameworkPublished?: boolean | null;

  @ApiPropertyOptional({ nullable: true, enum: WEEGPLOEG_ORGANISATIONS }) @IsOptional() @IsIn(WEEGPLOEG_ORGANISATIONS)
  weegploegOrganisation?: WeegploegOrganisation | null;

  @ApiPropertyOptional({ nullable: true, description: 'framework codes per party: { gemeente?: [...], politie?: [...], om?: [...] }' })
  @IsOptional()
  @IsObject()
  frameworks?: FrameworksByParty | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000)
  keyOfficials?: number | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(9999)
  capacityFte?: number | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000)
  sourceNote?: string | null;
}
