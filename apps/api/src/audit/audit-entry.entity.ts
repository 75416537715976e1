import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditAction } from '@chat/contract';

@Entity('audit_entries')
export class AuditEntryEntity {
  /** bigint: read as a string, like message ids. */
  @PrimaryColumn({ type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ type: 'varchar', length: 32 })
  action!: AuditAction;

  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId!: string | null;

  @Column({ name: 'room_name', type: 'varchar', length: 64, nullable: true })
  roomName!: string | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
