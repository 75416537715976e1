import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Message, Room } from '@chat/contract';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  fetchMessages,
  postMessage,
  uniqueName,
  type TestUser,
} from './support/factories';
import { nth } from './support/nth';
import { useApp } from './support/suite';

describe('sending messages over REST', () => {
  const t = useApp();
  let alice: TestUser;
  let bob: TestUser;
  let room: Room;

  beforeAll(async () => {
    [alice, bob] = await t.members(2);
    room = await createRoom(t.url, alice.token);
  });

  const send = (body: object, token = alice.token, roomName = room.name) =>
    request(t.url)
      .post(`/api/rooms/${encodeURIComponent(roomName)}/messages`)
      .set(bearer(token))
      .send(body);

  /** A room of its own, so a test can assert exactly what is stored. */
  const freshRoom = () => createRoom(t.url, alice.token);

  it('stores and returns the trimmed content with its author (201)', async () => {
    const res = await send({ content: '  \n hello there \t ' }).expect(201);
    const { id, createdAt, seq, ...rest } = res.body as Message;
    expect(id).toMatch(/^[1-9]\d*$/);
    expect(seq).toBe(id);
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(createdAt) - Date.now())).toBeLessThan(60_000);
    expect(rest).toEqual({
      room: room.name,
      author: { id: alice.user.id, username: alice.user.username },
      content: 'hello there',
      clientId: null,
      editedAt: null,
      deleted: false,
      replyTo: null,
      reactions: [],
      mentions: [],
    });
  });

  it('names the room as created even when the path uses another casing', async () => {
    const res = await send({ content: 'hi' }, bob.token, room.name.toUpperCase()).expect(201);
    expect((res.body as Message).room).toBe(room.name);
  });

  it.each([
    ['markup', '<script>alert(1)</script><img src=x onerror=alert(2)> &amp; &lt;'],
    ['emoji, including ones outside the BMP', '😀 🎉 👩‍👩‍👧‍👦 🏳️‍🌈 𝄞 ❤️ 🇺🇦'],
    ['right-to-left text', 'مرحبا بالعالم — שלום עולם ‏(RTL)‏ \u202Eevil\u202C'],
    ['quotes, backslashes and combining marks', 'He said "hi" \\ \'yo\' \u00e9\u0301 Ω ½ 𝒳'],
  ])('returns %s byte-for-byte, as sent and as stored', async (_case, content) => {
    const target = await freshRoom();
    const sent = (await send({ content }, alice.token, target.name).expect(201)).body as Message;
    expect(Buffer.from(sent.content)).toEqual(Buffer.from(content));
    const stored = nth(await fetchMessages(t.url, alice.token, target.name), 0);
    expect(Buffer.from(stored.content)).toEqual(Buffer.from(content));
  });

  it('accepts exactly 4000 characters (after trimming)', async () => {
    const content = 'x'.repeat(4000);
    const sent = (await send({ content: `  ${content}\n` }).expect(201)).body as Message;
    expect(sent.content).toBe(content);
  });

  it.each([
    ['empty content', { content: '' }],
    ['whitespace-only content', { content: ' \n\t  ' }],
    ['content over 4000 characters', { content: 'y'.repeat(4001) }],
    ['missing content', {}],
    ['numeric content', { content: 42 }],
    ['null content', { content: null }],
    ['an object as content', { content: { text: 'hi' } }],
    ['a numeric clientId', { content: 'hi', clientId: 7 }],
    ['an empty clientId', { content: 'hi', clientId: '' }],
    ['a clientId over 64 characters', { content: 'hi', clientId: 'c'.repeat(65) }],
    ['an unknown field', { content: 'hi', html: '<b>hi</b>' }],
  ])('refuses %s (400) and stores nothing', async (_case, body) => {
    const target = await freshRoom();
    expect(expectApiError(await send(body, alice.token, target.name), 400)).toMatch(
      /content|clientId|html/,
    );
    expect(await fetchMessages(t.url, alice.token, target.name)).toEqual([]);
  });

  it('answers 404 for an unknown room and 401 without a token', async () => {
    expect(
      expectApiError(await send({ content: 'hi' }, alice.token, uniqueName('nowhere')), 404),
    ).toMatch(/not found/);
    expectApiError(
      await request(t.url).post(`/api/rooms/${room.name}/messages`).send({ content: 'hi' }),
      401,
    );
  });

  describe('clientId makes a send safe to retry', () => {
    it('answers a retry with the stored message and stores it once', async () => {
      const target = await freshRoom();
      const clientId = randomUUID();
      const first = await postMessage(t.url, alice.token, target.name, 'once only', clientId);
      const retry = await postMessage(t.url, alice.token, target.name, 'once only', clientId);
      expect(first.clientId).toBe(clientId);
      expect(retry).toEqual(first);
      expect(await fetchMessages(t.url, alice.token, target.name)).toEqual([first]);
    });

    it('keeps the first content when a retry carries different text', async () => {
      const target = await freshRoom();
      const clientId = randomUUID();
      const first = await postMessage(t.url, alice.token, target.name, 'original', clientId);
      const retry = await postMessage(t.url, alice.token, target.name, 'edited', clientId);
      expect(retry).toEqual(first);
      expect((await fetchMessages(t.url, alice.token, target.name)).map((m) => m.content)).toEqual([
        'original',
      ]);
    });

    it('stores one row for 10 concurrent identical sends, all answered with the same id', async () => {
      const target = await freshRoom();
      const clientId = randomUUID();
      const sends = Array.from({ length: 10 }, () =>
        postMessage(t.url, alice.token, target.name, 'racing', clientId),
      );
      const answers = await Promise.all(sends);
      expect(new Set(answers.map((m) => m.id)).size).toBe(1);
      const stored = await fetchMessages(t.url, alice.token, target.name);
      expect(stored).toHaveLength(1);
      expect(nth(stored, 0).id).toBe(nth(answers, 0).id);
    });

    it('keeps messages of different authors or rooms apart even with the same clientId', async () => {
      const [first, second] = [await freshRoom(), await freshRoom()];
      const clientId = randomUUID();
      const fromAlice = await postMessage(t.url, alice.token, first.name, 'from alice', clientId);
      const fromBob = await postMessage(t.url, bob.token, first.name, 'from bob', clientId);
      const elsewhere = await postMessage(t.url, alice.token, second.name, 'elsewhere', clientId);
      expect(new Set([fromAlice.id, fromBob.id]).size).toBe(2);
      expect(fromBob.author.id).toBe(bob.user.id);
      expect((await fetchMessages(t.url, alice.token, first.name)).map((m) => m.content)).toEqual([
        'from alice',
        'from bob',
      ]);
      expect(await fetchMessages(t.url, alice.token, second.name)).toEqual([elsewhere]);
    });
  });
});
