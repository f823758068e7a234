/**
 * The per-batch record-key cache (disclosure control v2). Computing HMAC-SHA256 record keys
 * in DuckDB costs ~10 µs a row, and every ingest rebuilds the snapshot from all batches, so
 * the keys of a batch are computed once — on the first build that needs them — into
 *
 *   record-keys/<secret id>/<region>/<batch_id>.<kind>.<inode>-<size>-<mtime>.parquet
 *
 * (of the batch's Parquet file: a batch rewritten, e.g. by a purge, or restored from a backup
 * gets new keys files) and joined by every later build; a row the keys file lacks gets its
 * key computed in the build. A rotated secret has another id and
 * therefore another folder. The files hold ids and keys, never sent out; they are a cache
 * (not backed up: with WEEGWIJZER_KEY_FILE the keys would give away the noise), and
 * `pruneRecordKeys` removes the files of batches and secrets no longer in use.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { dataDirLayout, type SnapshotBatchRef } from '@weegwijzer/store';
import { quoteLiteral } from '../validate/sql';
import { BatchStore } from './batch-store';

export const RECORD_KEYS_DIR = 'record-keys';
type Kind = 'signals' | 'assessments';

function keysRoot(dataDir: string): string {
  return join(dataDirLayout(dataDir).root, RECORD_KEYS_DIR);
}

/** The keys file of one batch's Parquet file under one secret. */
export function recordKeysFile(dataDir: string, secretId: string, batch: Pick<SnapshotBatchRef, 'region_code' | 'batch_id' | 'version'>, kind: Kind): string {
  const source = new BatchStore(dataDir).parquetOf(batch.region_code, batch.batch_id, kind, batch.version);
  const st = statSync(source);
  return join(keysRoot(dataDir), secretId, batch.region_code, `${batch.batch_id}.${kind}.${st.ino}-${st.size}-${Math.floor(st.mtimeMs)}.parquet`);
}

/** The key columns of each kind, computed with the `record_key` macro (which must exist on `conn`). */
const KEY_SELECT: Record<Kind, string> = {
  signals: `region_code, signal_id,
    record_key('signal', region_code, signal_id) AS rk,
    CASE WHEN subject_pseudonym IS NOT NULL THEN record_key('person', region_code, subject_pseudonym) END AS subject_rk,
    CASE WHEN subject_pseudonym IS NOT NULL THEN record_key('person', '', subject_pseudonym) END AS subject_nrk`,
  assessments: `region_code, assessment_id, record_key('assessment', region_code, assessment_id) AS rk`,
};

/**
 * Makes sure every batch has its keys files under `secretId`; computes the missing ones
 * (written to a temporary name, fsynced, renamed). Returns the files by batch, in order.
 */
export async function ensureRecordKeys(
  conn: DuckDBConnection,
  dataDir: string,
  secretId: string,
  batches: readonly SnapshotBatchRef[],
  onStep?: (step: string) => void,
): Promise<Record<Kind, string[]>> {
  const store = new BatchStore(dataDir);
  const out: Record<Kind, string[]> = { signals: [], assessments: [] };
  for (const b of batches) {
    for (const kind of ['signals', 'assessments'] as const) {
      const file = recordKeysFile(dataDir, secretId, b, kind);
      if (!existsSync(file)) {
        onStep?.(`record keys of ${b.region_code}/${b.batch_id} (${kind})`);
        mkdirSync(join(keysRoot(dataDir), secretId, b.region_code), { recursive: true });
        const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
        try {
          await conn.run(`COPY (SELECT ${quoteLiteral(b.batch_id)} AS batch_id, ${KEY_SELECT[kind]}
            FROM read_parquet(${quoteLiteral(store.parquetOf(b.region_code, b.batch_id, kind, b.version))}))
            TO ${quoteLiteral(tmp)} (FORMAT parquet)`);
          const fd = openSync(tmp, 'r');
          try {
            fsyncSync(fd);
          } finally {
            closeSync(fd);
          }
          renameSync(tmp, file);
        } finally {
          rmSync(tmp, { force: true });
        }
      }
      out[kind].push(file);
    }
  }
  return out;
}

/** Removes keys files of other secrets, of batches not in `batches`, and leftovers. */
export function pruneRecordKeys(dataDir: string, secretId: string, batches: readonly SnapshotBatchRef[]): void {
  const root = keysRoot(dataDir);
  if (!existsSync(root)) return;
  const keep = new Set<string>();
  for (const b of batches) {
    for (const kind of ['signals', 'assessments'] as const) {
      try {
        keep.add(recordKeysFile(dataDir, secretId, b, kind));
      } catch {
        // The batch's Parquet file is gone: nothing to keep.
      }
    }
  }
  for (const id of readdirSync(root)) {
    if (id !== secretId) {
      rmSync(join(root, id), { recursive: true, force: true });
      continue;
    }
    for (const region of readdirSync(join(root, id))) {
      const dir = join(root, id, region);
      for (const f of readdirSync(dir)) if (!keep.has(join(dir, f))) rmSync(join(dir, f), { force: true });
      if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
    }
  }
}
