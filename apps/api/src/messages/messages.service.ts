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
import { MessageWriter } from './message-writer';
import { SendRateLimiter } from './send-rate-limiter';

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
    private readonly rateLimiter: SendRateLimiter,
    private readonly realtime: RealtimePublisher,
    private readonly metrics: MetricsService,
  ) {}

  /** Stores the message (once per clientId), then broadcasts it; resolves after the commit. */
  async send(
    author: UserSummary,
    room: RoomRef,
    content: string,
    clientId?: string,
  ): Promise<Message> {
    const startedAt = process.hrtime.bigint();
    const text = content.trim();
    if (text.length === 0) throw new DomainError('invalid', 'content must not be empty');
    if (!(await this.rateLimiter.tryTake(author.id))) {
      throw new DomainError('rate_limited', 'you are sending too fast, slow down');
    }
    const stored = await this.writer.write({
      roomId: room.id,
      authorId: author.id,
      content: text,
      clientId: clientId ?? null,
    });
    const message = toMessage(room.name, author, stored);
    if (stored.created) this.realtime.emitToRoom(room.id, 'message:new', message);
    this.metrics.messageAcknowledged(startedAt);
    return message;
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

  /** What a reconnecting client missed after `since`: at most 500, oldest first. */
  async missedSince(room: RoomRef, since: string): Promise<{ missed: Message[]; more: boolean }> {
    const rows = await this.select(
      room,
      'm.id > $2 ORDER BY m.id ASC',
      [since],
      MISSED_MESSAGES_MAX + 1,
    );
    return { missed: rows.slice(0, MISSED_MESSAGES_MAX), more: rows.length > MISSED_MESSAGES_MAX };
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
