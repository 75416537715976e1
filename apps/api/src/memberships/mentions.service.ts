import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UNREAD_COUNT_CAP, type UserSummary } from '@chat/contract';
import { mentionedKeys } from './mention-parser';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * The `message_mentions` table's owner: who a message mentions, parsed from its stored text
 * (members of the room only, never the author), and how many unread messages mention someone.
 */
@Injectable()
export class MentionsService {
  constructor(private readonly db: DataSource) {}

  /** The room's members the text mentions, in order of first appearance, the author left out. */
  async resolve(
    roomId: string,
    authorId: string,
    content: string,
    db: Queryable = this.db,
  ): Promise<UserSummary[]> {
    const keys = mentionedKeys(content);
    if (keys.length === 0) return [];
    const rows = await db.query<{ id: string; username: string; key: string }[]>(
      `SELECT u.id, u.username, lower(u.username) AS key
         FROM room_members rm JOIN users u ON u.id = rm.user_id
        WHERE rm.room_id = $1 AND lower(u.username) = ANY($2::text[]) AND u.id <> $3`,
      [roomId, keys, authorId],
    );
    const byKey = new Map(rows.map((row) => [row.key, { id: row.id, username: row.username }]));
    return keys.flatMap((key) => byKey.get(key) ?? []);
  }

  /** Records a new message's mentions. */
  async record(
    messageId: string,
    roomId: string,
    users: readonly UserSummary[],
    db: Queryable = this.db,
  ): Promise<void> {
    if (users.length === 0) return;
    await db.query(
      `INSERT INTO message_mentions (message_id, room_id, user_id, ord)
       SELECT $1, $2, u.id, u.ord FROM unnest($3::uuid[]) WITH ORDINALITY AS u (id, ord)
       ON CONFLICT DO NOTHING`,
      [messageId, roomId, users.map((user) => user.id)],
    );
  }

  /**
   * An edit's mentions replace the old ones; returns the people it newly mentions (the only
   * ones to notify again).
   */
  async replace(
    messageId: string,
    roomId: string,
    users: readonly UserSummary[],
    db: Queryable,
  ): Promise<UserSummary[]> {
    const before = await db.query<{ user_id: string }[]>(
      'SELECT user_id FROM message_mentions WHERE message_id = $1',
      [messageId],
    );
    await db.query('DELETE FROM message_mentions WHERE message_id = $1', [messageId]);
    await this.record(messageId, roomId, users, db);
    const earlier = new Set(before.map((row) => row.user_id));
    return users.filter((user) => !earlier.has(user.id));
  }

  /**
   * A deleted message mentions nobody any more (the contract's tombstone has `mentions: []`),
   * in the delete's transaction: so the unread counts below need not look at `messages`.
   */
  async forget(messageId: string, db: Queryable): Promise<void> {
    await db.query('DELETE FROM message_mentions WHERE message_id = $1', [messageId]);
  }

  /** The mentions of each given message, in order of first appearance. */
  async of(
    messageIds: readonly string[],
    db: Queryable = this.db,
  ): Promise<Map<string, UserSummary[]>> {
    const byMessage = new Map<string, UserSummary[]>();
    if (messageIds.length === 0) return byMessage;
    const rows = await db.query<{ message_id: string; id: string; username: string }[]>(
      `SELECT mm.message_id, u.id, u.username
         FROM message_mentions mm JOIN users u ON u.id = mm.user_id
        WHERE mm.message_id = ANY($1::bigint[])
        ORDER BY mm.message_id, mm.ord`,
      [messageIds],
    );
    for (const { message_id, id, username } of rows) {
      const list = byMessage.get(message_id);
      if (list) list.push({ id, username });
      else byMessage.set(message_id, [{ id, username }]);
    }
    return byMessage;
  }

  /**
   * Per room, the messages after the user's marker that mention them: an index-only range on
   * (user_id, room_id, message_id) stopped at UNREAD_COUNT_CAP. Deleted messages have no rows
   * (`forget`), so no join to `messages` is needed; with one, a member who never read 50 busy
   * rooms cost 5,000 primary-key lookups, 21 of the list's 25 ms (docs/performance.md,
   * "Memberships (issue 12)").
   */
  async unreadCounts(
    userId: string,
    markers: readonly { roomId: string; lastReadId: string }[],
  ): Promise<Map<string, number>> {
    if (markers.length === 0) return new Map();
    const rows = await this.db.query<{ room_id: string; mentions: number }[]>(
      `SELECT k.room_id,
              (SELECT count(*)::int FROM (
                 SELECT 1 FROM message_mentions mm
                  WHERE mm.user_id = $1 AND mm.room_id = k.room_id
                    AND mm.message_id > k.last_read_id
                  LIMIT $4) AS mentioned) AS mentions
         FROM unnest($2::uuid[], $3::bigint[]) AS k (room_id, last_read_id)`,
      [
        userId,
        markers.map((marker) => marker.roomId),
        markers.map((marker) => marker.lastReadId),
        UNREAD_COUNT_CAP,
      ],
    );
    return new Map(rows.map((row) => [row.room_id, row.mentions]));
  }
}
