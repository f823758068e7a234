import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** `interrupted`: the process stopped (crash, kill) while the batch was validated or loaded; deliver it again. */
export type BatchStatus = 'validating' | 'loading' | 'loaded' | 'rejected' | 'failed' | 'interrupted';

/**
 * The batch ledger: one row per delivered batch. A rejected batch keeps only its
 * rejection report (file, row, column, rule — never a value); nothing else of it is kept.
 */
@Entity({ name: 'batch' })
@Index(['regionCode', 'batchId'], { unique: true })
export class BatchEntity {
  /** `<region_code>/<batch_id>`. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  id!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode!: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 64 })
  batchId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: BatchStatus;

  @Column({ name: 'produced_at', type: 'timestamptz', nullable: true })
  producedAt!: Date | null;

  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom!: string | null;

  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo!: string | null;

  @Column({ name: 'signal_rows', type: 'integer', nullable: true })
  signalRows!: number | null;

  @Column({ name: 'assessment_rows', type: 'integer', nullable: true })
  assessmentRows!: number | null;

  /** Hash of the manifest + files, to tell a true re-delivery from a conflicting one. */
  @Column({ name: 'content_sha256', type: 'varchar', length: 64, nullable: true })
  contentSha256!: string | null;

  /** Validation report (errors and counts); never an offending value. */
  @Column({ type: 'jsonb', nullable: true })
  report!: unknown;

  /** Who delivered it (token name / `cli`), for the audit trail. */
  @Column({ name: 'submitted_by', type: 'varchar', length: 120, nullable: true })
  submittedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
