import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions: each session row holds the hash of its current refresh credential and of
 * the one it replaced (a replayed old credential revokes the session). Indexes let the periodic
 * sweep find expired and revoked sessions and stale login-failure windows without a full scan.
 */
export class SessionRefresh1764810000000 implements MigrationInterface {
  name = 'SessionRefresh1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sessions
        ADD COLUMN refresh_hash bytea,
        ADD COLUMN previous_refresh_hash bytea,
        ADD COLUMN refreshed_at timestamptz;
      CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
      CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
      CREATE INDEX login_failures_window_started_at_idx ON login_failures (window_started_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX login_failures_window_started_at_idx;
      DROP INDEX sessions_revoked_at_idx;
      DROP INDEX sessions_expires_at_idx;
      ALTER TABLE sessions
        DROP COLUMN refreshed_at,
        DROP COLUMN previous_refresh_hash,
        DROP COLUMN refresh_hash;
    `);
  }
}
