import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CHANGED_MESSAGES_MAX,
  CHANGES_PAGE_DEFAULT,
  MESSAGES_PAGE_DEFAULT,
  MISSED_MESSAGES_MAX,
  REPLY_PREVIEW_LENGTH,
  type Message,
  type ReplyPreview,
  type UserSummary,
} from '@chat/contract';
import { DomainError, notFound } from '../common/domain-error';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
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

@Injectable()
export class MessagesService {
  constructor(
    private readonly db: DataSource,
    private readonly writer: MessageWriter,
    private readonly reader: MessageReader,
    private readonly limits: RateLimits,
    private readonly realtime: RealtimePublisher,
    private readonly metrics: MetricsService,
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
    const sent = stored.created
      ? newMessage(room.name, author, stored, original)
      : await this.current(room, stored.id);
    if (stored.created) this.realtime.emitToRoom(room.id, 'message:new', sent);
    this.metrics.messageAcknowledged(startedAt);
    return sent;
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
