import { Inject, Injectable } from '@nestjs/common';
import { AuditLogEntity, verifyAuditChain, type AuditChainReport } from '@weegwijzer/store';
import { DataSource } from 'typeorm';
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

/** The columns an insert writes, in the order of its parameters (the chain trigger sets id, prev_hash and hash). */
const AUDIT_COLUMNS = ['at', 'request_id', 'who', 'role', 'region_code', 'method', 'route', 'params', 'status', 'duration_ms'] as const;

/** Append-only: this repository inserts and reads; it has no update or delete. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(OPERATIONAL_STORE) private readonly ds: DataSource) {}

  /**
   * One INSERT statement (atomic on its own); the database chains the rows (see AuditChain
   * migration). Written as plain parameterised SQL: the query builder's entity handling and
   * RETURNING clause cost more than the insert itself, on every API request.
   */
  async insertMany(rows: AuditRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const r of rows) {
      const base = values.length;
      values.push(
        r.at,
        r.requestId ?? null,
        r.who,
        r.role ?? null,
        r.regionCode ?? null,
        r.method,
        r.route,
        r.params == null ? null : JSON.stringify(r.params),
        r.status,
        r.durationMs,
      );
      tuples.push(`(${AUDIT_COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')})`);
    }
    await this.ds.query(`INSERT INTO ${this.table()} (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }

  /** The audit table, schema-qualified when the store has a schema of its own (tests). */
  private table(): string {
    const meta = this.ds.getMetadata(AuditLogEntity);
    return meta.schema ? `"${meta.schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
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
