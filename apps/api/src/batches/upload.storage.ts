/**
 * Multer storage for batch uploads: each request's files go to a fresh private temp folder,
 * under their original names (which must be plain file names, as in the manifest).
 */
import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MAX_BATCH_FILES = 3;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface UploadState {
  uploadDir?: string;
  uploadNames?: string[];
}

export function batchUploadOptions(maxFileBytes: number, onRequestEnd: (dir: string) => void): MulterModuleOptions {
  return {
    storage: diskStorage({
      destination(req: Request & UploadState, _file, cb) {
        if (!req.uploadDir) {
          const dir = mkdtempSync(join(tmpdir(), 'weegwijzer-upload-'));
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
