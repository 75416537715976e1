import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bans: one row per room and person (member or not). `expires_at` null is a ban without end;
 * an expired row simply stops counting (every check compares it with the clock), so no job has
 * to remove it; a new ban replaces it.
 */
export class RoomBans1765200000001 implements MigrationInterface {
  name = 'RoomBans1765200000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE room_bans (
        room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        by_id uuid NOT NULL REFERENCES users (id),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        PRIMARY KEY (room_id, user_id)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE room_bans');
  }
}
