import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages that change (contract v2): a change cursor `seq` per message, edits, tombstones,
 * replies and reactions.
 *
 * `seq` is drawn from the messages' own id sequence: a creation takes `seq = id` (the trigger,
 * so the writer's INSERT is untouched), and every change draws `nextval` of the same sequence
 * while it holds the room's advisory lock, the lock the writer's INSERT takes. So within a room
 * `seq` follows commit order, and a v1 `since` (a message id) is a valid cursor. Existing rows
 * start with `seq = id`. Reactions are rows keyed (message, user, emoji), never a JSON array
 * rewritten, so concurrent reactions cannot overwrite each other; `ord` keeps the order they
 * were added in.
 */
export class MessagesThatChange1765000000000 implements MigrationInterface {
  name = 'MessagesThatChange1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE messages
        ADD COLUMN seq bigint,
        ADD COLUMN edited_at timestamptz,
        ADD COLUMN deleted_at timestamptz,
        ADD COLUMN deleted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN reply_to_id bigint REFERENCES messages (id) ON DELETE SET NULL;
      UPDATE messages SET seq = id;
      ALTER TABLE messages ALTER COLUMN seq SET NOT NULL;
      CREATE INDEX messages_room_id_seq_idx ON messages (room_id, seq);
      CREATE INDEX messages_reply_to_id_idx ON messages (reply_to_id) WHERE reply_to_id IS NOT NULL;

      CREATE FUNCTION messages_seq_from_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.seq := NEW.id;
        RETURN NEW;
      END
      $$;
      CREATE TRIGGER messages_seq_from_id BEFORE INSERT ON messages
        FOR EACH ROW EXECUTE FUNCTION messages_seq_from_id();

      CREATE TABLE message_reactions (
        message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        emoji text NOT NULL,
        ord bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (message_id, user_id, emoji)
      );
      CREATE INDEX message_reactions_user_id_idx ON message_reactions (user_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE message_reactions;
      DROP TRIGGER messages_seq_from_id ON messages;
      DROP FUNCTION messages_seq_from_id();
      DROP INDEX messages_reply_to_id_idx;
      DROP INDEX messages_room_id_seq_idx;
      ALTER TABLE messages
        DROP COLUMN reply_to_id,
        DROP COLUMN deleted_by,
        DROP COLUMN deleted_at,
        DROP COLUMN edited_at,
        DROP COLUMN seq;
    `);
  }
}
