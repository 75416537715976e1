import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  MESSAGES_PAGE_DEFAULT,
  MISSED_MESSAGES_MAX,
  UNREAD_COUNT_CAP,
  type Message,
  type UserSummary,
} from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { RoomMembersService } from '../memberships/room-members.service';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { RoomActivity } from '../realtime/room-activity';
import type { RoomEntity } from '../rooms/room.entity';
import { RateLimits } from '../limits/rate-limits.service';
import { MessageWriter, type StoredMessage } from './message-writer';

export interface PageQuery {
  before?: string;
  after?: string;
  limit?: number;
}

type RoomRef = Pick<RoomEntity, 'id' | 'name'>;

interface MessageRow {
  id: string;
  author_id: string;
  author_username: string;
  content: string;
  client_id: string | null;
  created_at: Date;
}

const MAX_BIGINT = 2n ** 63n - 1n;

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
    private readonly limits: RateLimits,
    private readonly realtime: RealtimePublisher,
    private readonly metrics: MetricsService,
    private readonly members: RoomMembersService,
    private readonly activity: RoomActivity,
  ) {}

  /**
   * Stores the message (once per clientId), then broadcasts it; resolves after the commit. Within
   * the sender's budget (SEND_BURST, SEND_PER_SECOND); over it, a retry of a stored clientId still
   * gets its message, as the contract promises a retry.
   */
  async send(
    author: UserSummary,
    room: RoomRef,
    content: string,
    clientId?: string,
  ): Promise<Message> {
    const startedAt = process.hrtime.bigint();
    const text = content.trim();
    if (text.length === 0) throw new DomainError('invalid', 'content must not be empty');
    const message = { roomId: room.id, authorId: author.id, content: text };
    let stored: StoredMessage;
    if ((await this.limits.take('sends', author.id)).allowed) {
      stored = await this.writer.write({ ...message, clientId: clientId ?? null });
    } else {
      // Looked up only here, so the sends within budget (nearly all) pay nothing for it.
      const earlier = clientId && (await this.writer.findStored({ ...message, clientId }));
      if (!earlier) throw new DomainError('rate_limited', 'you are sending too fast, slow down');
      stored = earlier;
    }
    const sent = toMessage(room.name, author, stored);
    if (stored.created) {
      this.realtime.emitToRoom(room.id, 'message:new', sent);
      this.activity.committed(room.id, room.name, sent.id);
      await this.markSent(room, author, sent.id);
    }
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
   * messages after the user's marker are not the user's own — an index range on (room_id, id)
   * stopped at UNREAD_COUNT_CAP, so a count is computed each time and can never drift.
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
                  WHERE m.room_id = k.room_id AND m.id > k.last_read_id AND m.author_id <> $1
                  LIMIT $4) AS unread) AS unread_count
         FROM unnest($2::uuid[], $3::bigint[]) AS k (room_id, last_read_id)
         LEFT JOIN LATERAL (
           SELECT m.id, m.created_at FROM messages m
            WHERE m.room_id = k.room_id ORDER BY m.id DESC LIMIT 1) AS last ON TRUE`,
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

  /** One page, oldest first; see the contract's paging rules. */
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
    if (after !== undefined)
      return this.select(room, 'm.id > $2 ORDER BY m.id ASC', [after], limit);
    const where = before !== undefined ? 'm.id < $2 ORDER BY m.id DESC' : 'TRUE ORDER BY m.id DESC';
    const newestFirst = await this.select(room, where, before !== undefined ? [before] : [], limit);
    return newestFirst.reverse();
  }

  /** What a reconnecting client missed after `since`: at most `max` (≤ 500), oldest first. */
  async missedSince(
    room: RoomRef,
    since: string,
    max = MISSED_MESSAGES_MAX,
  ): Promise<{ missed: Message[]; more: boolean }> {
    const rows = await this.select(room, 'm.id > $2 ORDER BY m.id ASC', [since], max + 1);
    return { missed: rows.slice(0, max), more: rows.length > max };
  }

  private async select(
    room: RoomRef,
    where: string,
    params: string[],
    limit: number,
  ): Promise<Message[]> {
    const limitParam = `$${params.length + 2}`;
    const rows = await this.db.query<MessageRow[]>(
      `SELECT m.id, m.author_id, u.username AS author_username, m.content, m.client_id, m.created_at
         FROM messages m JOIN users u ON u.id = m.author_id
        WHERE m.room_id = $1 AND ${where} LIMIT ${limitParam}`,
      [room.id, ...params, limit],
    );
    return rows.map((row) =>
      toMessage(
        room.name,
        { id: row.author_id, username: row.author_username },
        {
          id: row.id,
          content: row.content,
          clientId: row.client_id,
          createdAt: row.created_at,
        },
      ),
    );
  }
}

function toMessage(
  roomName: string,
  author: UserSummary,
  row: { id: string; content: string; clientId: string | null; createdAt: Date },
): Message {
  return {
    id: row.id,
    room: roomName,
    author: { id: author.id, username: author.username },
    content: row.content,
    createdAt: row.createdAt.toISOString(),
    clientId: row.clientId,
  };
}
