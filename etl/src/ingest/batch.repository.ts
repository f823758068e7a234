/** The batch ledger in the operational store (TypeORM; PGlite or PostgreSQL). */
import { In, type DataSource, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { BatchEntity, type BatchStatus } from '@weegwijzer/store';
import { batchKey } from './batch-store';

export interface LedgerStart {
  regionCode: string;
  batchId: string;
  producedAt: string | null;
  period: { from: string; to: string } | null;
  contentSha256: string | null;
  submittedBy: string | null;
}

export class BatchRepository {
  private readonly repo: Repository<BatchEntity>;

  constructor(store: DataSource) {
    this.repo = store.getRepository(BatchEntity);
  }

  find(regionCode: string, batchId: string): Promise<BatchEntity | null> {
    return this.repo.findOneBy({ id: batchKey(regionCode, batchId) });
  }

  /** Creates the row, or resets a rejected/failed one, in status `validating`. */
  async start(s: LedgerStart): Promise<void> {
    await this.repo.upsert(
      {
        id: batchKey(s.regionCode, s.batchId),
        regionCode: s.regionCode,
        batchId: s.batchId,
        status: 'validating',
        producedAt: s.producedAt ? new Date(s.producedAt) : null,
        periodFrom: s.period?.from ?? null,
        periodTo: s.period?.to ?? null,
        signalRows: null,
        assessmentRows: null,
        contentSha256: s.contentSha256,
        report: null,
        submittedBy: s.submittedBy,
      } as unknown as QueryDeepPartialEntity<BatchEntity>,
      ['id'],
    );
  }

  async setStatus(
    regionCode: string,
    batchId: string,
    status: BatchStatus,
    extra: { report?: unknown; signalRows?: number | null; assessmentRows?: number | null } = {},
  ): Promise<void> {
    await this.repo.update({ id: batchKey(regionCode, batchId) }, { status, ...extra } as QueryDeepPartialEntity<BatchEntity>);
  }

  async setStatusMany(keys: string[], status: BatchStatus, report?: unknown): Promise<void> {
    if (keys.length === 0) return;
    await this.repo.update({ id: In(keys) }, (report === undefined ? { status } : { status, report }) as QueryDeepPartialEntity<BatchEntity>);
  }

  /** Rows left in a transient or loaded status, for reconciliation with the served snapshot. */
  async unsettled(): Promise<Pick<BatchEntity, 'id' | 'status'>[]> {
    return this.repo.find({ select: { id: true, status: true }, where: { status: In(['validating', 'loading', 'loaded']) } });
  }
}
