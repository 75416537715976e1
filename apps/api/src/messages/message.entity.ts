import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A chat message. `id` is a bigint identity handed out under a per-room lock, so within a room
 * a later commit always has a larger id (see MessagesRepository).
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
}
