import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException, OnApplicationShutdown } from '@nestjs/common';
import { REGION_CODES } from '@weegwijzer/contract';
import { readArchiveManifest, type Ingestor } from '@weegwijzer/etl';
import type { BatchEntity } from '@weegwijzer/store';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Principal } from '../auth/principal';
import { assertRegionAccess } from '../auth/region-access';
import { APP_CONFIG, INGESTOR } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import type { BatchAcceptedDto, BatchCheckDto, BatchDto } from './batch.dto';
import { BatchRepository } from './batch.repository';
import type { UploadState } from './upload.storage';
import { UploadTracker } from './upload.tracker';

type BatchResult = Awaited<ReturnType<Ingestor['ingest']>>['batches'][number];

interface Job {
  id: string;
  region: string;
  batchId: string;
  dir: string;
  /** What is ingested: the upload folder, or the one `.zip` in it. */
  input: string;
  submittedBy: string;
  allowedRegion: string | undefined;
  createdAt: Date;
  state: 'queued' | 'running' | 'done';
  outcome: BatchDto['lastOutcome'];
  report?: unknown;
  error?: string;
  /** The upload quota reservation, held until the ingest is done. */
  releaseQuota?: () => void;
}

const BATCH_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Uploaded batches are ingested one at a time, in the background, through the ETL's Ingestor
 * (the API owns the data directory while it runs). Reads never wait for an ingest: the
 * Ingestor builds a new snapshot and swaps the pointer; the API keeps serving the old one.
 */
@Injectable()
export class BatchesService implements OnApplicationShutdown {
  private readonly log = new Logger('batches');
  private readonly jobs = new Map<string, Job>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: BatchRepository,
    private readonly uploads: UploadTracker,
    @Inject(INGESTOR) private readonly ingestor: Ingestor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks an uploaded batch folder's manifest and the caller's right to deliver it, then queues it. */
  async submit(p: Principal, dir: string | undefined, files: string[], upload: UploadState = {}, mode: 'load' | 'check' = 'load'): Promise<BatchAcceptedDto | BatchCheckDto> {
    try {
      if (!dir || files.length === 0) throw new BadRequestException('no files: send the batch as multipart/form-data, every file under the field name "files"');
      // A delivery is the three files, or one .zip holding them (checked by the ingest, like a folder).
      const archive = files.length === 1 && /\.zip$/i.test(files[0]) ? join(dir, files[0]) : null;
      if (!archive && !files.includes('manifest.json'))
        throw new BadRequestException(`no manifest.json among the uploaded files (${files.join(', ')}); send the three files or one .zip`);
      const raw = archive ? await readArchiveManifest(archive) : await readFile(join(dir, 'manifest.json'));
      if (!raw) throw new BadRequestException(`${files[0]}: no readable manifest.json (at most 1 MiB) at the root of the archive or in its one folder`);
      if (raw.length > MAX_MANIFEST_BYTES) throw new BadRequestException('manifest.json is larger than 1 MiB');
      let manifest: { region_code?: unknown; batch_id?: unknown };
      try {
        manifest = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
      } catch {
        throw new BadRequestException('manifest.json is not valid JSON');
      }
      const region = manifest?.region_code;
      const batchId = manifest?.batch_id;
      if (typeof region !== 'string' || !REGION_CODES.includes(region)) throw new BadRequestException('manifest.json: region_code must be a region code VR01..VR25');
      if (typeof batchId !== 'string' || !BATCH_ID.test(batchId)) throw new BadRequestException('manifest.json: batch_id must be 1..64 of [A-Za-z0-9._-]');
      assertRegionAccess(p, region, 'deliver batches for');
      if (mode === 'check') return await this.check(p, dir, archive ?? dir, region, batchId);
      const id = `${region}/${batchId}`;
      const existing = this.jobs.get(id);
      if (existing && existing.state !== 'done') throw new ConflictException(`batch ${id} is already being ingested; poll its status`);
      const job: Job = {
        id,
        region,
        batchId,
        dir,
        input: archive ?? dir,
        submittedBy: p.name,
        allowedRegion: p.role === 'regio' ? p.region! : undefined,
        createdAt: new Date(),
        state: 'queued',
        outcome: null,
        releaseQuota: upload.uploadRelease,
      };
      upload.uploadClaimed = true;
      this.jobs.set(id, job);
      this.uploads.claim(dir);
      this.queue = this.queue.then(() => this.run(job));
      return { id, region, batchId, status: 'queued', location: `/api/v1/batches/${encodeURIComponent(id)}` };
    } catch (e) {
      if (dir) await this.uploads.discardUnclaimed(dir);
      throw e;
    }
  }

  /** A dry run: the full check, synchronously; the upload folder is removed when the request ends. */
  private async check(p: Principal, dir: string, input: string, region: string, batchId: string): Promise<BatchCheckDto> {
    const report = await this.ingestor.check(input, { allowedRegion: p.role === 'regio' ? p.region! : undefined });
    this.log.log(`batch ${region}/${batchId}: checked (dry run), ${(report as { ok: boolean }).ok ? 'valid' : 'invalid'}; nothing stored`);
    await this.uploads.discardUnclaimed(dir);
    return { dryRun: true, stored: false, region, batchId, report: report as BatchCheckDto['report'] };
  }

  async list(p: Principal): Promise<BatchDto[]> {
    const region = p.role === 'regio' ? p.region! : undefined;
    const rows = await this.repo.list(region);
    const seen = new Set(rows.map((r) => r.id));
    const pending = [...this.jobs.values()].filter((j) => !seen.has(j.id) && (!region || j.region === region));
    return [
      ...pending.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((j) => this.fromJob(j, false)),
      ...rows.map((r) => this.fromRow(p, r, this.jobs.get(r.id), false)),
    ];
  }

  async get(p: Principal, id: string): Promise<BatchDto> {
    const m = /^(VR\d{2})\/([A-Za-z0-9._-]{1,64})$/.exec(id);
    if (!m || !REGION_CODES.includes(m[1])) throw new BadRequestException('batch id must be <region_code>/<batch_id>, e.g. VR13%2FVR13-2025-06');
    assertRegionAccess(p, m[1], 'see batches of');
    const job = this.jobs.get(id);
    const row = await this.repo.findById(id);
    if (job && job.state !== 'done') return this.fromJob(job, true);
    if (row) return this.fromRow(p, row, job, true);
    if (job) return this.fromJob(job, true);
    throw new NotFoundException(`no batch ${id}`);
  }

  /** Waits until every queued ingest has finished (shutdown, tests). */
  async idle(): Promise<void> {
    let q: Promise<void>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async run(job: Job): Promise<void> {
    job.state = 'running';
    try {
      const { batches } = await this.ingestor.ingest([job.input], { submittedBy: job.submittedBy, allowedRegion: job.allowedRegion });
      const result: BatchResult | undefined = batches[0];
      job.outcome = result?.outcome ?? 'failed';
      job.report = result?.report ?? undefined;
      if (result?.outcome === 'failed') job.error = result.message;
      this.log.log(`batch ${job.id}: ${job.outcome}`);
    } catch (e) {
      job.outcome = 'failed';
      job.error = (e as Error).message;
      this.log.error(`batch ${job.id} failed: ${job.error}`);
    } finally {
      job.state = 'done';
      job.releaseQuota?.();
      await this.uploads.release(job.dir);
    }
  }

  private fromJob(job: Job, withReport: boolean): BatchDto {
    const status =
      job.state === 'queued' ? 'queued' : job.state === 'running' ? 'validating' : job.outcome === 'failed' ? 'failed' : job.outcome === 'rejected' ? 'rejected' : 'loaded';
    return {
      id: job.id,
      region: job.region,
      batchId: job.batchId,
      status,
      lastOutcome: job.outcome,
      producedAt: null,
      period: { from: null, to: null },
      signalRows: null,
      assessmentRows: null,
      submittedBy: job.submittedBy,
      createdAt: job.createdAt.toISOString(),
      updatedAt: null,
      ...(withReport && job.report !== undefined ? { report: job.report as BatchDto['report'] } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }

  private fromRow(p: Principal, r: BatchEntity, job: Job | undefined, withReport: boolean): BatchDto {
    // Row counts are raw counts: the delivering region and administrators see them as they are,
    // the inspectorate through the same k threshold as every other number.
    const k = this.config.k;
    const count = (n: number | null) => (n === null ? null : p.role === 'inspectie' && n > 0 && n < k ? null : n);
    return {
      id: r.id,
      region: r.regionCode,
      batchId: r.batchId,
      status: r.status,
      lastOutcome: job?.outcome ?? null,
      producedAt: r.producedAt ? r.producedAt.toISOString() : null,
      period: { from: r.periodFrom, to: r.periodTo },
      signalRows: count(r.signalRows),
      assessmentRows: count(r.assessmentRows),
      submittedBy: r.submittedBy,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      ...(withReport ? { report: (r.report ?? job?.report ?? null) as BatchDto['report'] } : {}),
      ...(job?.error ? { error: job.error } : {}),
    };
  }
}
