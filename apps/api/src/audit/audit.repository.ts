import { Inject, Injectable } from '@nestjs/common';
import { AuditLogEntity, verifyAuditChain, type AuditChainReport } from '@weegwijzer/store';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OPERATIONAL_STORE } from '../app/tokens';
import type { AuditRecord } from './audit-record';

export interface AuditFilter {
  who?: string;
  role?: string;
  route?: string;
  status?: number;
  from?: Date;
  to?: Date;
}

/** Append-only: this repository inserts and reads; it has no update or delete. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(OPERATIONAL_STORE) private readonly ds: DataSource) {}

  /** One INSERT statement (atomic on its own); the database chains the rows (see AuditChain migration). */
  async insertMany(rows: AuditRecord[]): Promise<void> {
    if (rows.length > 0) await this.ds.getRepository(AuditLogEntity).insert(rows as QueryDeepPartialEntity<AuditLogEntity>[]);
  }

  verifyChain(): Promise<AuditChainReport> {
    return verifyAuditChain(this.ds);
  }

  async find(filter: AuditFilter, offset: number, limit: number): Promise<{ total: number; rows: AuditLogEntity[] }> {
    const qb = this.ds.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (filter.who !== undefined) qb.andWhere('a.who ILIKE :who', { who: `%${filter.who.replace(/[\\%_]/g, '\\$&')}%` });
    if (filter.role !== undefined) qb.andWhere('a.role = :role', { role: filter.role });
    if (filter.route !== undefined) qb.andWhere('a.route = :route', { route: filter.route });
    if (filter.status !== undefined) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.from !== undefined) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to !== undefined) qb.andWhere('a.at < :to', { to: filter.to });
    const [rows, total] = await qb.orderBy('a.id', 'DESC').skip(offset).take(limit).getManyAndCount();
    return { total, rows };
  }
}
