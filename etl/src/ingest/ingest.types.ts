import type { ValidationReport } from '../validate/report';

export type BatchOutcome = 'loaded' | 'already_loaded' | 'rejected' | 'failed';

export interface BatchResult {
  /** The batch folder as given. */
  dir: string;
  region_code: string | null;
  batch_id: string | null;
  outcome: BatchOutcome;
  /** One line for people (no data values). */
  message: string;
  /** The validation report (null for already_loaded). */
  report: ValidationReport | null;
}

export interface IngestResult {
  batches: BatchResult[];
  /** The snapshot now served, when this run published one. */
  snapshot: { id: string; signals: number; assessments: number; batches: number } | null;
  durationMs: number;
}

export type IngestPhase = 'queued' | 'validate' | 'write' | 'snapshot' | 'done';

export interface IngestProgress {
  phase: IngestPhase;
  /** 1-based index of the batch being handled and the number of batches in this run. */
  index: number;
  total: number;
  /** `<region>/<batch_id>` or the folder name while the manifest is unknown. */
  batch?: string;
  message: string;
}

export interface IngestOptions {
  /** Token name or `cli`, recorded in the ledger. */
  submittedBy?: string;
  /** Only accept batches of this region (a region's own upload). */
  allowedRegion?: string;
  onProgress?: (p: IngestProgress) => void;
}
