import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import { NoSnapshotError } from '@weegwijzer/store';
import type { HealthDto } from './health.dto';
import { HealthRepository } from './health.repository';

export type { HealthDto } from './health.dto';

const TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    }),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly repo: HealthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness plus whether DuckDB and the operational store answer. No counts: this is public. */
  async check(): Promise<HealthDto> {
    const [duck, op] = await Promise.allSettled([withTimeout(this.repo.pingAnalytic(), 'DuckDB'), withTimeout(this.repo.pingOperational(), 'the operational store')]);
    let duckdb: HealthDto['duckdb'];
    if (duck.status === 'fulfilled') duckdb = { ok: true, snapshot: duck.value.snapshotId, builtAt: duck.value.builtAt };
    else if (duck.reason instanceof NoSnapshotError) duckdb = { ok: true, snapshot: null, builtAt: null, message: 'no data loaded yet' };
    else duckdb = { ok: false, snapshot: null, builtAt: null, message: (duck.reason as Error).message };
    const operationalStore: HealthDto['operationalStore'] = op.status === 'fulfilled' ? { ok: true } : { ok: false, message: (op.reason as Error).message };
    const purge = this.repo.lastPurge();
    const retention = { term: this.config.retention?.text ?? null, horizon: purge?.horizon ?? null, purgedAt: purge?.purged_at ?? null };
    return { status: duckdb.ok && operationalStore.ok ? 'ok' : 'degraded', live: true, duckdb, operationalStore, retention };
  }
}
