import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One login. An access token names its session, so revoking the row revokes the token; the
 * refresh cookie's credential is bound to the row too (only its SHA-256 is stored).
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the refresh credential stops working; each refresh moves it on by SESSION_TTL_SECONDS. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** SHA-256 of the current refresh credential (null for sessions made before v2). */
  @Column({ name: 'refresh_hash', type: 'bytea', nullable: true, select: false })
  refreshHash!: Buffer | null;

  /** SHA-256 of the credential the last refresh replaced: presenting it again is a replay. */
  @Column({ name: 'previous_refresh_hash', type: 'bytea', nullable: true, select: false })
  previousRefreshHash!: Buffer | null;

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt!: Date | null;
}
