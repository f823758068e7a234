/**
 * `current.json`: the pointer to the served analytic snapshot. The ETL writes a new
 * snapshot file, then replaces this pointer atomically (write temp, fsync, rename, fsync
 * dir); readers follow it. The snapshot's batch list is the truth of what is loaded.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dataDirLayout } from './data-dir';

export interface SnapshotBatchRef {
  region_code: string;
  batch_id: string;
  produced_at: string;
  content_sha256: string;
  signals: number;
  assessments: number;
  /** Rewritten by a retention purge this many times (files under `<batch_id>~p<version>`); absent = as delivered. */
  version?: number;
}

/** The last retention purge, carried by the pointer it published (so the ledger can be settled after a crash). */
export interface RetentionMark {
  purge_id: string;
  /** The configured term, e.g. `5y`. */
  term: string;
  /** Signals received before this date (YYYY-MM-DD) are removed, with their assessments. */
  horizon: string;
  purged_at: string;
  removed: { region_code: string; signals: number; assessments: number }[];
}

export interface SnapshotPointer {
  format: 1;
  snapshot_id: string;
  /** Relative to the data dir: `snapshots/<id>.duckdb`. */
  file: string;
  built_at: string;
  schema_version: number;
  /** Fingerprint of the record-key secret the snapshot's keys were computed with. */
  record_key_id?: string;
  batches: SnapshotBatchRef[];
  signals: number;
  assessments: number;
  /** Kept on disk a while for readers that still have it open. */
  previous_snapshot_id: string | null;
  /** Incremental builds in a row that led to this snapshot (0 or absent: a full build; etl snapshot.builder.ts). */
  generation?: number;
  /** The last retention purge; later ingests carry it on. */
  retention?: RetentionMark;
}

export class SnapshotPointerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotPointerError';
  }
}

/** The current pointer, or null when nothing has been loaded yet. */
export function readSnapshotPointer(dataDir: string): SnapshotPointer | null {
  const file = dataDirLayout(dataDir).pointer;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SnapshotPointerError(`${file} is not valid JSON`);
  }
  const p = parsed as Partial<SnapshotPointer>;
  if (p.format !== 1 || typeof p.snapshot_id !== 'string' || typeof p.file !== 'string' || !Array.isArray(p.batches)) {
    throw new SnapshotPointerError(`${file} is not a snapshot pointer (format 1)`);
  }
  return p as SnapshotPointer;
}

/** Writes `content` to `file` so that readers see either the old or the new file, never a mix. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = join(dirname(file), `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDir(dirname(file));
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeSnapshotPointer(dataDir: string, pointer: SnapshotPointer): void {
  writeFileAtomic(dataDirLayout(dataDir).pointer, JSON.stringify(pointer, null, 2) + '\n');
}

export function snapshotFile(dataDir: string, snapshotId: string): string {
  return join(dataDirLayout(dataDir).snapshots, `${snapshotId}.duckdb`);
}
