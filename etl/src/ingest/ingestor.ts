/**
 * Loads batches into the data directory: validate, write the accepted batch as Parquet,
 * build a new snapshot from all accepted batches, publish it by replacing the pointer.
 * Runs are serialised (one at a time per process; the owner lock makes it one per data
 * directory). Each step leaves the served data as it was until the pointer rename, so a
 * crash anywhere leaves the previous snapshot served; start-up removes leftovers and
 * settles the ledger against the pointer.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  dataDirLayout,
  loadRecordKeySecret,
  readSnapshotPointer,
  snapshotFile,
  writeSnapshotPointer,
  type RecordKeySecret,
  type RetentionMark,
  type SnapshotBatchRef,
  type SnapshotPointer,
} from '@weegwijzer/store';
import { ANALYTIC_SCHEMA_VERSION } from '@weegwijzer/contract';
import { openDelivery, type Delivery } from '../validate/archive';
import { BatchValidation } from '../validate/batch.validator';
import type { ValidationReport } from '../validate/report';
import { ValidationEngine } from '../validate/engine';
import { MANIFEST_FILE } from '../validate/manifest';
import { BatchRepository } from './batch.repository';
import { BatchStore, batchDirKeys, batchKey } from './batch-store';
import { PurgeRepository } from './purge.repository';
import { retentionHorizon, type RetentionTerm } from './retention';
import { dutchToday } from '../validate/batch.validator';
import { quoteLiteral } from '../validate/sql';
import { buildSnapshot } from './snapshot.builder';
import { pruneRecordKeys } from './record-keys';
import type { BatchResult, IngestOptions, IngestProgress, IngestResult } from './ingest.types';

export interface IngestorOptions {
  dataDir: string;
  /** The operational store holding the batch ledger. */
  store: DataSource;
  /** Clock (tests). */
  now?: () => Date;
  threads?: number;
  errorCap?: number;
  /** Resource limits of validation (defaults in batch.validator / engine). */
  maxRowsPerFile?: number;
  validationTimeoutMs?: number;
  validationMemoryLimit?: string;
  /**
   * Called when a run reaches a named point (validated, batch-written, snapshot-signals,
   * snapshot-assessments, snapshot-written, snapshot-built, pointer-swapped; a purge's
   * purge-written, purge-snapshot-*, purge-built, purge-swapped). Only the crash tests pass
   * one (it kills the process there); nothing in production sets it.
   */
  reached?: (point: string) => void;
  /** WEEGWIJZER_KEY_FILE: the record-key secret managed outside the data dir. */
  keyFile?: string;
  /** Uncompressed limit of a `.zip` delivery (default 512 MiB). */
  maxDeliveryBytes?: number;
}

/** What a purge removed (counts per region) and the snapshot it published. */
export interface PurgeResult {
  term: string;
  horizon: string;
  dryRun: boolean;
  removed: { region_code: string; signals: number; assessments: number }[];
  /** The new snapshot; null when nothing was removed or on a dry run. */
  snapshot: string | null;
}

export class Ingestor {
  readonly dataDir: string;
  private readonly ledger: BatchRepository;
  private readonly purges: PurgeRepository;
  private readonly batches: BatchStore;
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();
  private initialised: Promise<void> | null = null;
  private closed = false;
  /** Runs queued or running. */
  private waiting = 0;

  constructor(private readonly opts: IngestorOptions) {
    this.dataDir = dataDirLayout(opts.dataDir).root;
    this.ledger = new BatchRepository(opts.store);
    this.purges = new PurgeRepository(opts.store);
    this.batches = new BatchStore(this.dataDir);
    this.now = opts.now ?? (() => new Date());
  }

  /** Validates and loads the batch folders (in order of produced_at), then publishes one new snapshot. */
  ingest(dirs: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
    if (this.closed) return Promise.reject(new Error('the ingestor is closed'));
    if (this.waiting++ > 0) {
      options.onProgress?.({ phase: 'queued', index: 0, total: dirs.length, message: 'waiting for the running ingest to finish' });
    }
    const run = this.queue.then(() => this.run(dirs, options)).finally(() => this.waiting--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` between ingests (queued like one), e.g. an online backup that must see no half-done ingest. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the ingestor is closed'));
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks a delivery (folder or `.zip`) exactly as an ingest would — against the accepted
   * batches of its region, the caller's region and the ledger — and loads nothing: no
   * ledger row, no batch files, no snapshot. Only the report comes back.
   */
  async check(path: string, options: Pick<IngestOptions, 'allowedRegion'> = {}): Promise<ValidationReport> {
    await this.init();
    const workDir = dataDirLayout(this.dataDir).tmp;
    const accepted = readSnapshotPointer(this.dataDir)?.batches ?? [];
    const delivery = await openDelivery(resolve(path), { maxBytes: this.opts.maxDeliveryBytes, workDir });
    try {
      const v = await BatchValidation.prepare(delivery.dir, {
        deliveryErrors: delivery.errors,
        now: this.now(),
        errorCap: this.opts.errorCap,
        workDir,
        threads: this.opts.threads,
        earlierBatches: (region) => this.batches.earlierBatches(accepted, region),
      });
      try {
        const region = v.regionCode;
        if (options.allowedRegion && region && region !== options.allowedRegion) {
          v.addError('REGION_NOT_ALLOWED', 'region_code');
          return v.report();
        }
        await v.checkRows();
        const existing = region && v.batchId ? await this.ledger.find(region, v.batchId) : null;
        if (existing?.status === 'loaded' && existing.contentSha256 !== v.contentSha256) v.addError('BATCH_ID_CONFLICT', 'batch_id');
        return v.report();
      } finally {
        await v.close();
      }
    } finally {
      delivery.cleanup();
    }
  }

  /**
   * Removes every signal whose (current) `received_at` lies before the retention horizon,
   * with all its assessments, from the batch store and from the served snapshot: each
   * affected batch is rewritten as a new version folder, a new snapshot is built from them
   * and published like an ingest (a crash before the pointer swap leaves everything as it
   * was; start-up removes the leftovers). The previous snapshot is deleted at once (it still
   * holds the removed rows). Counts per region go to `purge_log` and the audit log.
   */
  purge(term: RetentionTerm, options: { dryRun?: boolean; onProgress?: (message: string) => void } = {}): Promise<PurgeResult> {
    if (this.closed) return Promise.reject(new Error('the ingestor is closed'));
    const run = this.queue.then(() => this.runPurge(term, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runPurge(term: RetentionTerm, options: { dryRun?: boolean; onProgress?: (message: string) => void }): Promise<PurgeResult> {
    const started = Date.now();
    await this.init();
    const now = this.now();
    const horizon = retentionHorizon(dutchToday(now), term);
    const result: PurgeResult = { term: term.text, horizon, dryRun: options.dryRun === true, removed: [], snapshot: null };
    const pointer = readSnapshotPointer(this.dataDir);
    if (!pointer || pointer.batches.length === 0) return result;
    const layout = dataDirLayout(this.dataDir);
    const db = await DuckDBInstance.create(':memory:', { temp_directory: layout.tmp, threads: String(this.opts.threads ?? 2) });
    const conn = await db.connect();
    const newRefs: SnapshotBatchRef[] = [];
    try {
      const file = (b: SnapshotBatchRef, kind: 'signals' | 'assessments') => quoteLiteral(this.batches.parquetOf(b.region_code, b.batch_id, kind, b.version));
      const order = pointer.batches.map((b) => `(${file(b, 'signals')}, ${quoteLiteral(b.batch_id)}, TIMESTAMPTZ ${quoteLiteral(b.produced_at)})`).join(', ');
      // The current row of each signal (the latest produced_at wins) decides whether it expired.
      await conn.run(`CREATE TEMP TABLE expired AS
        SELECT region_code, signal_id FROM (
          SELECT s.region_code, s.signal_id, arg_max(s.received_at, (o.produced_at, o.batch_id)) AS received_at
          FROM read_parquet([${pointer.batches.map((b) => file(b, 'signals')).join(', ')}], filename = true) s
          JOIN (VALUES ${order}) o(file, batch_id, produced_at) ON o.file = s.filename
          GROUP BY s.region_code, s.signal_id
        ) WHERE received_at < DATE ${quoteLiteral(horizon)}`);
      const perRegion = (await conn.runAndReadAll(`SELECT region_code, count(*)::INTEGER AS n FROM expired GROUP BY region_code ORDER BY region_code`)).getRowObjectsJS() as {
        region_code: string;
        n: number;
      }[];
      if (perRegion.length === 0) return result;
      const assessmentsPerRegion = (
        await conn.runAndReadAll(`SELECT region_code, count(DISTINCT assessment_id)::INTEGER AS n
          FROM read_parquet([${pointer.batches.map((b) => file(b, 'assessments')).join(', ')}]) a SEMI JOIN expired e USING (region_code, signal_id)
          GROUP BY region_code`)
      ).getRowObjectsJS() as { region_code: string; n: number }[];
      result.removed = perRegion.map((r) => ({ region_code: r.region_code, signals: r.n, assessments: assessmentsPerRegion.find((a) => a.region_code === r.region_code)?.n ?? 0 }));
      if (result.dryRun) return result;

      for (const b of pointer.batches) {
        const hit = (kind: 'signals' | 'assessments') =>
          conn
            .runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${file(b, kind)}) t SEMI JOIN expired e USING (region_code, signal_id)`)
            .then((r) => r.getRowObjectsJS()[0].n as number);
        const [hs, ha] = [await hit('signals'), await hit('assessments')];
        if (hs === 0 && ha === 0) {
          newRefs.push(b);
          continue;
        }
        options.onProgress?.(`rewriting ${b.region_code}/${b.batch_id}`);
        const version = (b.version ?? 0) + 1;
        const tmp = this.batches.tempDir();
        for (const kind of ['signals', 'assessments'] as const) {
          await conn.run(`COPY (SELECT t.* FROM read_parquet(${file(b, kind)}) t ANTI JOIN expired e USING (region_code, signal_id))
            TO ${quoteLiteral(join(tmp, `${kind}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
        }
        const from = this.batches.dirOf(b.region_code, b.batch_id, b.version);
        for (const f of [MANIFEST_FILE, 'batch.json']) if (existsSync(join(from, f))) copyFileSync(join(from, f), join(tmp, f));
        this.batches.commit(tmp, b.region_code, b.batch_id, version);
        newRefs.push({ ...b, version, signals: b.signals - hs, assessments: b.assessments - ha });
      }
    } finally {
      conn.closeSync();
      db.closeSync();
    }
    this.reach('purge-written');
    options.onProgress?.(`building snapshot from ${newRefs.length} batches`);
    // A full build, never incremental: a copied file could still hold the removed rows in its deleted blocks.
    const built = await buildSnapshot(this.dataDir, newRefs, now, { threads: this.opts.threads, secret: this.secret(), reached: (point) => this.reach(`purge-${point}`) });
    this.reach('purge-built');
    const mark: RetentionMark = { purge_id: built.snapshotId, term: term.text, horizon, purged_at: now.toISOString(), removed: result.removed };
    // No previous snapshot is kept: it still holds the removed rows.
    this.publish(newRefs, built, null, mark);
    this.reach('purge-swapped');
    this.batches.removeUnaccepted(batchDirKeys(newRefs));
    this.collectGarbage(readSnapshotPointer(this.dataDir));
    await this.purges.record(mark, built.snapshotId, Date.now() - started);
    result.snapshot = built.snapshotId;
    return result;
  }

  /** Waits for queued runs to finish; later ingest() calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  /** Cleans up after an interrupted run and settles the ledger; runs once, before the first ingest. */
  init(): Promise<void> {
    // A failed recovery (say, the database was down) is tried again on the next call.
    this.initialised ??= this.recover().catch((e) => {
      this.initialised = null;
      throw e;
    });
    return this.initialised;
  }

  private recordKey: RecordKeySecret | null = null;
  /** The record-key secret, generated at first use (METRICS.md disclosure v2, rule 3). */
  secret(): RecordKeySecret {
    this.recordKey ??= loadRecordKeySecret(this.dataDir, this.opts.keyFile);
    return this.recordKey;
  }

  private reach(point: string): void {
    this.opts.reached?.(point);
  }

  private async recover(): Promise<void> {
    const layout = dataDirLayout(this.dataDir);
    for (const d of [layout.batches, layout.snapshots, layout.tmp]) mkdirSync(d, { recursive: true });
    // Only our own scratch entries: others (the API's uploads) may use tmp/ as well.
    for (const f of readdirSync(layout.tmp)) if (/^(ww-validate-|snapshot-)/.test(f)) rmSync(join(layout.tmp, f), { recursive: true, force: true });
    for (const f of readdirSync(layout.root)) if (/^\..*\.tmp$/.test(f)) rmSync(join(layout.root, f), { force: true });
    for (const f of readdirSync(layout.snapshots)) if (f.includes('.building')) rmSync(join(layout.snapshots, f), { force: true });
    const pointer = readSnapshotPointer(this.dataDir);
    const accepted = new Set((pointer?.batches ?? []).map((b) => batchKey(b.region_code, b.batch_id)));
    this.batches.removeUnaccepted(batchDirKeys(pointer?.batches ?? []));
    const secret = this.secret();
    const stale = pointer && (pointer.schema_version !== ANALYTIC_SCHEMA_VERSION || pointer.record_key_id !== secret.id);
    if (pointer && (stale || !existsSync(snapshotFile(this.dataDir, pointer.snapshot_id)))) {
      // The pointer survived but its snapshot did not (deleted by hand?), or it was built by an
      // older schema or with another record-key secret (rotation): rebuild it from the batches.
      const built = await buildSnapshot(this.dataDir, pointer.batches, this.now(), { threads: this.opts.threads, secret });
      this.publish(pointer.batches, built, pointer.snapshot_id);
    }
    const current = readSnapshotPointer(this.dataDir);
    if (current) pruneRecordKeys(this.dataDir, this.secret().id, current.batches);
    const unsettled = await this.ledger.unsettled();
    await this.ledger.setStatusMany(
      unsettled.filter((r) => r.status !== 'loaded' && accepted.has(r.id)).map((r) => r.id),
      'loaded',
    );
    await this.ledger.setStatusMany(
      unsettled.filter((r) => r.status !== 'loaded' && !accepted.has(r.id)).map((r) => r.id),
      'interrupted',
      { ok: false, message: 'the ingest was interrupted (the process stopped) before this batch was published; deliver (upload) it again' },
    );
    await this.ledger.setStatusMany(
      unsettled.filter((r) => r.status === 'loaded' && !accepted.has(r.id)).map((r) => r.id),
      'failed',
      { ok: false, message: 'this batch is not in the analytic store (data directory reset?); deliver it again' },
    );
    this.collectGarbage(readSnapshotPointer(this.dataDir));
    // A purge published just before a crash: its ledger and audit entries follow now.
    const settled = readSnapshotPointer(this.dataDir);
    if (settled?.retention) await this.purges.record(settled.retention, settled.retention.purge_id, 0);
  }

  private async run(dirs: readonly string[], options: IngestOptions): Promise<IngestResult> {
    const started = Date.now();
    await this.init();
    const emit = (p: IngestProgress) => options.onProgress?.(p);
    const pointer = readSnapshotPointer(this.dataDir);
    const accepted: SnapshotBatchRef[] = [...(pointer?.batches ?? [])];
    const results: BatchResult[] = [];
    const pending: { ref: SnapshotBatchRef; result: BatchResult }[] = [];
    const workDir = dataDirLayout(this.dataDir).tmp;
    const deliveries: (Delivery & { input: string })[] = [];
    const engine = new ValidationEngine({ workDir, threads: this.opts.threads, memoryLimit: this.opts.validationMemoryLimit });
    try {
      // A .zip is checked and unpacked into tmp/ first (a crash leaves it for recover() to remove).
      for (const input of dirs.map((d) => resolve(d))) {
        deliveries.push({ input, ...(await openDelivery(input, { maxBytes: this.opts.maxDeliveryBytes, workDir })) });
      }
      const ordered = await orderByProducedAt(deliveries);
      const total = ordered.length;
      for (const [i, delivery] of ordered.entries()) {
        const index = i + 1;
        const dir = delivery.input;
        const label = basename(dir);
        emit({ phase: 'validate', index, total, batch: label, message: `validating ${label}` });
        const v = await BatchValidation.prepare(delivery.dir, {
          deliveryErrors: delivery.errors,
          now: this.now(),
          errorCap: this.opts.errorCap,
          maxRowsPerFile: this.opts.maxRowsPerFile,
          timeoutMs: this.opts.validationTimeoutMs,
          engine,
          earlierBatches: (region) => this.batches.earlierBatches(accepted, region),
          onProgress: (p) => emit({ phase: 'validate', index, total, batch: label, message: `${p.step}${p.file ? ` ${p.file}` : ''}` }),
        });
        try {
          results.push(await this.ingestOne(v, dir, delivery.dir, options, accepted, pending, (p) => emit({ ...p, index, total })));
        } catch (e) {
          results.push(await this.failOne(v, dir, e));
        } finally {
          await v.close();
          delivery.cleanup();
        }
      }
    } finally {
      for (const d of deliveries) d.cleanup();
      await engine.close();
    }
    const total = deliveries.length;

    let snapshot: IngestResult['snapshot'] = null;
    if (pending.length > 0) {
      emit({ phase: 'snapshot', index: total, total, message: `building snapshot from ${accepted.length} batches` });
      try {
        const built = await buildSnapshot(this.dataDir, accepted, this.now(), {
          base: pointer,
          threads: this.opts.threads,
          secret: this.secret(),
          onStep: (step) => emit({ phase: 'snapshot', index: total, total, message: step }),
          reached: (point) => this.reach(point),
        });
        this.reach('snapshot-built');
        this.publish(accepted, built, pointer?.snapshot_id ?? null);
        this.reach('pointer-swapped');
        snapshot = { id: built.snapshotId, signals: built.signals, assessments: built.assessments, batches: accepted.length };
        for (const p of pending) {
          await this.ledger.setStatus(p.ref.region_code, p.ref.batch_id, 'loaded', { report: p.result.report });
          p.result.outcome = 'loaded';
          p.result.message = `loaded ${p.ref.signals} signals and ${p.ref.assessments} assessments`;
        }
        this.collectGarbage(readSnapshotPointer(this.dataDir));
      } catch (e) {
        const message = `building the analytic snapshot failed; nothing of this run is served (${e instanceof Error ? e.name : 'error'})`;
        for (const p of pending) {
          this.batches.remove(p.ref.region_code, p.ref.batch_id);
          await this.ledger.setStatus(p.ref.region_code, p.ref.batch_id, 'failed', { report: { ok: false, message } });
          p.result.outcome = 'failed';
          p.result.message = message;
        }
      }
    }
    emit({ phase: 'done', index: total, total, message: summary(results) });
    return { batches: results, snapshot, durationMs: Date.now() - started };
  }

  private async ingestOne(
    v: BatchValidation,
    dir: string,
    folder: string,
    options: IngestOptions,
    accepted: SnapshotBatchRef[],
    pending: { ref: SnapshotBatchRef; result: BatchResult }[],
    emit: (p: Omit<IngestProgress, 'index' | 'total'>) => void,
  ): Promise<BatchResult> {
    const region = v.regionCode;
    const batchId = v.batchId;
    const result = (outcome: BatchResult['outcome'], message: string, withReport = true): BatchResult => ({
      dir,
      region_code: region,
      batch_id: batchId,
      outcome,
      message,
      report: withReport ? v.report() : null,
    });

    if (options.allowedRegion && region && region !== options.allowedRegion) {
      v.addError('REGION_NOT_ALLOWED', 'region_code');
      return result('rejected', `rejected: the batch is for ${region}, you may deliver for ${options.allowedRegion} only`);
    }
    if (!region || !batchId) {
      // Without a valid region and batch_id there is no ledger key; the report goes back only.
      await v.checkRows();
      return result('rejected', `rejected: ${v.errorCount} error(s); the manifest has no valid region_code/batch_id`);
    }
    const key = batchKey(region, batchId);
    const existing = await this.ledger.find(region, batchId);
    const inThisRun = pending.find((p) => batchKey(p.ref.region_code, p.ref.batch_id) === key);
    if ((existing?.status === 'loaded' || inThisRun) && v.contentSha256) {
      const sameContent = inThisRun ? inThisRun.ref.content_sha256 === v.contentSha256 : existing!.contentSha256 === v.contentSha256;
      if (sameContent) return result('already_loaded', `already loaded: ${key} (nothing changed)`, false);
      v.addError('BATCH_ID_CONFLICT', 'batch_id');
      return result('rejected', `rejected: ${key} was already loaded with different content`);
    }
    if (existing?.status === 'loaded' || inThisRun) {
      // Content hash unknown (a file is missing): certainly not the same delivery.
      await v.checkRows();
      v.addError('BATCH_ID_CONFLICT', 'batch_id');
      return result('rejected', `rejected: ${key} was already loaded`);
    }

    await this.ledger.start({
      regionCode: region,
      batchId,
      producedAt: v.manifest.produced_at,
      period: v.manifest.period,
      contentSha256: v.contentSha256,
      submittedBy: options.submittedBy ?? null,
    });
    await v.checkRows();
    const report = v.report();
    if (!report.ok) {
      await this.ledger.setStatus(region, batchId, 'rejected', {
        report,
        signalRows: report.counts.signals,
        assessmentRows: report.counts.assessments,
      });
      return { dir, region_code: region, batch_id: batchId, outcome: 'rejected', message: `rejected: ${report.errorCount} error(s)`, report };
    }
    this.reach('validated');
    emit({ phase: 'write', batch: key, message: `writing ${key}` });
    await this.ledger.setStatus(region, batchId, 'loading', { signalRows: report.counts.signals, assessmentRows: report.counts.assessments });
    const tmp = this.batches.tempDir();
    try {
      await v.writeParquet(tmp);
      copyFileSync(join(folder, MANIFEST_FILE), join(tmp, MANIFEST_FILE));
      writeFileSync(join(tmp, 'batch.json'), JSON.stringify({ key, content_sha256: v.contentSha256, counts: report.counts, validated_at: report.validated_at }, null, 2));
      this.batches.commit(tmp, region, batchId);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      await this.ledger.setStatus(region, batchId, 'failed', { report: { ok: false, message: 'writing the batch failed' } });
      return { dir, region_code: region, batch_id: batchId, outcome: 'failed', message: `failed: writing the batch failed (${e instanceof Error ? e.name : 'error'})`, report };
    }
    this.reach('batch-written');
    const ref: SnapshotBatchRef = {
      region_code: region,
      batch_id: batchId,
      produced_at: v.manifest.produced_at!,
      content_sha256: v.contentSha256!,
      signals: report.counts.signals ?? 0,
      assessments: report.counts.assessments ?? 0,
    };
    accepted.push(ref);
    const res: BatchResult = { dir, region_code: region, batch_id: batchId, outcome: 'loaded', message: 'accepted', report };
    pending.push({ ref, result: res });
    return res;
  }

  /** An unexpected error while handling one batch: the batch fails, the others go on. */
  private async failOne(v: BatchValidation, dir: string, e: unknown): Promise<BatchResult> {
    const region = v.regionCode;
    const batchId = v.batchId;
    const message = `failed: ${e instanceof Error ? e.name : 'error'} while loading the batch; nothing of it is served`;
    if (region && batchId) {
      // A half-written batch dir is not in the pointer: the next start removes it.
      const existing = await this.ledger.find(region, batchId).catch(() => null);
      if (existing && existing.status !== 'loaded') {
        await this.ledger.setStatus(region, batchId, 'failed', { report: { ok: false, message } }).catch(() => undefined);
      }
    }
    return { dir, region_code: region, batch_id: batchId, outcome: 'failed', message, report: null };
  }

  private publish(
    batches: SnapshotBatchRef[],
    built: { snapshotId: string; builtAt: string; signals: number; assessments: number; recordKeyId: string; generation: number },
    previous: string | null,
    retention: RetentionMark | undefined = readSnapshotPointer(this.dataDir)?.retention,
  ): void {
    const pointer: SnapshotPointer = {
      format: 1,
      snapshot_id: built.snapshotId,
      file: `snapshots/${built.snapshotId}.duckdb`,
      built_at: built.builtAt,
      schema_version: ANALYTIC_SCHEMA_VERSION,
      record_key_id: built.recordKeyId,
      batches,
      signals: built.signals,
      assessments: built.assessments,
      previous_snapshot_id: previous,
      generation: built.generation,
      ...(retention ? { retention } : {}),
    };
    writeSnapshotPointer(this.dataDir, pointer);
  }

  /** Keeps the served snapshot and the previous one (readers may still have it open). */
  private collectGarbage(pointer: SnapshotPointer | null): void {
    if (!pointer) return;
    pruneRecordKeys(this.dataDir, this.secret().id, pointer.batches);
    const keep = new Set([pointer.snapshot_id, pointer.previous_snapshot_id].filter((x): x is string => !!x).map((id) => `${id}.duckdb`));
    const dir = dataDirLayout(this.dataDir).snapshots;
    for (const f of readdirSync(dir)) {
      const base = f.replace(/\.wal$/, '');
      if (base.endsWith('.duckdb') && !keep.has(base)) rmSync(join(dir, f), { force: true });
    }
  }
}

/** Batches of one run in order of their manifest's produced_at (unknown last, stable). */
async function orderByProducedAt<T extends { dir: string }>(deliveries: T[]): Promise<T[]> {
  const keyed = await Promise.all(
    deliveries.map(async (d, i) => {
      try {
        const m = JSON.parse(await readFile(join(d.dir, MANIFEST_FILE), 'utf8')) as { produced_at?: unknown };
        const t = typeof m.produced_at === 'string' ? Date.parse(m.produced_at) : NaN;
        return { d, i, t: Number.isNaN(t) ? Infinity : t };
      } catch {
        return { d, i, t: Infinity };
      }
    }),
  );
  return keyed.sort((a, b) => a.t - b.t || a.i - b.i).map((k) => k.d);
}

function summary(results: BatchResult[]): string {
  const n = (o: BatchResult['outcome']) => results.filter((r) => r.outcome === o).length;
  return `${n('loaded')} loaded, ${n('already_loaded')} already loaded, ${n('rejected')} rejected, ${n('failed')} failed`;
}
