import { Injectable } from '@nestjs/common';
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
  constructor(private readonly repo: HealthRepository) {}

  /** Liveness plus whether DuckDB and the operational store answer. No counts: this is public. */
  async check(): Promise<HealthDto> {
    const [duck, op] = await Promise.allSettled([
      withTimeout(this.repo.pingAnalytic(), 'DuckDB'),
      withTimeout(this.repo.pingOperational(), 'the operational store'),
    ]);
    let duckdb: HealthDto['duckdb'];
    if (duck.status === 'fulfilled') duckdb = { ok: true, snapshot: duck.value.snapshotId, builtAt: duck.value.builtAt };
    else if (duck.reason instanceof NoSnapshotError) duckdb = { ok: true, snapshot: null, builtAt: null, message: 'no data loaded yet' };
    else duckdb = { ok: false, snapshot: null, builtAt: null, message: (duck.reason as Error).message };
    const operationalStore: HealthDto['operationalStore'] =
      op.status === 'fulfilled' ? { ok: true } : { ok: false, message: (op.reason as Error).message };
    return { status: duckdb.ok && operationalStore.ok ? 'ok' : 'degraded', live: true, duckdb, operationalStore };
  }
}
