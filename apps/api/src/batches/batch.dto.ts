import type * as Api from '@weegwijzer/api-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REGION_CODES } from '@weegwijzer/contract';
import { RULES, type RuleCode } from '@weegwijzer/etl';
import { IsIn, IsOptional } from 'class-validator';

/** Where a batch stands. `queued`: accepted by the API, waiting for the ingest queue. */
/** `interrupted`: the server stopped while the batch was being handled; upload it again. */
export const BATCH_STATUSES = ['queued', 'validating', 'loading', 'loaded', 'rejected', 'failed', 'interrupted'] as const;
export type BatchStatusDto = (typeof BATCH_STATUSES)[number];

/** One problem in a delivery: where and which rule — never the value. */
export class ValidationErrorDto implements Api.ValidationError {
  @ApiProperty({ description: 'manifest.json or the data file as named in the manifest', example: 'signals.csv' })
  file!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: '1-based data row (header excluded); null for file- or column-level errors', example: 12 })
  row!: number | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'signal_id' })
  column!: string | null;

  @ApiProperty({ enum: Object.keys(RULES), enumName: 'ValidationRule', description: 'the contract rule broken (docs/data-contract.md)', example: 'PII_BSN' })
  rule!: RuleCode;

  @ApiProperty({ description: 'the rule in words', example: RULES.PII_BSN.message })
  message!: string;

  @ApiPropertyOptional({ description: 'where or how much (line number, expected vs found count); never a data value' })
  detail?: string;
}

export class ReportPeriodDto {
  @ApiProperty({ format: 'date', example: '2025-01-01' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2025-06-30' })
  to!: string;
}

export class ReportBatchDto {
  @ApiProperty({ type: 'string', nullable: true, example: 'VR13' })
  region_code!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'VR13-2025-06' })
  batch_id!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: '2025-07-01T08:00:00Z' })
  produced_at!: string | null;

  @ApiProperty({ type: () => ReportPeriodDto, nullable: true })
  period!: ReportPeriodDto | null;
}

export class ReportCountsDto {
  @ApiProperty({ type: 'integer', nullable: true, example: 412 })
  signals!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 980 })
  assessments!: number | null;
}

/** The validation report of a delivery (what the ledger keeps of a rejected batch). */
export class ValidationReportDto implements Api.ValidationReport {
  @ApiProperty({ example: false })
  ok!: boolean;

  @ApiProperty({ enum: ['1'], example: '1' })
  contract_version!: '1';

  @ApiProperty({ type: () => ReportBatchDto })
  batch!: ReportBatchDto;

  @ApiProperty({ type: () => [ValidationErrorDto], description: 'the first errors (at most 100) in file, row, column order' })
  errors!: ValidationErrorDto[];

  @ApiProperty({ type: 'integer', description: 'all errors, listed or not', example: 1 })
  errorCount!: number;

  @ApiProperty({ description: 'more errors than listed', example: false })
  truncated!: boolean;

  @ApiProperty({ type: () => ReportCountsDto })
  counts!: ReportCountsDto;

  @ApiProperty({ format: 'date-time', example: '2025-07-01T08:01:12.000Z' })
  validated_at!: string;
}

export class BatchPeriodDto {
  @ApiProperty({ type: 'string', nullable: true, format: 'date', example: '2025-01-01' })
  from!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date', example: '2025-06-30' })
  to!: string | null;
}

/** A delivered batch and where it stands. */
export class BatchDto implements Api.Batch {
  @ApiProperty({ description: '`<region_code>/<batch_id>` (URL-encode the slash: VR13%2FVR13-2025-06)', example: 'VR13/VR13-2025-06' })
  id!: string;

  @ApiProperty({ enum: REGION_CODES, enumName: 'RegionCode', example: 'VR13' })
  region!: string;

  @ApiProperty({ example: 'VR13-2025-06' })
  batchId!: string;

  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus', example: 'loaded' })
  status!: BatchStatusDto;

  @ApiProperty({
    type: 'string',
    nullable: true,
    enum: ['loaded', 'already_loaded', 'rejected', 'failed'],
    description: 'outcome of the latest upload handled by this server run, if any',
    example: 'loaded',
  })
  lastOutcome!: 'loaded' | 'already_loaded' | 'rejected' | 'failed' | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time', example: '2025-07-01T08:00:00.000Z' })
  producedAt!: string | null;

  @ApiProperty({ type: () => BatchPeriodDto })
  period!: BatchPeriodDto;

  @ApiProperty({ type: 'integer', nullable: true, description: 'row count; for inspectie a count below k is null (disclosure control)', example: 412 })
  signalRows!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'row count; for inspectie a count below k is null (disclosure control)', example: 980 })
  assessmentRows!: number | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'tok_0123456789ab:VR13 upload' })
  submittedBy!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time', example: '2025-07-01T08:00:05.000Z' })
  createdAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, format: 'date-time', example: '2025-07-01T08:01:12.000Z' })
  updatedAt!: string | null;

  @ApiPropertyOptional({
    type: () => ValidationReportDto,
    nullable: true,
    description: 'validation report (file, row, column, rule — never a value); only on GET /batches/{id}',
  })
  report?: ValidationReportDto | null;

  @ApiPropertyOptional({ description: 'why the ingest failed (not a contract rejection), if it did' })
  error?: string;
}

/** The answer to an upload: queued for validation and loading. */
export class BatchAcceptedDto implements Api.BatchAccepted {
  @ApiProperty({ example: 'VR13/VR13-2025-06' })
  id!: string;

  @ApiProperty({ enum: REGION_CODES, enumName: 'RegionCode', example: 'VR13' })
  region!: string;

  @ApiProperty({ example: 'VR13-2025-06' })
  batchId!: string;

  @ApiProperty({ enum: ['queued'], example: 'queued' })
  status!: 'queued';

  @ApiProperty({ description: 'poll this for the status', example: '/api/v1/batches/VR13%2FVR13-2025-06' })
  location!: string;
}

/** `POST /batches?dry_run=1`: the delivery was checked, not loaded; nothing of it was kept. */
export class BatchCheckDto {
  @ApiProperty({ enum: [true], example: true })
  dryRun!: true;

  @ApiProperty({ enum: [false], description: 'always false: no ledger row, no batch files, no snapshot — only this response', example: false })
  stored!: false;

  @ApiProperty({ example: 'VR13' })
  region!: string;

  @ApiProperty({ example: 'VR13-2025-06' })
  batchId!: string;

  @ApiProperty({ type: () => ValidationReportDto, description: 'the validation report (file, row, column, rule — never a value)' })
  report!: ValidationReportDto;
}

export class BatchUploadQueryDto {
  @ApiPropertyOptional({ enum: ['0', '1', 'true', 'false'], description: '1 or true: check only; nothing is loaded or kept (200 with the report)' })
  @IsOptional()
  @IsIn(['0', '1', 'true', 'false'], { message: 'dry_run must be 1, true, 0 or false' })
  dry_run?: string;
}
