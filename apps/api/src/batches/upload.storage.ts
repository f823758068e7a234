/**
 * Multer storage for batch uploads: each request's files go to a fresh private folder under
 * `<dataDir>/tmp/uploads`, under their original names (which must be plain file names, as in
 * the manifest). That folder belongs to the data directory's owner, so the API empties it at
 * start: whatever a killed process left there is removed.
 */
import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { dataDirLayout } from '@weegwijzer/store';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const MAX_BATCH_FILES = 3;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface UploadState {
  uploadDir?: string;
  uploadNames?: string[];
  /** Releases this upload's quota reservation (see upload.quota.ts). */
  uploadRelease?: () => void;
  /** Set when a queued ingest took the upload (and its reservation) over. */
  uploadClaimed?: boolean;
}

export function uploadRoot(dataDir: string): string {
  return join(dataDirLayout(dataDir).tmp, 'uploads');
}

/** Removes upload folders left by a previous (killed) process; returns how many. Owner only. */
export function removeOrphanedUploads(dataDir: string): number {
  const root = uploadRoot(dataDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const left = readdirSync(root);
  for (const name of left) rmSync(join(root, name), { recursive: true, force: true });
  return left.length;
}

export function batchUploadOptions(maxFileBytes: number, root: string, onRequestEnd: (dir: string) => void): MulterModuleOptions {
  return {
    storage: diskStorage({
      destination(req: Request & UploadState, _file, cb) {
        if (!req.uploadDir) {
          mkdirSync(root, { recursive: true, mode: 0o700 });
          const dir = mkdtempSync(join(root, 'upload-'));
          req.uploadDir = dir;
          req.res?.once('close', () => onRequestEnd(dir));
        }
        cb(null, req.uploadDir);
      },
      filename(req: Request & UploadState, file, cb) {
        const name = file.originalname;
        if (!FILE_NAME.test(name)) {
          cb(new BadRequestException(`file name ${JSON.stringify(name.slice(0, 100))}: use the plain names of the manifest (letters, digits, . _ -)`), '');
          return;
        }
        req.uploadNames ??= [];
        if (req.uploadNames.includes(name)) {
          cb(new BadRequestException(`file ${name} was sent twice`), '');
          return;
        }
        req.uploadNames.push(name);
        cb(null, name);
      },
    }),
    limits: { fileSize: maxFileBytes, files: MAX_BATCH_FILES, fields: 0, parts: MAX_BATCH_FILES },
  };
}
