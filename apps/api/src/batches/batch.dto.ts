import { IsIn, IsOptional } from 'class-validator';

/** Where a batch stands. `queued`: accepted by the API, waiting for the ingest queue. */
export type BatchStatusDto = 'queued' | 'validating' | 'loading' | 'loaded' | 'rejected' | 'failed';

export interface BatchDto {
  /** `<region_code>/<batch_id>` (URL-encode the slash: VR13%2FVR13-2025-06). */
  id: string;
  region: string;
  batchId: string;
  status: BatchStatusDto;
  /** Outcome of the latest upload handled by this server run, if any. */
  lastOutcome: 'loaded' | 'already_loaded' | 'rejected' | 'failed' | null;
  producedAt: string | null;
  period: { from: string | null; to: string | null };
  /** Row counts; for inspectie a count below k is shown as null (disclosure control). */
  signalRows: number | null;
  assessmentRows: number | null;
  submittedBy: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** Validation report (file, row, column, rule — never a value); only on GET /batches/:id. */
  report?: unknown;
  /** Why the ingest failed (not a contract rejection), if it did. */
  error?: string;
}

export interface BatchAcceptedDto {
  id: string;
  region: string;
  batchId: string;
  status: 'queued';
  /** Poll this for the status. */
  location: string;
}

/** `POST /batches?dry_run=1`: the delivery was checked, not loaded; nothing of it was kept. */
export interface BatchCheckDto {
  dryRun: true;
  /** Always false: no ledger row, no batch files, no snapshot — only this response. */
  stored: false;
  region: string;
  batchId: string;
  /** Validation report (file, row, column, rule — never a value). */
  report: unknown;
}

export class BatchUploadQueryDto {
  /** `1`/`true`: check only (see BatchCheckDto). */
  @IsOptional()
  @IsIn(['0', '1', 'true', 'false'], { message: 'dry_run must be 1, true, 0 or false' })
  dry_run?: string;
}
