import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deleted message mentions nobody: its delete now removes its `message_mentions` rows, so
 * counting "my unread mentions" is one index range with no look at `messages`. This removes the
 * rows of the messages deleted before that. Down keeps them removed: a tombstone's text is gone,
 * and with it what they were parsed from; the counts are the same either way.
 */
export class ForgetDeletedMentions1765300000000 implements MigrationInterface {
  name = 'ForgetDeletedMentions1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM message_mentions mm
       USING messages m
       WHERE m.id = mm.message_id AND m.deleted_at IS NOT NULL
    `);
  }

  async down(): Promise<void> {
    // Nothing to restore (see above).
  }
}
