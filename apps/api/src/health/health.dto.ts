import type * as Api from '@weegwijzer/api-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDuckdbDto {
  @ApiProperty({ example: true })
  ok!: boolean;

  @ApiProperty({ type: 'string', nullable: true, description: 'the served snapshot', example: '20250701T080112Z-3f2a' })
  snapshot!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time', example: '2025-07-01T08:01:12.000Z' })
  builtAt!: string | null;

  @ApiPropertyOptional({ example: 'no data loaded yet' })
  message?: string;
}

export class HealthStoreDto {
  @ApiProperty({ example: true })
  ok!: boolean;

  @ApiPropertyOptional({ description: 'why the store does not answer' })
  message?: string;
}

export class HealthRetentionDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'the configured retention term (WEEGWIJZER_RETENTION); null = records are kept', example: '5y' })
  term!: string | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'signals received before this date were purged: metrics for earlier months show "verwijderd (bewaartermijn)", not zero',
    example: '2021-01-01',
  })
  horizon!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'when the served data was last purged', example: '2026-01-05T03:00:00.000Z' })
  purgedAt!: string | null;
}

/** Liveness and whether the two stores answer. No counts: this route is public. */
export class HealthDto implements Api.Health {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ enum: [true], description: 'the process is up and answering', example: true })
  live!: true;

  @ApiProperty({ type: () => HealthDuckdbDto })
  duckdb!: HealthDuckdbDto;

  @ApiProperty({ type: () => HealthStoreDto, description: 'PGlite or PostgreSQL' })
  operationalStore!: HealthStoreDto;

  @ApiProperty({ type: () => HealthRetentionDto, description: 'the retention term and the purge horizon of the served data' })
  retention!: HealthRetentionDto;
}
