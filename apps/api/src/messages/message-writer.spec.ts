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
  private nextId = 1;

  /** TypeORM's DataSource as the writer uses it: the pg pool under `driver.master`. */
  readonly db = {
    driver: {
      master: {
        query: ({ name, values }: { name?: string; values: unknown[] }) =>
          this.held(name, values as string[][]),
      },
    },
  } as unknown as DataSource;

  private held(name: string | undefined, [roomIds, authorIds, contents, clientIds]: string[][]) {
    const messages = roomIds.map((roomId, i) => ({
      roomId,
      authorId: authorIds[i],
      content: contents[i],
      clientId: clientIds[i],
    }));
    return new Promise((resolve, reject) => {
      this.calls.push({
        messages,
        name,
        finish: () => resolve({ rows: messages.map((m) => this.row(m)) }),
        fail: reject,
      });
    });
  }

  rooms(call: number): string[] {
    return this.calls[call].messages.map((m) => m.roomId);
  }

  private row(m: NewMessage) {
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

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('MessageWriter', () => {
  it('writes another room at once while a room’s write is in flight', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, SERVER);
    void writer.write(send('a', 1));
    void writer.write(send('b', 1));
    await settle();
    // The second send arrived while the first write was out: it did not wait for it.
    expect(db.calls.map((_, i) => db.rooms(i))).toEqual([['a'], ['b']]);
  });

  it('gathers a busy room’s sends into its next write, in the order they came', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, SERVER);
    const acks = [1, 2, 3].map((n) => writer.write(send('a', n)));
    await settle();
    expect(db.calls).toHaveLength(1);
    db.calls[0].finish();
    await settle();
    expect(db.calls).toHaveLength(2);
    expect(db.calls[1].messages.map((m) => m.content)).toEqual(['message 2', 'message 3']);
    db.calls[1].finish();
    const stored = await Promise.all(acks);
    expect(stored.map((m) => [m.content, m.id])).toEqual([
      ['message 1', '1'],
      ['message 2', '2'],
      ['message 3', '3'],
    ]);
  });

  it(`keeps at most ${MAX_PARALLEL_WRITES} writes in flight, then batches the rest`, async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, SERVER);
    for (let room = 0; room < MAX_PARALLEL_WRITES + 3; room++)
      void writer.write(send(`r${room}`, 1));
    await settle();
    expect(db.calls).toHaveLength(MAX_PARALLEL_WRITES);
    db.calls[0].finish();
    await settle();
    expect(db.calls).toHaveLength(MAX_PARALLEL_WRITES + 1);
    expect(db.rooms(MAX_PARALLEL_WRITES)).toEqual(['r4', 'r5', 'r6']);
  });

  it('fails only the sends of the write that failed', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, SERVER);
    const inA = writer.write(send('a', 1));
    const inB = writer.write(send('b', 1));
    await settle();
    db.calls[0].fail(new Error('connection lost'));
    db.calls[1].finish();
    await expect(inA).rejects.toThrow('connection lost');
    await expect(inB).resolves.toMatchObject({ roomId: 'b', created: true });
  });

  it('is idle only once every write received has finished', async () => {
    const db = new HeldInserts();
    const writer = new MessageWriter(db.db, SERVER);
    void writer.write(send('a', 1));
    void writer.write(send('a', 2));
    let idle = false;
    void writer.idle().then(() => (idle = true));
    await settle();
    db.calls[0].finish();
    await settle();
    expect(idle).toBe(false);
    db.calls[1].finish();
    await settle();
    expect(idle).toBe(true);
    await expect(writer.idle()).resolves.toBeUndefined();
  });

  it.each(['42P05', '26000'])(
    'goes on unnamed where connections share a session (SQLSTATE %s)',
    async (code) => {
      const db = new HeldInserts();
      const writer = new MessageWriter(db.db, SERVER);
      const first = writer.write(send('a', 1));
      await settle();
      expect(db.calls[0].name).toBe('messages_insert_batch');
      db.calls[0].fail(Object.assign(new Error('prepared statement mismatch'), { code }));
      await settle();
      expect(db.calls[1]).toMatchObject({ name: undefined, messages: [{ content: 'message 1' }] });
      db.calls[1].finish();
      await expect(first).resolves.toMatchObject({ content: 'message 1', created: true });
      void writer.write(send('a', 2));
      await settle();
      expect(db.calls[2].name).toBeUndefined();
    },
  );

  it('uses the unnamed statement from the start on the embedded database', async () => {
    const db = new HeldInserts();
    const embedded = new DatabaseEndpoint('postgres://embedded', {} as never);
    void new MessageWriter(db.db, embedded).write(send('a', 1));
    await settle();
    expect(db.calls[0].name).toBeUndefined();
  });
});
