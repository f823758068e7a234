import { Global, Injectable, Module } from '@nestjs/common';
import { rm } from 'node:fs/promises';

/**
 * Who owns an upload folder: the request that wrote it, until a queued ingest takes it over.
 * When a request ends, its folder is removed unless a job claimed it (then the job removes it).
 */
@Injectable()
export class UploadTracker {
  private readonly claimed = new Set<string>();

  claim(dir: string): void {
    this.claimed.add(dir);
  }

  async release(dir: string): Promise<void> {
    this.claimed.delete(dir);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }

  async discardUnclaimed(dir: string): Promise<void> {
    if (!this.claimed.has(dir)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Global so that the Multer options factory can reach the tracker. */
@Global()
@Module({ providers: [UploadTracker], exports: [UploadTracker] })
export class UploadTrackerModule {}
