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

export class BatchStore {
  private readonly layout;

  constructor(dataDir: string) {
    this.layout = dataDirLayout(dataDir);
  }

  dirOf(region: string, batchId: string): string {
    return join(this.layout.batches, region, batchId);
  }

  parquetOf(region: string, batchId: string, kind: 'signals' | 'assessments'): string {
    return join(this.dirOf(region, batchId), `${kind}.parquet`);
  }

  /** A fresh temp dir on the same file system (so the final rename is atomic). */
  tempDir(): string {
    mkdirSync(this.layout.batches, { recursive: true });
    const dir = join(this.layout.batches, `.tmp-${randomBytes(6).toString('hex')}`);
    mkdirSync(dir);
    return dir;
  }

  /** Moves a completed temp dir into place (replacing a leftover of an interrupted run). */
  commit(tempDir: string, region: string, batchId: string): void {
    const target = this.dirOf(region, batchId);
    mkdirSync(join(this.layout.batches, region), { recursive: true });
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(tempDir, target);
    fsyncDir(join(this.layout.batches, region));
  }

  remove(region: string, batchId: string): void {
    rmSync(this.dirOf(region, batchId), { recursive: true, force: true });
  }

  /** Removes temp dirs and every batch dir not in `accepted` (keys `<region>/<batch_id>`). */
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
      .map((b) => ({ batch_id: b.batch_id, produced_at: b.produced_at, signalsParquet: this.parquetOf(region, b.batch_id, 'signals') }));
  }
}
