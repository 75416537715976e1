import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MentionsService } from '../memberships/mentions.service';
import {
  REPLY_PREVIEW_LENGTH,
  type Message,
  type Reaction,
  type UserSummary,
} from '@chat/contract';

/** Anything that runs SQL: the data source, or a transaction's entity manager. */
export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

export type RoomRef = { id: string; name: string };

interface MessageRow {
  id: string;
  seq: string;
  author_id: string;
  author_username: string;
  content: string;
  client_id: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted: boolean;
  reply_id: string | null;
  reply_author_id: string | null;
  reply_author_username: string | null;
  reply_content: string | null;
  reply_deleted: boolean | null;
}

interface ReactionRow {
  message_id: string;
  emoji: string;
  user_id: string;
  username: string;
}

/** Every field of the contract's Message; `m` is the message, `p` what it replies to. */
const MESSAGE_SELECT = `
  SELECT m.id, m.seq, m.author_id, u.username AS author_username, m.content, m.client_id,
         m.created_at, m.edited_at, m.deleted_at IS NOT NULL AS deleted,
         p.id AS reply_id, pu.id AS reply_author_id, pu.username AS reply_author_username,
         CASE WHEN p.deleted_at IS NULL THEN left(p.content, ${REPLY_PREVIEW_LENGTH}) ELSE '' END
           AS reply_content,
         p.deleted_at IS NOT NULL AS reply_deleted
    FROM messages m
    JOIN users u ON u.id = m.author_id
    LEFT JOIN messages p ON p.id = m.reply_to_id
    LEFT JOIN users pu ON pu.id = p.author_id`;

/**
 * Reads messages in the contract's shape: their reply previews in the same query, their
 * reactions in one more for the whole page. Only the messages module reads these tables.
 */
@Injectable()
export class MessageReader {
  constructor(
    private readonly db: DataSource,
    private readonly mentions: MentionsService,
  ) {}

  /**
   * The room's messages matching `where` (SQL on `m`, parameters from `$2`), `ORDER BY`/`LIMIT`
   * included in `tail`.
   */
  async select(
    room: RoomRef,
    where: string,
    params: unknown[],
    tail: string,
    db: Queryable = this.db,
  ): Promise<Message[]> {
    const rows = await db.query<MessageRow[]>(
      `${MESSAGE_SELECT} WHERE m.room_id = $1 AND ${where} ${tail}`,
      [room.id, ...params],
    );
    const live = rows.filter((row) => !row.deleted).map((row) => row.id);
    const reactions = await this.reactionsOf(live, db);
    const mentions = await this.mentions.of(live, db);
    return rows.map((row) =>
      toMessage(room.name, row, reactions.get(row.id) ?? [], mentions.get(row.id) ?? []),
    );
  }

  async one(room: RoomRef, id: string, db: Queryable = this.db): Promise<Message | undefined> {
    const [message] = await this.select(room, 'm.id = $2', [id], '', db);
    return message;
  }

  private async reactionsOf(ids: string[], db: Queryable): Promise<Map<string, Reaction[]>> {
    const byMessage = new Map<string, Reaction[]>();
    if (ids.length === 0) return byMessage;
    const rows = await db.query<ReactionRow[]>(
      `SELECT r.message_id, r.emoji, u.id AS user_id, u.username
         FROM message_reactions r JOIN users u ON u.id = r.user_id
        WHERE r.message_id = ANY($1::bigint[])
        ORDER BY r.message_id, r.ord`,
      [ids],
    );
    // Rows come in the order they were added, so an emoji's entry is placed by its first user.
    for (const row of rows) {
      const entries = byMessage.get(row.message_id) ?? [];
      if (entries.length === 0) byMessage.set(row.message_id, entries);
      const user: UserSummary = { id: row.user_id, username: row.username };
      const entry = entries.find((e) => e.emoji === row.emoji);
      if (entry) {
        entry.users.push(user);
        entry.count = entry.users.length;
      } else {
        entries.push({ emoji: row.emoji, count: 1, users: [user] });
      }
    }
    return byMessage;
  }
}

function toMessage(
  roomName: string,
  row: MessageRow,
  reactions: Reaction[],
  mentions: UserSummary[],
): Message {
  const base = {
    id: row.id,
    room: roomName,
    author: { id: row.author_id, username: row.author_username },
    createdAt: row.created_at.toISOString(),
    clientId: row.client_id,
    seq: row.seq,
    editedAt: row.edited_at?.toISOString() ?? null,
  };
  if (row.deleted) {
    return { ...base, content: '', deleted: true, replyTo: null, reactions: [], mentions: [] };
  }
  const replyTo =
    row.reply_id === null || row.reply_author_id === null || row.reply_author_username === null
      ? null
      : {
          id: row.reply_id,
          author: { id: row.reply_author_id, username: row.reply_author_username },
          content: row.reply_content ?? '',
          deleted: row.reply_deleted === true,
        };
  return { ...base, content: row.content, deleted: false, replyTo, reactions, mentions };
}

/** A message as just created: nothing has changed it yet. */
export function newMessage(
  roomName: string,
  author: UserSummary,
  row: { id: string; content: string; clientId: string | null; createdAt: Date },
  replyTo: Message['replyTo'],
  mentions: UserSummary[] = [],
): Message {
  return {
    id: row.id,
    room: roomName,
    author: { id: author.id, username: author.username },
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    clientId: row.clientId,
    seq: row.id,
    editedAt: null,
    deleted: false,
    replyTo,
    reactions: [],
    mentions,
  };
}
