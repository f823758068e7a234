import { ApiProperty } from '@nestjs/swagger';

/** How fresh the served data is (GET /v1/freshness): dates only, no counts. */
export class FreshnessDto {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'the last day of the latest month with a signal received (a month, not a record’s day: periods are whole months), YYYY-MM-DD',
    example: '2025-12-31',
  })
  dataThrough!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'latest produced_at of a delivered batch in the snapshot, YYYY-MM-DD', example: '2026-01-05' })
  lastDelivery!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'when the served snapshot was built (ISO timestamp)', example: '2026-01-05T10:00:00.000Z' })
  snapshotBuiltAt!: string | null;
}
