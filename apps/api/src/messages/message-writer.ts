import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface NewMessage {
  roomId: string;
  authorId: string;
  content: string;
  clientId: string | null;
}

export interface StoredMessage extends NewMessage {
  id: string;
  createdAt: Date;
  /** False when an earlier send with the same clientId had stored it already. */
  created: boolean;
}

interface Pending {
  message: NewMessage;
  resolve(stored: StoredMessage): void;
  reject(error: unknown): void;
}

interface MessageRow {
  id: string;
  room_id: string;
  author_id: string;
  content: string;
  client_id: string | null;
  created_at: Date;
}

/**
 * Group commit: sends that arrive while a write is in flight are stored together by the next
 * write, one multi-row INSERT in one transaction. No added wait when idle; under load one
 * round trip serves many sends. One writer per process also keeps one socket's sends in order.
 * Each room touched is locked for the transaction, so in a room ids follow commit order even
 * across instances (a client catching up with `since` can never skip a late-committed id).
 */
@Injectable()
export class MessageWriter {
  private queue: Pending[] = [];
  private writing?: Promise<void>;

  constructor(private readonly db: DataSource) {}

  write(message: NewMessage): Promise<StoredMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.writing ??= this.drain().finally(() => (this.writing = undefined));
    });
  }

  /** Resolves once every send received so far is committed (or failed); used when shutting down. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const stored = await this.db.transaction((tx) => insertBatch(tx, batch.map((p) => p.message)));
        batch.forEach((pending, i) => pending.resolve(stored[i]));
      } catch (error) {
        batch.forEach((pending) => pending.reject(error));
      }
    }
  }
}

async function insertBatch(tx: EntityManager, messages: NewMessage[]): Promise<StoredMessage[]> {
  const roomIds = [...new Set(messages.map((m) => m.roomId))].sort();
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended(id, 2)) FROM unnest($1::text[]) AS id', [
    roomIds,
  ]);
  const inserted = await tx.query<MessageRow[]>(
    `INSERT INTO messages (room_id, author_id, content, client_id, created_at)
     SELECT room_id, author_id, content, client_id, clock_timestamp()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::varchar[])
            WITH ORDINALITY AS m (room_id, author_id, content, client_id, ord)
      ORDER BY ord
     ON CONFLICT (room_id, author_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
     RETURNING id, room_id, author_id, content, client_id, created_at`,
    [
      messages.map((m) => m.roomId),
      messages.map((m) => m.authorId),
      messages.map((m) => m.content),
      messages.map((m) => m.clientId),
    ],
  );
  return matchToRequests(tx, messages, inserted);
}

/**
 * Pairs each request with its row. Rows with a clientId are found by key; rows without one were
 * inserted in request order, and ids grow in insertion order, so they pair up by id order.
 */
async function matchToRequests(
  tx: EntityManager,
  messages: NewMessage[],
  inserted: MessageRow[],
): Promise<StoredMessage[]> {
  const byKey = new Map(inserted.filter((r) => r.client_id !== null).map((r) => [rowKey(r), r]));
  const anonymous = inserted
    .filter((r) => r.client_id === null)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const claimed = new Set<string>();
  const result: StoredMessage[] = [];
  for (const message of messages) {
    if (message.clientId === null) {
      result.push(toStored(anonymous.shift() as MessageRow, true));
      continue;
    }
    const key = messageKey(message);
    const row = byKey.get(key);
    if (row && !claimed.has(key)) {
      claimed.add(key);
      result.push(toStored(row, true));
    } else {
      result.push(toStored(row ?? (await findExisting(tx, message)), false));
    }
  }
  return result;
}

async function findExisting(tx: EntityManager, message: NewMessage): Promise<MessageRow> {
  const [row] = await tx.query<MessageRow[]>(
    `SELECT id, room_id, author_id, content, client_id, created_at FROM messages
      WHERE room_id = $1 AND author_id = $2 AND client_id = $3`,
    [message.roomId, message.authorId, message.clientId],
  );
  return row;
}

const rowKey = (r: MessageRow) => `${r.room_id}|${r.author_id}|${r.client_id}`;
const messageKey = (m: NewMessage) => `${m.roomId}|${m.authorId}|${m.clientId}`;

function toStored(row: MessageRow, created: boolean): StoredMessage {
  return {
    id: row.id,
    roomId: row.room_id,
    authorId: row.author_id,
    content: row.content,
    clientId: row.client_id,
    createdAt: row.created_at,
    created,
  };
}
