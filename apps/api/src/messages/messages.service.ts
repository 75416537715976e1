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
import { MAX_BIGINT } from '../common/validation/message-id';
import { DomainError, notFound } from '../common/domain-error';
import { MentionsService } from '../memberships/mentions.service';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomActivity } from '../realtime/room-activity';
import { RateLimits } from '../limits/rate-limits.service';
import { MessageReader, newMessage, type RoomRef } from './message-reader';
import { MessageWriter, type StoredMessage } from './message-writer';
import { roomMessages, roomMessagesAfter } from './room-range';

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
    // The writer moved the author's marker with the message (advanceSendersReadMarkers).
    if (stored.markedRead) {
      this.realtime.emitToUser(author.id, 'read', { room: room.name, lastReadId: sent.id });
    }
    this.metrics.messageAcknowledged(startedAt);
    return sent;
  }

  /**
   * For each of the user's rooms: its newest message (deleted ones included) and how many
   * messages after the user's marker are neither deleted nor the user's own — an index range on (room_id, id)
   * stopped at UNREAD_COUNT_CAP, so a count is computed each time and can never drift.
   *
   * Both are ranges of messages_room_id_id_idx written as row comparisons (see room-range.ts for
   * why): the list of a member of 50 rooms × 10,000 messages takes 1–12 ms this way, seconds with
   * `room_id = …`.
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
                  WHERE ${roomMessagesAfter('k.room_id', 'k.last_read_id')}
                    AND m.author_id <> $1 AND m.deleted_at IS NULL
                  ORDER BY m.room_id, m.id
                  LIMIT $4) AS unread) AS unread_count
         FROM unnest($2::uuid[], $3::bigint[]) AS k (room_id, last_read_id)
         LEFT JOIN LATERAL (
           SELECT m.id, m.created_at FROM messages m
            WHERE ${roomMessages('k.room_id')}
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
