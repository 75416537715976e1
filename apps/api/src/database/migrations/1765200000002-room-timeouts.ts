import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time-outs: one row per room and member put on mute, with the time it ends. Like a ban, a row
 * whose `expires_at` has passed simply stops counting (every check compares it with the clock),
 * so no job removes it; a new time-out replaces it. Kept apart from `room_members` so that leaving
 * and joining again does not end it. The primary key is the index the send's INSERT probes.
 */
export class RoomTimeouts1765200000002 implements MigrationInterface {
  name = 'RoomTimeouts1765200000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE room_timeouts (
        room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        by_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (room_id, user_id)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE room_timeouts');
  }
}
