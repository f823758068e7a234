/**
 * Accepted batches on disk: `batches/<region>/<batch_id>/` with the typed Parquet files
 * and the delivered manifest. A batch directory appears by rename from a temp directory,
 * so it is complete or absent; one that is not listed in the current snapshot pointer is
 * a leftover of an interrupted ingest and is removed at start.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dataDirLayout, fsyncDir, type SnapshotBatchRef } from '@weegwijzer/store';
import type { EarlierBatch } from '../validate/batch.validator';

export function batchKey(region: string, batchId: string): string {
  return `${region}/${batchId}`;
}

/** The folder name of a batch version: `<batch_id>` as delivered, `<batch_id>~p<n>` after its n-th purge. */
export function batchDirName(batchId: string, version?: number): string {
  return version ? `${batchId}~p${version}` : batchId;
}

/** `<region>/<folder>` of each batch of a pointer: the folders to keep. */
export function batchDirKeys(refs: readonly SnapshotBatchRef[]): Set<string> {
  return new Set(refs.map((r) => batchKey(r.region_code, batchDirName(r.batch_id, r.version))));
}

export class BatchStore {
  private readonly layout;

  constructor(dataDir: string) {
    this.layout = dataDirLayout(dataDir);
  }

  dirOf(region: string, batchId: string, version?: number): string {
    return join(this.layout.batches, region, batchDirName(batchId, version));
  }

  parquetOf(region: string, batchId: string, kind: 'signals' | 'assessments', version?: number): string {
    return join(this.dirOf(region, batchId, version), `${kind}.parquet`);
  }

  /** A fresh temp dir on the same file system (so the final rename is atomic). */
  tempDir(): string {
    mkdirSync(this.layout.batches, { recursive: true });
    const dir = join(this.layout.batches, `.tmp-${randomBytes(6).toString('hex')}`);
    mkdirSync(dir);
    return dir;
  }

  /** Moves a completed temp dir into place (replacing a leftover of an interrupted run). */
  commit(tempDir: string, region: string, batchId: string, version?: number): void {
    const target = this.dirOf(region, batchId, version);
    mkdirSync(join(this.layout.batches, region), { recursive: true });
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(tempDir, target);
    fsyncDir(join(this.layout.batches, region));
  }

  remove(region: string, batchId: string): void {
    rmSync(this.dirOf(region, batchId), { recursive: true, force: true });
  }

  /** Removes temp dirs and every batch dir not in `accepted` (keys `<region>/<folder>`, see batchDirKeys). */
  removeUnaccepted(accepted: Set<string>): string[] {
    const removed: string[] = [];
    if (!existsSync(this.layout.batches)) return removed;
    for (const region of readdirSync(this.layout.batches)) {
      const regionDir = join(this.layout.batches, region);
      if (region.startsWith('.tmp-')) {
        rmSync(regionDir, { recursive: true, force: true });
        continue;
      }
      for (const batchId of readdirSync(regionDir)) {
        if (!accepted.has(batchKey(region, batchId))) {
          rmSync(join(regionDir, batchId), { recursive: true, force: true });
          removed.push(batchKey(region, batchId));
        }
      }
    }
    return removed;
  }

  earlierBatches(accepted: readonly SnapshotBatchRef[], region: string): EarlierBatch[] {
    return accepted
      .filter((b) => b.region_code === region)
      .map((b) => ({ batch_id: b.batch_id, produced_at: b.produced_at, signalsParquet: this.parquetOf(region, b.batch_id, 'signals', b.version) }));
  }
}
