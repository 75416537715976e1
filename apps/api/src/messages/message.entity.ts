import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A chat message. `id` is a bigint identity handed out under a per-room lock, so within a room
 * a later commit always has a larger id (see MessageWriter). `seq` is its change cursor: `id` at
 * creation, then a new value of the same sequence, under the same lock, at each change (see
 * MessageChanges).
 */
@Entity('messages')
export class MessageEntity {
  @PrimaryColumn({ type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64, nullable: true })
  clientId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  /** Set once: the message is a tombstone from then on (its content is erased). */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  deletedBy!: string | null;

  @Column({ name: 'reply_to_id', type: 'bigint', nullable: true })
  replyToId!: string | null;
}
