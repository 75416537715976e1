import type { Message } from '@chat/contract';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A message from the moment Send is pressed until the server acknowledged it. */
export interface OutboxRecord {
  /** The idempotency key: a resend under it cannot store the message twice. */
  clientId: string;
  userId: string;
  room: string;
  content: string;
  createdAt: string;
  /** Send order across reloads (milliseconds since the epoch, made unique). */
  order: number;
  /** Set when the server refused it for good; such a record waits for Retry or Discard. */
  failure: string | null;
  /** The message it answers (absent on records written before replies existed). */
  replyTo?: NonNullable<Message['replyTo']> | null;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxRecord; indexes: { byUser: string } };
}

/** Where the outbox keeps its records; IndexedDB in the browser. */
export interface OutboxStorage {
  list(userId: string): Promise<OutboxRecord[]>;
  put(record: OutboxRecord): Promise<void>;
  remove(clientId: string): Promise<void>;
}

export const OUTBOX_DB_NAME = 'minicord';
const OUTBOX_DB_VERSION = 1;

function memoryStorage(): OutboxStorage {
  const records = new Map<string, OutboxRecord>();
  return {
    list: (userId) =>
      Promise.resolve([...records.values()].filter((record) => record.userId === userId)),
    put: (record) => Promise.resolve(void records.set(record.clientId, { ...record })),
    remove: (clientId) => Promise.resolve(void records.delete(clientId)),
  };
}

/**
 * The outbox in IndexedDB. Where IndexedDB cannot be opened (some private modes, a full disk),
 * it falls back to memory: sending still works, only a reload forgets the unsent.
 */
export function openOutboxStorage(name = OUTBOX_DB_NAME): OutboxStorage {
  let fallback: OutboxStorage | null = null;
  const opened: Promise<IDBPDatabase<OutboxSchema> | null> = openDB<OutboxSchema>(
    name,
    OUTBOX_DB_VERSION,
    {
      upgrade(db) {
        db.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('byUser', 'userId');
      },
    },
  ).catch((error: unknown) => {
    console.warn('The outbox is kept in memory only: IndexedDB is not available.', error);
    fallback = memoryStorage();
    return null;
  });

  async function using<T>(
    task: (db: IDBPDatabase<OutboxSchema>) => Promise<T>,
    or: (s: OutboxStorage) => Promise<T>,
  ): Promise<T> {
    const db = await opened;
    return db ? task(db) : or(fallback ?? memoryStorage());
  }

  return {
    list: (userId) =>
      using(
        async (db) => {
          const records = await db.getAllFromIndex('outbox', 'byUser', userId);
          return records.sort((a, b) => a.order - b.order);
        },
        (s) => s.list(userId),
      ),
    put: (record) =>
      using(
        async (db) => void (await db.put('outbox', { ...record })),
        (s) => s.put(record),
      ),
    remove: (clientId) =>
      using(
        (db) => db.delete('outbox', clientId),
        (s) => s.remove(clientId),
      ),
  };
}
