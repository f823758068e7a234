/**
 * The data directory layout (docs/ARCHITECTURE.md):
 *   batches/<region>/<batch_id>/   accepted batches, normalised Parquet + manifest
 *   snapshots/<id>.duckdb          immutable analytic snapshots
 *   record-keys/<secret id>/       per-batch record keys (a cache of the ETL; never backed up)
 *   current.json                   pointer to the served snapshot (replaced by rename)
 *   pglite/                        embedded operational store
 *   owner.lock, control.sock       the owning process and its control socket
 */
import { resolve } from 'node:path';

/** WEEGWIJZER_DATA_DIR, or ./data; always absolute. Read once at boot by each entry point. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const configured = env.WEEGWIJZER_DATA_DIR?.trim();
  return resolve(cwd, configured ? configured : 'data');
}

export interface DataDirLayout {
  root: string;
  batches: string;
  snapshots: string;
  pointer: string;
  /** Scratch space of the owner (DuckDB spill files, uploads); wiped at start. */
  tmp: string;
  ownerLock: string;
}

export function dataDirLayout(dataDir: string): DataDirLayout {
  const root = resolve(dataDir);
  return {
    root,
    batches: resolve(root, 'batches'),
    snapshots: resolve(root, 'snapshots'),
    pointer: resolve(root, 'current.json'),
    tmp: resolve(root, 'tmp'),
    ownerLock: resolve(root, 'owner.lock'),
  };
}
