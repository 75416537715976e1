import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who each message mentions, parsed from its stored text at send and edit. The index serves
 * "my mentions in this room after my marker" as one range.
 */
export class Mentions1765100000001 implements MigrationInterface {
  name = 'Mentions1765100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message_mentions (
        message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        ord int NOT NULL,
        PRIMARY KEY (message_id, user_id)
      );
      CREATE INDEX message_mentions_user_room_message_idx
        ON message_mentions (user_id, room_id, message_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE message_mentions');
  }
}
