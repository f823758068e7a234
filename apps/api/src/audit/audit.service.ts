import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_CONFIG } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import type { AuditChainReport } from '@weegwijzer/store';
import { safeAuditRecord, type AuditRecord } from './audit-record';
import { auditMetrics } from '../ops/prometheus.registry';
import { AuditFilter, AuditRepository } from './audit.repository';

export type { AuditRecord } from './audit-record';

import type { AuditPage } from './audit.dto';

export type { AuditEntryDto, AuditPage } from './audit.dto';

interface Pending {
  row: AuditRecord;
  resolve: () => void;
  reject: (e: Error) => void;
}

const MAX_GROUP = 500;

/**
 * Writes one audit row per request, fail-closed: `record` resolves only once the row is
 * committed, and the request middleware holds the response until then (a rejected row turns
 * the response into a 503). Rows that arrive while a write is in flight are committed
 * together in the next single INSERT (group commit), so concurrent requests share one round
 * trip. Every row is made writable first (safeAuditRecord); should a group still fail, its rows
 * are retried one by one, so one bad row never takes the others with it.
 *
 * Linger: while other requests are being served (`begin` without their row yet), a row waits
 * up to `lingerMs` (WEEGWIJZER_AUDIT_LINGER_MS, default 10) for theirs, and the write goes as
 * soon as every request in progress has its row. Under load a statement then carries several
 * rows: each statement costs the embedded store 1–1.5 ms of the API's one JavaScript thread,
 * each further row a tenth of that. A lone request is written at once, and a response waiting
 * here costs no processor time (the latency of a busy API is set by its throughput).
 */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly log = new Logger('audit');
  private pending: Pending[] = [];
  private writing: Promise<void> | null = null;
  private linger: NodeJS.Timeout | null = null;
  /** Requests begun whose row has not been recorded yet. */
  private active = 0;
  private readonly lingerMs: number;

  constructor(
    @Inject(AuditRepository) private readonly repo: AuditRepository,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'auditLingerMs'>,
  ) {
    this.lingerMs = config?.auditLingerMs ?? 0;
  }

  /** A request has begun; its row is to come through `record(row, true)`. */
  begin(): void {
    this.active++;
  }

  /** `begun`: the row of a request announced with `begin`. */
  record(row: AuditRecord, begun = false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (begun && this.active > 0) this.active--;
      this.pending.push({ row: safeAuditRecord(row), resolve, reject });
      auditMetrics.queued(this.pending.length);
      this.pump(false);
    });
  }

  /** Resolves once every row recorded so far has been written (or refused). */
  async flush(): Promise<void> {
    while (this.writing || this.pending.length > 0) {
      if (!this.writing) this.writeNow();
      await this.writing;
    }
  }

  /** `afterWrite`: the pending rows have waited for the last write already, so they go now. */
  private pump(afterWrite: boolean): void {
    if (this.writing || this.pending.length === 0) return;
    if (!afterWrite && this.lingerMs > 0 && this.active > 0 && this.pending.length < MAX_GROUP) {
      this.linger ??= setTimeout(() => this.writeNow(), this.lingerMs);
      return;
    }
    this.writeNow();
  }

  private writeNow(): void {
    if (this.linger) {
      clearTimeout(this.linger);
      this.linger = null;
    }
    if (this.writing || this.pending.length === 0) return;
    const group = this.pending.splice(0, MAX_GROUP);
    auditMetrics.queued(this.pending.length);
    this.writing = this.write(group).finally(() => {
      this.writing = null;
      this.pump(true);
    });
  }

  private async write(group: Pending[]): Promise<void> {
    try {
      await this.repo.insertMany(group.map((p) => p.row));
      auditMetrics.written(group.length);
      for (const p of group) p.resolve();
      return;
    } catch (e) {
      if (group.length === 1) return this.refuse(group[0], e);
    }
    for (const p of group) {
      try {
        await this.repo.insertMany([p.row]);
        auditMetrics.written(1);
        p.resolve();
      } catch (e) {
        this.refuse(p, e);
      }
    }
  }

  private refuse(p: Pending, e: unknown): void {
    auditMetrics.failed(1);
    const message = e instanceof Error ? e.message : String(e);
    this.log.error(`audit row for ${p.row.method} ${p.row.route} (request ${p.row.requestId}) not written: ${message.slice(0, 300)}`);
    p.reject(e instanceof Error ? e : new Error(message));
  }

  query(q: { who?: string; role?: string; route?: string; status?: number; from?: string; to?: string; offset?: number; limit?: number }): Promise<AuditPage> {
    const filter: AuditFilter = {
      who: q.who,
      role: q.role,
      route: q.route,
      status: q.status,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    };
    return this.find(filter, q.offset ?? 0, q.limit ?? 100);
  }

  async find(filter: AuditFilter, offset: number, limit: number): Promise<AuditPage> {
    await this.flush();
    const { total, rows } = await this.repo.find(filter, offset, limit);
    return {
      total,
      offset,
      limit,
      entries: rows.map((r) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        requestId: r.requestId,
        who: r.who,
        role: r.role,
        region: r.regionCode,
        method: r.method,
        route: r.route,
        params: r.params,
        status: r.status,
        durationMs: r.durationMs,
      })),
    };
  }

  verifyChain(): Promise<AuditChainReport> {
    return this.repo.verifyChain();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
