import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CHANGED_MESSAGES_MAX,
  CHANGES_PAGE_DEFAULT,
  MESSAGES_PAGE_DEFAULT,
  MISSED_MESSAGES_MAX,
  UNREAD_COUNT_CAP,
  REPLY_PREVIEW_LENGTH,
  type Message,
  type ReplyPreview,
  type UserSummary,
} from '@chat/contract';
import { DomainError, notFound } from '../common/domain-error';
import { MentionsService } from '../memberships/mentions.service';
import { RoomMembersService } from '../memberships/room-members.service';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomActivity } from '../realtime/room-activity';
import { RateLimits } from '../limits/rate-limits.service';
import { MessageReader, newMessage, type RoomRef } from './message-reader';
import { MessageWriter, type StoredMessage } from './message-writer';

export interface PageQuery {
  before?: string;
  after?: string;
  limit?: number;
}

export interface SendOptions {
  clientId?: string;
  /** The id of the message answered. */
  replyTo?: string;
}

interface ReplyRow {
  id: string;
  author_id: string;
  author_username: string;
  preview: string;
}

const MAX_BIGINT = 2n ** 63n - 1n;
/** History and `missed` leave tombstones out; `…/changes` and `changed` carry them. */
const LIVE = 'm.deleted_at IS NULL';

interface ActivityRow {
  room_id: string;
  last_message_id: string | null;
  last_message_at: Date | null;
  unread_count: number;
}

export interface RoomActivitySummary {
  lastMessageId: string | null;
  lastMessageAt: string | null;
  unreadCount: number;
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly db: DataSource,
    private readonly writer: MessageWriter,
    private readonly reader: MessageReader,
    private readonly limits: RateLimits,
    private readonly realtime: RealtimePublisher,
    private readonly metrics: MetricsService,
    private readonly members: RoomMembersService,
    private readonly activity: RoomActivity,
    private readonly mentions: MentionsService,
  ) {}

  /**
   * Stores the message (once per clientId), then broadcasts it; resolves after the commit. Within
   * the sender's budget (SEND_BURST, SEND_PER_SECOND); over it, a retry of a stored clientId still
   * gets its message, as the contract promises a retry. A reply's original must be a live message
   * of the same room (`not_found` otherwise).
   */
  async send(
    author: UserSummary,
    room: RoomRef,
    content: string,
    { clientId, replyTo }: SendOptions = {},
  ): Promise<Message> {
    const startedAt = process.hrtime.bigint();
    const text = content.trim();
    if (text.length === 0) throw new DomainError('invalid', 'content must not be empty');
    const original = replyTo === undefined ? null : await this.replyPreview(room, replyTo);
    const message = {
      roomId: room.id,
      authorId: author.id,
      content: text,
      replyToId: original?.id ?? null,
    };
    let stored: StoredMessage;
    if ((await this.limits.take('sends', author.id)).allowed) {
      stored = await this.writer.write({ ...message, clientId: clientId ?? null });
    } else {
      // Looked up only here, so the sends within budget (nearly all) pay nothing for it.
      const earlier = clientId && (await this.writer.findStored({ ...message, clientId }));
      if (!earlier) throw new DomainError('rate_limited', 'you are sending too fast, slow down');
      stored = earlier;
    }
    if (!stored.created) {
      const earlier = await this.current(room, stored.id);
      this.metrics.messageAcknowledged(startedAt);
      return earlier;
    }
    // Parsed from the stored text, members only; the (rare) messages with an `@` pay for it.
    const mentioned = await this.mentions.resolve(room.id, author.id, stored.content);
    await this.mentions.record(stored.id, room.id, mentioned);
    const sent = newMessage(room.name, author, stored, original, mentioned);
    this.realtime.emitToRoom(room.id, 'message:new', sent);
    for (const user of mentioned) {
      this.realtime.emitToUser(user.id, 'mention', { room: room.name, message: sent });
    }
    this.activity.committed(room.id, room.name, sent.id);
    await this.markSent(room, author, sent.id);
    this.metrics.messageAcknowledged(startedAt);
    return sent;
  }

  /** Sending reads the room up to one's own message (other tabs hear `read`). */
  private async markSent(room: RoomRef, author: UserSummary, id: string): Promise<void> {
    const marker = await this.members.markRead(room.id, author.id, id);
    if (marker?.moved) {
      this.realtime.emitToUser(author.id, 'read', {
        room: room.name,
        lastReadId: marker.lastReadId,
      });
    }
  }

  /**
   * For each of the user's rooms: its newest message (deleted ones included) and how many
   * messages after the user's marker are neither deleted nor the user's own — an index range on (room_id, id)
   * stopped at UNREAD_COUNT_CAP, so a count is computed each time and can never drift.
   *
   * Both ranges are written as two row comparisons, ordered as the index is, because with
   * `room_id = … AND id > …` (or `ORDER BY id DESC` for the newest) PostgreSQL may prefer the
   * primary key (ids follow the table's order) and filter every other room's messages: 5.5 s,
   * then 2.8 s, for a member of 50 rooms of 10,000 messages each, against 1–12 ms this way
   * (tools/bench/my-rooms.mjs, docs/performance.md). `room_id = k.room_id ORDER BY room_id DESC,
   * id DESC` is no way out: the equality makes room_id a constant, the order is `id DESC` again
   * and PostgreSQL 15 walks the primary key (2.2 s). The row comparisons cannot be served by the
   * primary key; both PostgreSQL 15 and the embedded PGlite (18) read them as one backward index
   * descent per room (EXPLAIN ANALYZE: 0.8 ms and 2.5 ms for the 50 rooms).
   */
  async activitySince(
    userId: string,
    markers: readonly { roomId: string; lastReadId: string }[],
  ): Promise<Map<string, RoomActivitySummary>> {
    if (markers.length === 0) return new Map();
    const rows = await this.db.query<ActivityRow[]>(
      `SELECT k.room_id, last.id AS last_message_id, last.created_at AS last_message_at,
              (SELECT count(*)::int FROM (
                 SELECT 1 FROM messages m
                  WHERE (m.room_id, m.id) > (k.room_id, k.last_read_id)
                    AND (m.room_id, m.id) <= (k.room_id, ${MAX_BIGINT})
                    AND m.author_id <> $1 AND m.deleted_at IS NULL
                  ORDER BY m.room_id, m.id
                  LIMIT $4) AS unread) AS unread_count
         FROM unnest($2::uuid[], $3::bigint[]) AS k (room_id, last_read_id)
         LEFT JOIN LATERAL (
           SELECT m.id, m.created_at FROM messages m
            WHERE (m.room_id, m.id) >= (k.room_id, 0)
              AND (m.room_id, m.id) <= (k.room_id, ${MAX_BIGINT})
            ORDER BY m.room_id DESC, m.id DESC LIMIT 1) AS last ON TRUE`,
      [
        userId,
        markers.map((marker) => marker.roomId),
        markers.map((marker) => marker.lastReadId),
        UNREAD_COUNT_CAP,
      ],
    );
    return new Map(
      rows.map((row) => [
        row.room_id,
        {
          lastMessageId: row.last_message_id,
          lastMessageAt: row.last_message_at?.toISOString() ?? null,
          unreadCount: row.unread_count,
        },
      ]),
    );
  }

  /** One message as it is now; a tombstone when deleted. */
  async get(room: RoomRef, id: string): Promise<Message> {
    const message = await this.reader.one(room, id);
    if (!message) throw notFound('message');
    return message;
  }

  /** One page, oldest first, without tombstones; see the contract's paging rules. */
  async page(
    room: RoomRef,
    { before, after, limit = MESSAGES_PAGE_DEFAULT }: PageQuery,
  ): Promise<Message[]> {
    if (before !== undefined && after !== undefined) {
      throw new DomainError('invalid', 'use either before or after, not both');
    }
    const cursor = before ?? after;
    if (cursor !== undefined && BigInt(cursor) > MAX_BIGINT) {
      throw new DomainError('invalid', 'cursor is out of range');
    }
    if (after !== undefined) {
      return this.reader.select(
        room,
        `m.id > $2 AND ${LIVE}`,
        [after, limit],
        'ORDER BY m.id LIMIT $3',
      );
    }
    const newestFirst =
      before !== undefined
        ? await this.reader.select(
            room,
            `m.id < $2 AND ${LIVE}`,
            [before, limit],
            'ORDER BY m.id DESC LIMIT $3',
          )
        : await this.reader.select(room, LIVE, [limit], 'ORDER BY m.id DESC LIMIT $2');
    return newestFirst.reverse();
  }

  /** What a reconnecting client missed after `since`: at most `max` (≤ 500), oldest first. */
  async missedSince(
    room: RoomRef,
    since: string,
    max = MISSED_MESSAGES_MAX,
  ): Promise<{ missed: Message[]; more: boolean }> {
    const rows = await this.reader.select(
      room,
      `m.id > $2 AND ${LIVE}`,
      [since, max + 1],
      'ORDER BY m.id LIMIT $3',
    );
    return { missed: rows.slice(0, max), more: rows.length > max };
  }

  /**
   * What changed among the messages a client at cursor `since` holds: `id ≤ since`, `seq > since`,
   * tombstones included, in `seq` order, at most `max` (≤ 500).
   */
  async changedSince(
    room: RoomRef,
    since: string,
    max = CHANGED_MESSAGES_MAX,
  ): Promise<{ changed: Message[]; more: boolean }> {
    const rows = await this.reader.select(
      room,
      'm.seq > $2 AND m.id <= $2',
      [since, max + 1],
      'ORDER BY m.seq LIMIT $3',
    );
    return { changed: rows.slice(0, max), more: rows.length > max };
  }

  /** `GET …/changes`: every message with `seq > after`, tombstones included, in `seq` order. */
  changes(room: RoomRef, after: string, limit = CHANGES_PAGE_DEFAULT): Promise<Message[]> {
    if (BigInt(after) > MAX_BIGINT) throw new DomainError('invalid', 'after is out of range');
    return this.reader.select(room, 'm.seq > $2', [after, limit], 'ORDER BY m.seq LIMIT $3');
  }

  private async current(room: RoomRef, id: string): Promise<Message> {
    const message = await this.reader.one(room, id);
    if (!message) throw notFound('message');
    return message;
  }

  /** The original a reply answers, as the reply shows it; `not_found` unless live and here. */
  private async replyPreview(room: RoomRef, id: string): Promise<ReplyPreview> {
    const [row] = await this.db.query<ReplyRow[]>(
      `SELECT m.id, m.author_id, u.username AS author_username,
              left(m.content, ${REPLY_PREVIEW_LENGTH}) AS preview
         FROM messages m JOIN users u ON u.id = m.author_id
        WHERE m.id = $1 AND m.room_id = $2 AND m.deleted_at IS NULL`,
      [id, room.id],
    );
    if (!row) throw notFound('the message replied to');
    return {
      id: row.id,
      author: { id: row.author_id, username: row.author_username },
      content: row.preview,
      deleted: false,
    };
  }
}
