import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Site roles and the audit log. Every account becomes a `member` but the oldest, which becomes
 * the admin (a new database's first signup is its admin; see UsersService.create). Deactivated
 * accounts keep their row and their messages; `deactivated_at` says since when.
 *
 * `audit_entries.room_name` keeps the room's name as it was, so an entry still names a room
 * that was deleted since (`room_id` then turns null).
 */
export class SiteRolesAndAudit1765200000000 implements MigrationInterface {
  name = 'SiteRolesAndAudit1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN role varchar(16) NOT NULL DEFAULT 'member'
          CONSTRAINT users_role_check CHECK (role IN ('admin', 'member')),
        ADD COLUMN deactivated_at timestamptz;
      UPDATE users SET role = 'admin'
       WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);
      CREATE INDEX users_active_admins_idx ON users (id)
        WHERE role = 'admin' AND deactivated_at IS NULL;

      CREATE TABLE audit_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid NOT NULL REFERENCES users (id),
        action varchar(32) NOT NULL,
        room_id uuid REFERENCES rooms (id) ON DELETE SET NULL,
        room_name varchar(64),
        target_id uuid REFERENCES users (id),
        detail text
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_entries;
      DROP INDEX users_active_admins_idx;
      ALTER TABLE users DROP COLUMN deactivated_at, DROP COLUMN role;
    `);
  }
}
