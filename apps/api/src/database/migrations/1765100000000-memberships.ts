import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Memberships: who belongs to which room, and where each of them has read up to. Rooms gain a
 * kind; a direct room carries `direct_key` (its two people's ids, sorted), whose unique index
 * makes one direct room per pair even when both start it at once (ON CONFLICT on that key).
 * Existing rooms become public, their owners their owner members, read up to the newest message.
 */
export class Memberships1765100000000 implements MigrationInterface {
  name = 'Memberships1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE rooms
        ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'public'
          CONSTRAINT rooms_kind_check CHECK (kind IN ('public', 'private', 'direct')),
        ADD COLUMN direct_key text,
        ADD CONSTRAINT rooms_direct_key_check CHECK ((kind = 'direct') = (direct_key IS NOT NULL));
      CREATE UNIQUE INDEX rooms_direct_key_key ON rooms (direct_key) WHERE direct_key IS NOT NULL;
      CREATE INDEX rooms_public_name_idx ON rooms (lower(name)) WHERE kind = 'public';

      CREATE TABLE room_members (
        room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role varchar(16) NOT NULL DEFAULT 'member'
          CONSTRAINT room_members_role_check CHECK (role IN ('owner', 'moderator', 'member')),
        last_read_id bigint NOT NULL DEFAULT 0,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (room_id, user_id)
      );
      CREATE INDEX room_members_user_id_idx ON room_members (user_id);

      INSERT INTO room_members (room_id, user_id, role, last_read_id, joined_at)
      SELECT r.id, r.owner_id, 'owner',
             COALESCE((SELECT max(m.id) FROM messages m WHERE m.room_id = r.id), 0),
             r.created_at
        FROM rooms r;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE room_members;
      DROP INDEX rooms_public_name_idx;
      DROP INDEX rooms_direct_key_key;
      ALTER TABLE rooms DROP CONSTRAINT rooms_direct_key_check, DROP COLUMN direct_key, DROP COLUMN kind;
    `);
  }
}
