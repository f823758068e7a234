import type * as Api from '@weegwijzer/api-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@weegwijzer/contract';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'part of who (token id or name, or "anonymous")', maxLength: 160 })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  who?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: string;

  @ApiPropertyOptional({ description: 'route pattern, e.g. /api/v1/metrics/:name', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  route?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 100, maximum: 599, description: 'HTTP status' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(599)
  status?: number;

  @ApiPropertyOptional({ description: 'from this time (ISO 8601), inclusive', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'up to this time (ISO 8601), exclusive', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0, description: 'entries to skip' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  offset?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'entries per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** One request in the audit log: who, what route, which scope parameters, the status. Never a token or a value. */
export class AuditEntryDto implements Api.AuditEntry {
  @ApiProperty({ type: 'integer', example: 1042 })
  id!: number;

  @ApiProperty({ format: 'date-time', example: '2025-06-02T09:14:03.120Z' })
  at!: string;

  @ApiProperty({ description: '<token id>:<token name>, oidc:<subject>:<subject>, or "anonymous"', example: 'tok_0123456789ab:Inspecteur Jansen' })
  who!: string;

  @ApiProperty({ type: 'string', nullable: true, description: `the caller's role (${ROLES.join(', ')}); null when anonymous`, example: 'inspectie' })
  role!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'the region of a regio caller', example: null })
  region!: string | null;

  @ApiProperty({ example: 'GET' })
  method!: string;

  @ApiProperty({ description: 'the route pattern', example: '/api/v1/metrics/:name' })
  route!: string;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'route parameters and scope query parameters (never a response value)',
    example: { name: 'flow', regions: 'VR13' },
  })
  params!: Record<string, unknown> | null;

  @ApiProperty({ type: 'integer', example: 200 })
  status!: number;

  @ApiProperty({ type: 'integer', example: 12 })
  durationMs!: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'the request id (X-Request-Id; also in the log line and in error bodies)',
    example: '6f1c2b0e-8a4e-4c43-9d0a-2f9b2d1e7c55',
  })
  requestId!: string | null;
}

/** A page of the audit log, newest first. */
export class AuditPage implements Api.AuditPage {
  @ApiProperty({ type: 'integer', description: 'entries matching the filter', example: 1 })
  total!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  offset!: number;

  @ApiProperty({ type: 'integer', example: 100 })
  limit!: number;

  @ApiProperty({ type: () => [AuditEntryDto] })
  entries!: AuditEntryDto[];
}
