import request from 'supertest';
import { compareMessageIds, type Message, type Room } from '@chat/contract';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  fetchMessages,
  postMessage,
  signup,
  uniqueName,
  type TestUser,
} from './support/factories';
import { nth } from './support/nth';
import { useApp } from './support/suite';

const TOTAL = 130;
const BATCH = 10;

describe('paging through a room over REST', () => {
  const t = useApp();
  let reader: TestUser;
  let room: Room;
  /** All messages of the room, in the order they were sent (and committed). */
  let sent: Message[];

  beforeAll(async () => {
    reader = await signup(t.url);
    room = await createRoom(t.url, reader.token);
    sent = [];
    // Batches of concurrent sends keep setup quick; the ids, not the send calls, define the order.
    for (let i = 0; i < TOTAL; i += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, j) =>
        postMessage(t.url, reader.token, room.name, `m${i + j}`),
      );
      sent.push(...(await Promise.all(batch)));
    }
    sent.sort((a, b) => compareMessageIds(a.id, b.id));
  }, 30_000);

  type Query = Record<string, string | number>;
  const page = (query: Query = {}) => fetchMessages(t.url, reader.token, room.name, query);
  const expectAscendingIds = (messages: Message[]) => {
    for (let i = 1; i < messages.length; i += 1) {
      expect(BigInt(nth(messages, i).id) > BigInt(nth(messages, i - 1).id)).toBe(true);
    }
  };
  const getRaw = (query: Record<string, string>) =>
    request(t.url).get(`/api/rooms/${room.name}/messages`).query(query).set(bearer(reader.token));

  it('gives each message a distinct positive 64-bit id, growing with each later send', async () => {
    expect(new Set(sent.map((m) => m.id)).size).toBe(TOTAL);
    for (const message of sent) expect(message.id).toMatch(/^[1-9]\d{0,18}$/);
    const other = await createRoom(t.url, reader.token);
    const sequential: Message[] = [];
    for (let i = 0; i < 5; i += 1)
      sequential.push(await postMessage(t.url, reader.token, other.name, `s${i}`));
    expectAscendingIds(sequential);
    expect(await fetchMessages(t.url, reader.token, other.name)).toEqual(sequential);
  });

  it('returns the newest 50, oldest first, by default', async () => {
    const messages = await page();
    expect(messages).toEqual(sent.slice(TOTAL - 50));
    expectAscendingIds(messages);
  });

  it('honours limit from 1 to 100', async () => {
    expect(await page({ limit: 1 })).toEqual(sent.slice(TOTAL - 1));
    expect(await page({ limit: 100 })).toEqual(sent.slice(TOTAL - 100));
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('refuses limit=%p (400)', async (limit) => {
    expect(expectApiError(await getRaw({ limit }), 400)).toMatch(/limit/);
  });

  it('returns the newest `limit` messages older than `before`, oldest first', async () => {
    expect(await page({ before: nth(sent, 60).id, limit: 10 })).toEqual(sent.slice(50, 60));
    expect(await page({ before: nth(sent, 3).id })).toEqual(sent.slice(0, 3));
    expect(await page({ before: nth(sent, 0).id })).toEqual([]);
  });

  it('returns the oldest `limit` messages newer than `after`, oldest first', async () => {
    expect(await page({ after: nth(sent, 60).id, limit: 10 })).toEqual(sent.slice(61, 71));
    expect(await page({ after: nth(sent, TOTAL - 3).id })).toEqual(sent.slice(TOTAL - 2));
    expect(await page({ after: nth(sent, TOTAL - 1).id })).toEqual([]);
  });

  it('starts from the first message with after=0', async () => {
    expect(await page({ after: '0', limit: 5 })).toEqual(sent.slice(0, 5));
  });

  /** Follows a cursor page by page; bounded so a cursor that never advances fails, not hangs. */
  const walk = async (first: Query, nextQuery: (batch: Message[]) => Query) => {
    const batches: Message[][] = [];
    for (let query = first; batches.length <= TOTAL / 40 + 1;) {
      const batch = await page(query);
      if (batch.length === 0) return batches;
      batches.push(batch);
      query = nextQuery(batch);
    }
    throw new Error(`paging did not end after ${batches.length} pages`);
  };

  it('walks the whole room forwards with `after` and backwards with `before`, without gaps', async () => {
    const forwards = await walk({ after: '0', limit: 40 }, (batch) => ({
      after: nth(batch, -1).id,
      limit: 40,
    }));
    expect(forwards.flat()).toEqual(sent);
    const backwards = await walk({ limit: 40 }, (batch) => ({
      before: nth(batch, 0).id,
      limit: 40,
    }));
    expect(backwards.reverse().flat()).toEqual(sent);
  });

  it('handles cursors beyond 2^53 as exact 64-bit integers', async () => {
    expect(await page({ before: '9223372036854775807' })).toEqual(sent.slice(TOTAL - 50));
    expect(await page({ after: '9007199254740993' })).toEqual([]);
  });

  it('refuses before and after together (400)', async () => {
    expectApiError(await getRaw({ before: nth(sent, 10).id, after: nth(sent, 5).id }), 400);
  });

  it.each(['abc', '-1', '1.5', '99999999999999999999', '9223372036854775808', '1e3', '0x10', ' 5'])(
    'refuses the cursor %p (400)',
    async (cursor) => {
      expectApiError(await getRaw({ before: cursor }), 400);
      expectApiError(await getRaw({ after: cursor }), 400);
    },
  );

  it('answers 404 for an unknown room and 401 without a token', async () => {
    const unknown = await request(t.url)
      .get(`/api/rooms/${uniqueName('nowhere')}/messages`)
      .set(bearer(reader.token));
    expect(expectApiError(unknown, 404)).toMatch(/not found/);
    expectApiError(await request(t.url).get(`/api/rooms/${room.name}/messages`), 401);
  });
});
