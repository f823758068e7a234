import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** How the weegploeg of a region is organised (report §3.1.1). */
export const WEEGPLOEG_ORGANISATIONS = ['gemeentelijk', 'regionaal', 'provinciaal', 'driehoek'] as const;
export type WeegploegOrganisation = (typeof WEEGPLOEG_ORGANISATIONS)[number];

/** Whether the model covenant was adapted to the local situation or taken over one-to-one. */
export const COVENANT_ADAPTATIONS = ['lokaal_aangepast', 'een_op_een'] as const;
export type CovenantAdaptation = (typeof COVENANT_ADAPTATIONS)[number];

/** Frameworks (contract `framework` codes) in use per core party. */
export interface FrameworksByParty {
  gemeente?: string[];
  politie?: string[];
  om?: string[];
}

/**
 * The registry profile of one region: covenant status, weegploeg organisation, frameworks
 * per party and capacity. Every field is nullable: unknown stays null, never guessed.
 */
@Entity({ name: 'region_profile' })
export class RegionProfileEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode!: string;

  @Column({ name: 'covenant_signed', type: 'boolean', nullable: true })
  covenantSigned!: boolean | null;

  @Column({ name: 'covenant_start_date', type: 'date', nullable: true })
  covenantStartDate!: string | null;

  @Column({ name: 'covenant_adaptation', type: 'varchar', length: 20, nullable: true })
  covenantAdaptation!: CovenantAdaptation | null;

  @Column({ name: 'covenant_published_staatscourant', type: 'boolean', nullable: true })
  covenantPublishedStaatscourant!: boolean | null;

  @Column({ name: 'reference_framework_published', type: 'boolean', nullable: true })
  referenceFrameworkPublished!: boolean | null;

  @Column({ name: 'weegploeg_organisation', type: 'varchar', length: 20, nullable: true })
  weegploegOrganisation!: WeegploegOrganisation | null;

  @Column({ name: 'frameworks', type: 'jsonb', nullable: true })
  frameworks!: FrameworksByParty | null;

  @Column({ name: 'key_officials', type: 'integer', nullable: true })
  keyOfficials!: number | null;

  /** FTE as a decimal string (numeric(6,2)); the service converts it to a number. */
  @Column({ name: 'capacity_fte', type: 'numeric', precision: 6, scale: 2, nullable: true })
  capacityFte!: string | null;

  /** Where the non-null values come from (e.g. a report section). */
  @Column({ name: 'source_note', type: 'text', nullable: true })
  sourceNote!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'updated_by', type: 'varchar', length: 120, nullable: true })
  updatedBy!: string | null;
}

/** One change to a region profile: who, when, and old/new per changed field. */
@Entity({ name: 'region_profile_history' })
@Index(['regionCode', 'changedAt'])
export class RegionProfileHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 4 })
  regionCode!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  /** Token name (or OIDC subject) of who changed it. */
  @Column({ name: 'changed_by', type: 'varchar', length: 120 })
  changedBy!: string;

  @Column({ name: 'changed_by_token', type: 'varchar', length: 64, nullable: true })
  changedByToken!: string | null;

  /** `{ field: { old, new } }` for every field that changed. */
  @Column({ type: 'jsonb' })
  changes!: Record<string, { old: unknown; new: unknown }>;
}
