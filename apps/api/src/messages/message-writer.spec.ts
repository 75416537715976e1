import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { DatabaseEndpoint } from '../database/database-endpoint';
import { MAX_PARALLEL_WRITES, MessageWriter, type NewMessage } from './message-writer';

const SERVER = new DatabaseEndpoint('postgres://writer-spec/unused');

/**
 * The scheduling of writes, against a database stand-in whose INSERTs finish only when the test
 * says so. What is stored, and how, is the end-to-end suites' business (real PostgreSQL).
 */
class HeldInserts {
  readonly calls: {
    messages: NewMessage[];
    name?: string;
    finish(): void;
    fail(error: Error): void;
  }[] = [];
  /** The clientIds of the rows of every INSERT that succeeded, in id order. */
  readonly committed: string[] = [];
  private nextId = 1;

  /**
   * Calls from number `answerFrom` on are answered at once, as PostgreSQL would: a statement with
   * a NUL in a text fails with 22021, one with a row for a deleted room with 23503; either stores
   * nothing.
   */
  constructor(
    private readonly judged?: {
      answerFrom: number;
      deletedRooms?: string[];
      deletedUsers?: string[];
    },
  ) {}

  /** The pg pool as the writer uses it: the batch INSERT. */
  readonly pool = {
    query: ({ name, values }: { name?: string; values: unknown[] }) =>
      this.held(name, values as string[][]),
  } as unknown as Pool;

  /** TypeORM's DataSource, which the scheduling never reaches. */
  readonly db = {} as DataSource;

  private held(name: string | undefined, columns: string[][]) {
    const [roomIds = [], authorIds = [], contents = [], clientIds = []] = columns;
    const messages = roomIds.map((roomId, i) => ({
      roomId,
      authorId: authorIds[i] ?? '',
      content: contents[i] ?? '',
      clientId: clientIds[i] ?? null,
    }));
    return new Promise((resolve, reject) => {
      const call = {
        messages,
        name,
        finish: () => resolve({ rows: messages.map((m) => this.row(m)) }),
        fail: reject,
      };
      this.calls.push(call);
      if (this.judged && this.calls.length > this.judged.answerFrom) this.judge(call);
    });
  }

  private judge(call: HeldInserts['calls'][number]): void {
    const deleted = this.judged?.deletedRooms ?? [];
    if (call.messages.some((m) => m.content.includes('\u0000'))) {
      call.fail(sqlError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'));
    } else if (call.messages.some((m) => deleted.includes(m.roomId))) {
      call.fail(sqlError('23503', 'insert violates foreign key', 'messages_room_id_fkey'));
    } else if (call.messages.some((m) => this.judged?.deletedUsers?.includes(m.authorId))) {
      call.fail(sqlError('23503', 'insert violates foreign key', 'messages_author_id_fkey'));
    } else {
      call.finish();
    }
  }

  /** The INSERT number `n` (from 0); fails the test when there is none. */
  call(n: number): HeldInserts['calls'][number] {
    const call = this.calls[n];
    if (!call) throw new Error(`no INSERT number ${n} yet (${this.calls.length} so far)`);
    return call;
  }

  rooms(call: number): string[] {
    return this.call(call).messages.map((m) => m.roomId);
  }

  private row(m: NewMessage) {
    this.committed.push(m.clientId ?? m.content);
    return {
      id: String(this.nextId++),
      room_id: m.roomId,
      author_id: m.authorId,
      content: m.content,
      client_id: m.clientId,
      created_at: new Date(),
    };
  }
}

const send = (roomId: string, n: number): NewMessage => ({
  roomId,
  authorId: 'author',
  content: `message ${n}`,
  clientId: `${roomId}-${n}`,
});

function sqlError(code: string, message: string, constraint?: string): Error {
  return Object.assign(new Error(message), { code, constraint });
}

/** What a write came to: the stored content, or the SQLSTATE it failed with. */
const outcome = (write: Promise<{ content: string }>) =>
  write.then(
    (stored) => stored.content,
    (error: { code?: string }) => `failed ${error.code}`,
  );

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('MessageWriter', () => {
  it('writes another room at once while a room’s write is in flight', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, db.pool, SERVER);
    void writer.write(send('a', 1));
    void writer.write(send('b', 1));
    await settle();
    // The second send arrived while the first write was out: it did not wait for it.
    expect(db.calls.map((_, i) => db.rooms(i))).toEqual([['a'], ['b']]);
  });

  it('gathers a busy room’s sends into its next write, in the order they came', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, db.pool, SERVER);
    const acks = [1, 2, 3].map((n) => writer.write(send('a', n)));
    await settle();
    expect(db.calls).toHaveLength(1);
    db.call(0).finish();
    await settle();
    expect(db.calls).toHaveLength(2);
    expect(db.call(1).messages.map((m) => m.content)).toEqual(['message 2', 'message 3']);
    db.call(1).finish();
    const stored = await Promise.all(acks);
    expect(stored.map((m) => [m.content, m.id])).toEqual([
      ['message 1', '1'],
      ['message 2', '2'],
      ['message 3', '3'],
    ]);
  });

  it(`keeps at most ${MAX_PARALLEL_WRITES} writes in flight, then batches the rest`, async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, db.pool, SERVER);
    for (let room = 0; room < MAX_PARALLEL_WRITES + 3; room++)
      void writer.write(send(`r${room}`, 1));
    await settle();
    expect(db.calls).toHaveLength(MAX_PARALLEL_WRITES);
    db.call(0).finish();
    await settle();
    expect(db.calls).toHaveLength(MAX_PARALLEL_WRITES + 1);
    expect(db.rooms(MAX_PARALLEL_WRITES)).toEqual(['r4', 'r5', 'r6']);
  });

  it('fails only the sends of the write that failed', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, db.pool, SERVER);
    const inA = writer.write(send('a', 1));
    const inB = writer.write(send('b', 1));
    await settle();
    db.call(0).fail(new Error('connection lost'));
    db.call(1).finish();
    await expect(inA).rejects.toThrow('connection lost');
    await expect(inB).resolves.toMatchObject({ roomId: 'b', created: true });
  });

  it('is idle only once every write received has finished', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, db.pool, SERVER);
    void writer.write(send('a', 1));
    void writer.write(send('a', 2));
    let idle = false;
    void writer.idle().then(() => (idle = true));
    await settle();
    db.call(0).finish();
    await settle();
    expect(idle).toBe(false);
    db.call(1).finish();
    await settle();
    expect(idle).toBe(true);
    await expect(writer.idle()).resolves.toBeUndefined();
  });

  it.each(['42P05', '26000'])(
    'goes on unnamed where connections share a session (SQLSTATE %s)',
    async (code) => {
      const db = new HeldInserts();
      const writer = new MessageWriter(db.db, db.pool, SERVER);
      const first = writer.write(send('a', 1));
      await settle();
      expect(db.call(0).name).toBe('messages_insert_batch');
      db.call(0).fail(Object.assign(new Error('prepared statement mismatch'), { code }));
      await settle();
      expect(db.call(1)).toMatchObject({ name: undefined, messages: [{ content: 'message 1' }] });
      db.call(1).finish();
      await expect(first).resolves.toMatchObject({ content: 'message 1', created: true });
      void writer.write(send('a', 2));
      await settle();
      expect(db.call(2).name).toBeUndefined();
    },
  );

  it('retries every write in flight unnamed when they all meet the mismatch at once', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, db.pool, SERVER);
    const inA = writer.write(send('a', 1));
    const inB = writer.write(send('b', 1));
    await settle();
    const mismatch = () => Object.assign(new Error('already exists'), { code: '42P05' });
    db.call(0).fail(mismatch());
    db.call(1).fail(mismatch());
    await settle();
    expect(db.calls.slice(2).map((c) => [c.name, c.messages[0]?.roomId])).toEqual([
      [undefined, 'a'],
      [undefined, 'b'],
    ]);
    db.call(2).finish();
    db.call(3).finish();
    await expect(Promise.all([inA, inB])).resolves.toMatchObject([
      { roomId: 'a' },
      { roomId: 'b' },
    ]);
  });

  it('uses the unnamed statement from the start on the embedded database', async () => {
    const db = new HeldInserts();
    const embedded = new DatabaseEndpoint('postgres://embedded', {} as never);
    void new MessageWriter(db.db, db.pool, embedded).write(send('a', 1));
    await settle();
    expect(db.call(0).name).toBeUndefined();
  });
});

describe('MessageWriter, when a batch fails for one send', () => {
  /** Fills every lane, so that the sends queued next leave together, in one batch. */
  async function busyWriter(db: HeldInserts): Promise<MessageWriter> {
    const writer = new MessageWriter(db.db, db.pool, SERVER);
    for (let lane = 0; lane < MAX_PARALLEL_WRITES; lane++)
      void writer.write(send(`busy${lane}`, 0));
    await settle();
    return writer;
  }

  it('fails only the send with a NUL and the sends to a deleted room; every other send is stored once, in order', async () => {
    const db = new HeldInserts({ answerFrom: MAX_PARALLEL_WRITES, deletedRooms: ['gone'] });
    const writer = await busyWriter(db);
    const sends = [
      send('a', 1),
      { ...send('a', 2), content: 'poison \u0000' },
      send('b', 1),
      send('gone', 1),
      send('a', 3),
      send('gone', 2),
      send('c', 1),
    ];
    const outcomes = sends.map((m) => outcome(writer.write(m)));
    db.call(0).finish();

    expect(await Promise.all(outcomes)).toEqual([
      'message 1',
      'failed 22021',
      'message 1',
      'failed 23503',
      'message 3',
      'failed 23503',
      'message 1',
    ]);
    const retries = db.calls
      .slice(MAX_PARALLEL_WRITES)
      .map((c) => c.messages.map((m) => m.clientId));
    expect(retries).toEqual([
      ['a-1', 'a-2', 'b-1', 'gone-1', 'a-3', 'gone-2', 'c-1'], // the batch
      ['a-1', 'a-2', 'a-3'], // room by room
      ['a-1'], // the failing room's rows one by one, in order
      ['a-2'],
      ['a-3'],
      ['b-1'],
      ['gone-1', 'gone-2'], // a deleted room: all its sends fail, no row-by-row
      ['c-1'],
    ]);
    expect(db.committed).toEqual(['busy0-0', 'a-1', 'a-3', 'b-1', 'c-1']);
  });

  it('goes row by row when another foreign key fails, so the other authors’ sends get through', async () => {
    const db = new HeldInserts({ answerFrom: MAX_PARALLEL_WRITES, deletedUsers: ['gone-user'] });
    const writer = await busyWriter(db);
    const fromGone = { ...send('a', 2), authorId: 'gone-user' };
    const outcomes = [send('a', 1), fromGone, send('a', 3)].map((m) => outcome(writer.write(m)));
    db.call(0).finish();
    expect(await Promise.all(outcomes)).toEqual(['message 1', 'failed 23503', 'message 3']);
  });

  it('does not retry when the failure is not about the rows (the database went away)', async () => {
    const db = new HeldInserts();
    const writer = await busyWriter(db);
    const outcomes = [send('a', 1), send('b', 1)].map((m) => outcome(writer.write(m)));
    db.call(0).finish();
    await settle();
    db.call(MAX_PARALLEL_WRITES).fail(Object.assign(new Error('gone'), { code: 'ECONNRESET' }));
    expect(await Promise.all(outcomes)).toEqual(['failed ECONNRESET', 'failed ECONNRESET']);
    expect(db.calls).toHaveLength(MAX_PARALLEL_WRITES + 1);
  });
});
