import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An API bearer token. Only the SHA-256 of the token is stored; the token itself is shown
 * once when created and cannot be recovered.
 */
@Entity({ name: 'api_token' })
export class ApiTokenEntity {
  /** Public identifier (`tok_` + 12 hex), safe to log and to show in listings. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'token_sha256', type: 'char', length: 64 })
  tokenSha256!: string;

  /** Who or what the token is for (a person's or system's name). */
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: string;

  /** Region a `regio` token is bound to; null for the other roles. */
  @Column({ name: 'region_code', type: 'varchar', length: 4, nullable: true })
  regionCode!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** After this moment the token is refused (401); null = no expiry. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
