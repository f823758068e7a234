import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The retention ledger: one row per region per purge, with counts only (never an id or a
 * value). Append-only, like the audit log.
 */
@Entity({ name: 'purge_log' })
export class PurgeLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The purge run (also in the snapshot pointer that published it). */
  @Column({ name: 'purge_id', type: 'varchar', length: 64 })
  purgeId!: string;

  @Column({ name: 'purged_at', type: 'timestamptz' })
  purgedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  term!: string;

  /** Signals received before this date were removed. */
  @Column({ type: 'date' })
  horizon!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode!: string;

  @Column({ type: 'integer' })
  signals!: number;

  @Column({ type: 'integer' })
  assessments!: number;

  @Column({ name: 'snapshot_id', type: 'varchar', length: 64 })
  snapshotId!: string;
}
