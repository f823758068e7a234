/**
 * Prometheus metrics (prom-client) for `/api/metrics`. One registry per process; every series
 * is named `weegwijzer_*` (plus prom-client's default `process_*` / `nodejs_*` ones). Labels are
 * bounded: the route is the matched pattern (`/api/v1/metrics/:name`), or `unmatched` for a path
 * no route serves, never the raw URL; no label ever holds a token, a parameter value or data.
 */
import type { Ingestor } from '@weegwijzer/etl';
import { readSnapshotPointer } from '@weegwijzer/store';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ApiRequestState } from '../auth/principal';

export class OpsMetrics {
  readonly registry = new Registry();
  private snapshotSource: (() => { builtAt: string; batches: number } | null) | null = null;

  readonly requests = new Counter({
    name: 'weegwijzer_http_requests_total',
    help: 'API requests answered, by route pattern, method, status and caller role',
    labelNames: ['route', 'method', 'status', 'role'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'weegwijzer_http_request_duration_seconds',
    help: 'API request latency until the response was sent, by route pattern and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly rateLimitHits = new Counter({
    name: 'weegwijzer_rate_limit_hits_total',
    help: 'Requests refused by the rate limiter (429), by route pattern and caller role',
    labelNames: ['route', 'role'] as const,
    registers: [this.registry],
  });
  readonly ingestBatches = new Counter({
    name: 'weegwijzer_ingest_batches_total',
    help: 'Batches handled by the ingest, by outcome (loaded, already_loaded, rejected, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly ingestDuration = new Histogram({
    name: 'weegwijzer_ingest_duration_seconds',
    help: 'Duration of one ingest run (validation, loading and the new snapshot), by result',
    labelNames: ['result'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  readonly rejectedByRule = new Counter({
    name: 'weegwijzer_rejected_batches_total',
    help: 'Rejected batches by contract rule broken (a batch counts once per rule in its report)',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });
  readonly auditWritten = new Counter({ name: 'weegwijzer_audit_rows_written_total', help: 'Audit rows written to the operational store', registers: [this.registry] });
  readonly auditFailed = new Counter({ name: 'weegwijzer_audit_rows_failed_total', help: 'Audit rows that could not be written', registers: [this.registry] });
  readonly auditQueued = new Gauge({ name: 'weegwijzer_audit_rows_queued', help: 'Audit rows waiting to be written', registers: [this.registry] });
  readonly auditStatements = new Counter({
    name: 'weegwijzer_audit_statements_total',
    help: 'INSERT statements that wrote audit rows (rows written / statements: rows per statement, see WEEGWIJZER_AUDIT_LINGER_MS)',
    registers: [this.registry],
  });

  constructor() {
    // prom-client calls `collect` with the gauge as `this`; the registry is needed beside it
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    new Gauge({
      name: 'weegwijzer_snapshot_age_seconds',
      help: 'Seconds since the served analytic snapshot was built (NaN before the first ingest)',
      registers: [this.registry],
      collect() {
        const s = self.snapshotSource?.();
        this.set(s ? (Date.now() - Date.parse(s.builtAt)) / 1000 : NaN);
      },
    });
    new Gauge({
      name: 'weegwijzer_snapshot_batches',
      help: 'Accepted batches in the served analytic snapshot',
      registers: [this.registry],
      collect() {
        this.set(self.snapshotSource?.()?.batches ?? 0);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the snapshot gauges read the served snapshot (the data directory's pointer). */
  watchSnapshots(dataDir: string): void {
    this.snapshotSource = () => {
      try {
        const p = readSnapshotPointer(dataDir);
        return p ? { builtAt: p.built_at, batches: p.batches.length } : null;
      } catch {
        return null;
      }
    };
  }

  /** Express middleware (mounted on /api) counting each request when its response is done. */
  httpMiddleware() {
    return (req: Request & ApiRequestState, res: Response, next: NextFunction): void => {
      const started = process.hrtime.bigint();
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        const matched = (req as Request & { route?: { path?: unknown } }).route?.path;
        const route = typeof matched === 'string' ? matched.slice(0, 120) : 'unmatched';
        const status = res.writableFinished ? res.statusCode : 499;
        const role = req.principal?.role ?? 'anonymous';
        const method = /^[A-Z]{3,7}$/.test(req.method) ? req.method : 'OTHER';
        this.requests.inc({ route, method, status: String(status), role });
        this.latency.observe({ route, method }, Number(process.hrtime.bigint() - started) / 1e9);
        if (status === 429) this.rateLimitHits.inc({ route, role });
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    };
  }

  /** Counts the runs and batch outcomes of an Ingestor (its ingest method is wrapped once). */
  instrumentIngestor(ingestor: Ingestor): void {
    const marked = ingestor as Ingestor & { __opsMetrics?: true };
    if (marked.__opsMetrics) return;
    marked.__opsMetrics = true;
    const original = ingestor.ingest.bind(ingestor);
    ingestor.ingest = (dirs, options) => {
      const started = Date.now();
      return original(dirs, options).then(
        (result) => {
          for (const b of result.batches) {
            this.ingestBatches.inc({ outcome: b.outcome });
            if (b.outcome === 'rejected') for (const rule of new Set((b.report?.errors ?? []).map((e) => e.rule))) this.rejectedByRule.inc({ rule });
          }
          this.ingestDuration.observe({ result: result.snapshot ? 'published' : 'nothing_published' }, result.durationMs / 1000);
          return result;
        },
        (e: unknown) => {
          this.ingestDuration.observe({ result: 'error' }, (Date.now() - started) / 1000);
          throw e;
        },
      );
    };
  }
}

/** The process's metrics (one API per process in production; tests read differences). */
export const opsMetrics = new OpsMetrics();

/**
 * Hooks for the audit writer: call `written(n)` after n rows were stored, `failed(n)` when n
 * rows could not be, and `queued(depth)` whenever the queue length changes.
 */
export const auditMetrics = {
  /** One INSERT statement wrote `rows` audit rows. */
  written(rows: number): void {
    if (rows <= 0) return;
    opsMetrics.auditWritten.inc(rows);
    opsMetrics.auditStatements.inc();
  },
  failed(rows: number): void {
    if (rows > 0) opsMetrics.auditFailed.inc(rows);
  },
  queued(depth: number): void {
    opsMetrics.auditQueued.set(depth);
  },
};
