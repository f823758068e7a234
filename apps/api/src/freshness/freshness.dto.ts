import { ApiProperty } from '@nestjs/swagger';

/** How fresh the served data is (GET /v1/freshness). */
export class FreshnessDto {
  @ApiProperty({ type: 'string', nullable: true, format: 'date', description: 'Latest received_at of any signal in the served snapshot (YYYY-MM-DD)' })
  dataThrough!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date', description: 'Latest produced_at of a delivered batch in the snapshot (YYYY-MM-DD)' })
  lastDelivery!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'When the served snapshot was built (ISO timestamp)' })
  snapshotBuiltAt!: string | null;
}
