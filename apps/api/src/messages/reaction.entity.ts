import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One user's emoji on one message: a row each, so concurrent reactions never overwrite. */
@Entity('message_reactions')
export class ReactionEntity {
  @PrimaryColumn({ name: 'message_id', type: 'bigint' })
  messageId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  emoji!: string;

  /** The order reactions were added in (entries by their first user, users in this order). */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS' })
  ord!: string;
}
