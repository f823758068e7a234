import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { AuditLogEntity } from '@weegwijzer/store';
import type { AuditPage } from './audit.dto';
import { AuditFilter, AuditRepository } from './audit.repository';

export type { AuditEntryDto, AuditPage } from './audit.dto';

export type AuditRecord = Omit<AuditLogEntity, 'id'>;

/**
 * Writes one audit row per request. Rows are queued and inserted in small batches so that
 * logging never sits on a request's critical path; reads of the log first flush the queue, so
 * a caller always sees its own earlier requests. The queue is flushed on shutdown.
 */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly log = new Logger('audit');
  private queue: AuditRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(AuditRepository) private readonly repo: AuditRepository) {}

  record(row: AuditRecord): void {
    this.queue.push(row);
    if (this.queue.length >= 500) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), 100);
  }

  /** Writes everything queued so far; resolves when it is in the store. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.repo.insertMany(batch);
      } catch (e) {
        // The request has been answered; losing audit rows must at least be loud.
        this.log.error(`could not write ${batch.length} audit rows: ${(e as Error).message}`);
      }
    });
    return this.writing;
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

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
