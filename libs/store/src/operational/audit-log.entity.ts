import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The audit log: one row per API request, including denied ones. Append-only: the
 * repository only inserts, and a trigger rejects UPDATE, DELETE and TRUNCATE.
 * Never holds a token or a metric value; only who, what route, which scope, the result.
 * Hash-chained: each row carries the hash of the one before (see audit-chain.ts).
 */
@Entity({ name: 'audit_log' })
@Index(['at'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Token id and name (`tok_…:name`), OIDC subject, or `anonymous`. */
  @Column({ type: 'varchar', length: 160 })
  who!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  role!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 4, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 8 })
  method!: string;

  /** The route pattern (`/api/v1/metrics/:name`), not the concrete URL. */
  @Column({ type: 'varchar', length: 200 })
  route!: string;

  /** Route parameters and whitelisted scope/query parameters. */
  @Column({ type: 'jsonb', nullable: true })
  params!: Record<string, unknown> | null;

  @Column({ type: 'integer' })
  status!: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  /** The request's X-Request-Id (also in its log line and error body). */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** Hash chain (see audit-chain.ts): set by the database on insert, never by the application. */
  @Column({ name: 'prev_hash', type: 'char', length: 64, insert: false, update: false })
  prevHash!: string;

  @Column({ type: 'char', length: 64, insert: false, update: false })
  hash!: string;
}
