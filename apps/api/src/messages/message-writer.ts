import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { DatabaseEndpoint } from '../database/database-endpoint';
import { PG_POOL } from '../database/pg-pool';
import { advanceSendersReadMarkers } from '../memberships/senders-read-markers';
import {
  isForeignKeyViolation,
  isPreparedStatementMismatch,
  mayBeOneRowsFault,
} from '../database/pg-errors';

type Queryable = Pick<DataSource, 'query'>;

/** A node-postgres query: named statements are prepared once per connection. */
interface Statement {
  name?: string;
  text: string;
}

/**
 * Named, so each pooled connection plans it once: planning this CTE was a third of its execution
 * time (0.67 → 0.43 ms at the median, measured on PostgreSQL 15 here). TypeORM's `query()` cannot
 * name a statement, hence the pool underneath it, with the same timeouts. Not where connections
 * share a session — the embedded database (pglite-socket serves every connection from one PGlite
 * session), or a pooler in transaction mode: there a name prepared on one connection "already
 * exists" (or "does not exist") on the next, and the writer goes on with the unnamed statement.
 *
 * A send whose author is timed out in its room (a row of `room_timeouts`, owned by the
 * moderation module, whose end is still to come) is not inserted: the statement answers its
 * position (`refused`, 1-based) instead of a row. Checked here, after the room's lock, so a send
 * pays one primary-key probe of a nearly empty table and no round trip for it.
 *
 * In the same statement each author's read marker moves to their newest inserted message (the
 * memberships module's `advanceSendersReadMarkers`); `marked_read` flags the rows that moved one.
 */
const INSERT_BATCH: Statement = {
  name: 'messages_insert_batch',
  text: `WITH locks AS MATERIALIZED (
       SELECT pg_advisory_xact_lock(hashtextextended(id, 2)) FROM unnest($5::text[]) AS id ORDER BY id
     ),
     sends AS MATERIALIZED (
       SELECT m.room_id, m.author_id, m.content, m.client_id, m.reply_to_id, m.ord,
              EXISTS (SELECT 1 FROM room_timeouts t
                       WHERE t.room_id = m.room_id AND t.user_id = m.author_id
                         AND t.expires_at > now()) AS timed_out
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::varchar[], $6::bigint[])
              WITH ORDINALITY AS m (room_id, author_id, content, client_id, reply_to_id, ord)
        CROSS JOIN (SELECT count(*) FROM locks) AS locked
     ),
     inserted AS (
       INSERT INTO messages (room_id, author_id, content, client_id, reply_to_id, created_at)
       SELECT room_id, author_id, content, client_id, reply_to_id, clock_timestamp()
         FROM sends WHERE NOT timed_out
        ORDER BY ord
       ON CONFLICT (room_id, author_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
       RETURNING id, room_id, author_id, content, client_id, created_at
     ),
     marked AS (${advanceSendersReadMarkers('inserted')})
     SELECT id, room_id, author_id, content, client_id, created_at, NULL::bigint AS refused,
            id IN (SELECT last_read_id FROM marked) AS marked_read
       FROM inserted
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, NULL, NULL, ord, false FROM sends WHERE timed_out`,
};
const UNNAMED_INSERT_BATCH: Statement = { text: INSERT_BATCH.text };

export interface NewMessage {
  roomId: string;
  authorId: string;
  content: string;
  clientId: string | null;
  /** The message this one answers (checked by the caller: same room, not deleted). */
  replyToId?: string | null;
}

export interface StoredMessage extends NewMessage {
  id: string;
  createdAt: Date;
  /** False when an earlier send with the same clientId had stored it already. */
  created: boolean;
  /** True when storing it moved the author's read marker of the room to it. */
  markedRead: boolean;
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

/** What the INSERT answers: a stored row, or the 1-based position of a send it refused. */
interface InsertRow extends MessageRow {
  refused?: string | null;
  marked_read?: boolean;
}

/** A send refused because its author is timed out in the room. */
export const TIMED_OUT = 'you are timed out in this room';

/** Writes in flight at once, each for rooms no other holds; well under the pool's size. */
export const MAX_PARALLEL_WRITES = 4;

/**
 * Group commit: sends that arrive while their room's write is in flight are stored together by
 * that room's next write, one multi-row INSERT. No added wait when idle; under load one round
 * trip serves many sends. Rooms are lanes: a send never queues behind another room's write (up to
 * MAX_PARALLEL_WRITES at once), while one room has at most one write in flight, so its sends are
 * stored in the order they arrived. Each room touched is also locked in the database for the
 * statement, so in a room ids follow commit order even across instances (a client catching up
 * with `since` can never skip a late-committed id).
 */
@Injectable()
export class MessageWriter {
  private queue: Pending[] = [];
  private readonly roomsInFlight = new Set<string>();
  private writesInFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private statement: Statement;

  constructor(
    private readonly db: DataSource,
    @Inject(PG_POOL) private readonly pool: Pool,
    endpoint: DatabaseEndpoint,
  ) {
    this.statement = endpoint.isEmbedded ? UNNAMED_INSERT_BATCH : INSERT_BATCH;
  }

  write(message: NewMessage): Promise<StoredMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.startWrites();
    });
  }

  /** What an earlier send with this clientId stored, if there was one (a retry's answer). */
  async findStored(message: NewMessage & { clientId: string }): Promise<StoredMessage | null> {
    const row = await findExisting(this.db, message);
    return row ? toStored(row, false) : null;
  }

  /** Resolves once every send received so far is committed (or failed); used when shutting down. */
  idle(): Promise<void> {
    if (this.writesInFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private startWrites(): void {
    while (this.writesInFlight < MAX_PARALLEL_WRITES) {
      const batch = this.takeReadyBatch();
      if (batch.length === 0) break;
      this.writesInFlight++;
      void this.writeBatch(batch);
    }
    if (this.writesInFlight === 0 && this.queue.length === 0) {
      this.idleWaiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Every waiting send whose room has no write in flight, in arrival order; marks those rooms. */
  private takeReadyBatch(): Pending[] {
    const ready: Pending[] = [];
    const waiting: Pending[] = [];
    for (const pending of this.queue) {
      (this.roomsInFlight.has(pending.message.roomId) ? waiting : ready).push(pending);
    }
    this.queue = waiting;
    for (const pending of ready) this.roomsInFlight.add(pending.message.roomId);
    return ready;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    try {
      await this.writeGroup(batch);
    } finally {
      for (const pending of batch) this.roomsInFlight.delete(pending.message.roomId);
      this.writesInFlight--;
      this.startWrites();
    }
  }

  /**
   * Stores the sends in one statement. When it fails for what may be one send's fault, the sends
   * go again in smaller statements so that only the guilty ones fail: by room first, then row by
   * row. A failed statement stored nothing (it is its own transaction), and each retry takes the
   * same advisory locks and the same clientId conflict rule, so nothing is stored twice and a
   * room's sends keep their order.
   */
  private async writeGroup(group: Pending[]): Promise<void> {
    const messages = group.map((p) => p.message);
    let rows: InsertRow[];
    try {
      rows = await this.insert(messages);
    } catch (error) {
      const parts = splitAfterFailure(group, error);
      if (!parts) group.forEach((pending) => pending.reject(error));
      // One after another: a retry holds one connection, like the write it replaces.
      else for (const part of parts) await this.writeGroup(part);
      return;
    }
    // The rows are committed from here on: whatever happens next, never insert them again.
    try {
      const refused = new Set(
        rows.flatMap((row) => (row.refused ? [Number(row.refused) - 1] : [])),
      );
      const inserted = rows.filter((row) => !row.refused);
      const kept = group.filter((_, i) => !refused.has(i));
      const stored = await matchToRequests(
        this.db,
        kept.map((pending) => pending.message),
        inserted,
      );
      kept.forEach((pending, i) => {
        const message = stored[i];
        if (message) pending.resolve(message);
        else pending.reject(new Error('a committed send has no stored row'));
      });
      group
        .filter((_, i) => refused.has(i))
        .forEach((pending) => pending.reject(new DomainError('forbidden', TIMED_OUT)));
    } catch (error) {
      group.forEach((pending) => pending.reject(error));
    }
  }

  private async insert(messages: NewMessage[]): Promise<InsertRow[]> {
    // The statement this write uses: another write in flight may switch `this.statement` first.
    const statement = this.statement;
    try {
      return await insertBatch(this.pool, statement, messages);
    } catch (error) {
      // It failed at Parse or Bind: nothing ran, so the batch can go again, unnamed.
      if (!statement.name || !isPreparedStatementMismatch(error)) throw error;
      this.statement = UNNAMED_INSERT_BATCH;
      return insertBatch(this.pool, this.statement, messages);
    }
  }
}

/** The room's foreign key: a room deleted while its sends waited. */
const MESSAGES_ROOM_FOREIGN_KEY = 'messages_room_id_fkey';

/**
 * How to retry a failed group so the other sends are not failed with it, or null when the whole
 * group fails: a single send, a failure that is not about the rows (the database is away), or a
 * room that is gone (every send to it is `not_found`, as a send arriving after the deletion is).
 */
function splitAfterFailure(group: Pending[], error: unknown): Pending[][] | null {
  if (group.length === 1 || !mayBeOneRowsFault(error)) return null;
  const byRoom = new Map<string, Pending[]>();
  for (const pending of group) {
    const sends = byRoom.get(pending.message.roomId);
    if (sends) sends.push(pending);
    else byRoom.set(pending.message.roomId, [pending]);
  }
  if (byRoom.size > 1) return [...byRoom.values()];
  if (isForeignKeyViolation(error, MESSAGES_ROOM_FOREIGN_KEY)) return null;
  return group.map((pending) => [pending]);
}

/**
 * One statement, one round trip, its own transaction: the CTE takes the advisory lock of every
 * room in the batch (sorted, so two instances never deadlock) and the join on its count makes
 * PostgreSQL finish locking before it produces the first row, that is before any id is drawn.
 */
async function insertBatch(
  pool: Pool,
  statement: Statement,
  messages: NewMessage[],
): Promise<InsertRow[]> {
  const roomIds = [...new Set(messages.map((m) => m.roomId))].sort();
  const { rows } = await pool.query<InsertRow>({
    ...statement,
    values: [
      messages.map((m) => m.roomId),
      messages.map((m) => m.authorId),
      messages.map((m) => m.content),
      messages.map((m) => m.clientId),
      roomIds,
      messages.map((m) => m.replyToId ?? null),
    ],
  });
  return rows;
}

/**
 * Pairs each request with its row. Rows with a clientId are found by key; rows without one were
 * inserted in request order, and ids grow in insertion order, so they pair up by id order.
 */
async function matchToRequests(
  db: Queryable,
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
      const inserted = anonymous.shift();
      if (!inserted) throw new Error('the batch INSERT returned fewer rows than sends');
      result.push(toStored(inserted, true));
      continue;
    }
    const key = messageKey(message);
    const row = byKey.get(key);
    if (row && !claimed.has(key)) {
      claimed.add(key);
      result.push(toStored(row, true));
    } else {
      // The conflicting row was committed before this statement took the room's lock.
      const existing = row ?? (await findExisting(db, message));
      if (!existing) throw new Error('a conflicting send left no stored row');
      result.push(toStored(existing, false));
    }
  }
  return result;
}

async function findExisting(db: Queryable, message: NewMessage): Promise<MessageRow | undefined> {
  const [row] = await db.query<MessageRow[]>(
    `SELECT id, room_id, author_id, content, client_id, created_at FROM messages
      WHERE room_id = $1 AND author_id = $2 AND client_id = $3`,
    [message.roomId, message.authorId, message.clientId],
  );
  return row;
}

const rowKey = (r: MessageRow) => `${r.room_id}|${r.author_id}|${r.client_id}`;
const messageKey = (m: NewMessage) => `${m.roomId}|${m.authorId}|${m.clientId}`;

function toStored(row: InsertRow, created: boolean): StoredMessage {
  return {
    id: row.id,
    roomId: row.room_id,
    authorId: row.author_id,
    content: row.content,
    clientId: row.client_id,
    createdAt: row.created_at,
    created,
    markedRead: created && row.marked_read === true,
  };
}
