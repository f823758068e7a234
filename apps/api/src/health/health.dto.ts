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
}
