/** Where a batch stands. `queued`: accepted by the API, waiting for the ingest queue. */
/** `interrupted`: the server stopped while the batch was being handled; upload it again. */
export type BatchStatusDto = 'queued' | 'validating' | 'loading' | 'loaded' | 'rejected' | 'failed' | 'interrupted';

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
