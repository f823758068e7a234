import { ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@weegwijzer/contract';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'part of who (token id or name, or "anonymous")' })
  @IsOptional() @IsString() @MaxLength(160)
  who?: string;

  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES)
  role?: string;

  @ApiPropertyOptional({ description: 'route pattern, e.g. /api/v1/metrics/:name' })
  @IsOptional() @IsString() @MaxLength(200)
  route?: string;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(599)
  status?: number;

  @ApiPropertyOptional({ description: 'from this time (ISO 8601), inclusive' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'up to this time (ISO 8601), exclusive' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 0, maximum: 1_000_000_000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000_000)
  offset?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}
