import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  MESSAGES_PAGE_DEFAULT,
  MISSED_MESSAGES_MAX,
  type Message,
  type UserSummary,
} from '@chat/contract';
import { DomainError } from '../common/domain-error';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
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

@Injectable()
export class MessagesService {
  constructor(
    private readonly db: DataSource,
    private readonly writer: MessageWriter,
    private readonly limits: RateLimits,
    private readonly realtime: RealtimePublisher,
    private readonly metrics: MetricsService,
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
    if (stored.created) this.realtime.emitToRoom(room.id, 'message:new', sent);
    this.metrics.messageAcknowledged(startedAt);
    return sent;
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
