/**
 * The `ingest` command of the owner's control socket: a CLI that finds the data
 * directory owned (by the API, or another CLI) sends its batch folders here, so there is
 * only ever one writer.
 */
import { isAbsolute } from 'node:path';
import type { ControlHandler } from '@weegwijzer/store';
import type { Ingestor, PurgeResult } from './ingestor';
import { parseRetention } from './retention';
import type { IngestResult } from './ingest.types';

export interface IngestControlPayload {
  /** Absolute batch folder paths (the client resolves them; both run on one machine). */
  dirs: string[];
  submittedBy?: string;
  allowedRegion?: string;
}

export class IngestPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestPayloadError';
  }
}

function parsePayload(payload: unknown): IngestControlPayload {
  const p = payload as Partial<IngestControlPayload> | null;
  if (!p || !Array.isArray(p.dirs) || p.dirs.length === 0 || !p.dirs.every((d) => typeof d === 'string' && isAbsolute(d))) {
    throw new IngestPayloadError('ingest: payload.dirs must be a non-empty list of absolute folder paths');
  }
  if (p.submittedBy !== undefined && typeof p.submittedBy !== 'string') throw new IngestPayloadError('ingest: submittedBy must be a string');
  if (p.allowedRegion !== undefined && typeof p.allowedRegion !== 'string') throw new IngestPayloadError('ingest: allowedRegion must be a string');
  return { dirs: p.dirs, submittedBy: p.submittedBy, allowedRegion: p.allowedRegion };
}

/** Handler factory for ControlServer.register('ingest', ...). Progress events are IngestProgress. */
export function ingestControlHandler(ingestor: Ingestor): ControlHandler {
  return async (payload, emit): Promise<IngestResult> => {
    const p = parsePayload(payload);
    return ingestor.ingest(p.dirs, { submittedBy: p.submittedBy ?? 'cli', allowedRegion: p.allowedRegion, onProgress: emit });
  };
}

/** Handler factory for ControlServer.register('purge', ...): payload `{ term: "5y", dryRun?: boolean }`. */
export function purgeControlHandler(ingestor: Ingestor): ControlHandler {
  return async (payload): Promise<PurgeResult> => {
    const p = payload as { term?: unknown; dryRun?: unknown } | null;
    if (!p || typeof p.term !== 'string') throw new IngestPayloadError('purge: payload.term must be a retention term such as 5y');
    return ingestor.purge(parseRetention(p.term), { dryRun: p.dryRun === true });
  };
}
