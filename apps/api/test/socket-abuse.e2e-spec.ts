import request from 'supertest';
import type { Ack, AckError, RoomJoinResult } from '@chat/contract';
import {
  bearer,
  createRoom,
  emitRaw,
  fetchMessages,
  joinRoom,
  nextEvent,
  postMessage,
  recordEvents,
  sendMessage,
  signup,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

const JOINS_PER_MINUTE = 60;
const CATCH_UP = 30;

/** Ack sizes as they travel (JSON), to bound what a flood pulls out of the server. */
const sizeOf = (ack: unknown) => Buffer.byteLength(JSON.stringify(ack));
const codes = (acks: unknown[]) =>
  acks.map((ack) => (ack as Ack).ok || (ack as AckError).error.code);

/** Floods one socket can send: joins and leaves, typing, catch-ups, binary and unknown events. */
describe('socket floods and odd packets', () => {
  const t = useApp({
    JOINS_PER_MINUTE: String(JOINS_PER_MINUTE),
    CATCH_UP_MESSAGES_PER_MINUTE: String(CATCH_UP),
    TYPING_INTERVAL_SECONDS: '2',
  });
  let owner: TestUser;

  beforeAll(async () => {
    owner = await signup(t.url);
  });

  it(`answers room:join/room:leave beyond ${JOINS_PER_MINUTE} a minute with rate_limited, and bounds the presence broadcasts`, async () => {
    const room = (await createRoom(t.url, owner.token)).name;
    const [flooder, bystander, latecomer] = await Promise.all([
      signup(t.url),
      signup(t.url),
      signup(t.url),
    ]);
    const watching = await t.open(bystander);
    await joinRoom(watching, room);
    const presence = recordEvents(watching, 'presence');
    const socket = await t.open(flooder);

    const acks = await Promise.all(
      // Each ack may wait behind the 99 others: more than the usual 5 s on a loaded machine.
      Array.from({ length: 100 }, (_, i) =>
        emitRaw(socket, i % 2 === 0 ? 'room:join' : 'room:leave', { room }, 25_000),
      ),
    );

    expect(codes(acks)).toEqual([
      ...Array<true>(JOINS_PER_MINUTE).fill(true),
      ...Array<string>(100 - JOINS_PER_MINUTE).fill('rate_limited'),
    ]);
    // The latecomer's arrival is broadcast after every presence change the flood caused.
    const late = await t.open(latecomer);
    const arrived = nextEvent(watching, 'presence', (p) =>
      p.online.some((u) => u.id === latecomer.user.id),
    );
    await joinRoom(late, room);
    await arrived;
    expect(presence.length - 1).toBeLessThanOrEqual(JOINS_PER_MINUTE);
    expect(socket.connected).toBe(true);
    // The budget is the socket's: another socket of the same user joins at once.
    await expect(joinRoom(await t.open(flooder), room)).resolves.toMatchObject({
      room: { name: room },
    });
  }, 30_000);

  it('relays a typing flood a handful of times, answering the rest rate_limited', async () => {
    const room = (await createRoom(t.url, owner.token)).name;
    const otherRoom = (await createRoom(t.url, owner.token)).name;
    const [typist, reader] = await Promise.all([signup(t.url), signup(t.url)]);
    const [typing, reading] = await Promise.all([t.open(typist), t.open(reader)]);
    await Promise.all([
      joinRoom(typing, room),
      joinRoom(reading, room),
      joinRoom(typing, otherRoom),
    ]);
    const relayed = recordEvents(reading, 'typing');

    const acks = await Promise.all(
      Array.from({ length: 200 }, () => emitRaw(typing, 'typing', { room })),
    );
    const sentinel = nextEvent(reading, 'message:new', (m) => m.content === 'after the typing');
    await sendMessage(typing, room, 'after the typing');
    await sentinel;

    const allowed = codes(acks).filter((code) => code === true).length;
    expect(allowed).toBeGreaterThanOrEqual(1);
    expect(allowed).toBeLessThanOrEqual(3);
    expect(codes(acks).filter((code) => code !== true)).toEqual(
      Array<string>(200 - allowed).fill('rate_limited'),
    );
    expect(relayed).toHaveLength(allowed);
    // The limit is per user and room: the same typist in another room is relayed.
    expect(await emitRaw(typing, 'typing', { room: otherRoom })).toEqual({ ok: true });
  });

  it(`bounds what catch-ups carry to ${CATCH_UP} messages a minute per user; the rest is paged over REST`, async () => {
    const room = (await createRoom(t.url, owner.token)).name;
    const text = 'c'.repeat(1000);
    for (let i = 0; i < 40; i++) await postMessage(t.url, owner.token, room, `${i} ${text}`);
    const reader = await signup(t.url);
    const socket = await t.open(reader);

    const acks = (await Promise.all(
      // Each ack may wait behind the 99 others: more than the usual 5 s on a loaded machine.
      Array.from({ length: 100 }, () => emitRaw(socket, 'room:join', { room, since: '0' }, 25_000)),
    )) as Ack<RoomJoinResult>[];

    const joined = acks.filter((ack): ack is RoomJoinResult & { ok: true } => ack.ok);
    expect(joined).toHaveLength(JOINS_PER_MINUTE);
    expect(joined.map((ack) => ack.missed.length)).toEqual([
      CATCH_UP,
      ...Array<number>(JOINS_PER_MINUTE - 1).fill(0),
    ]);
    expect(joined.every((ack) => ack.missedMore)).toBe(true);
    const bytes = acks.reduce((sum, ack) => sum + sizeOf(ack), 0);
    expect(bytes).toBeLessThan(CATCH_UP * 1200 + 100 * 2000);
    // Following missedMore, the client pages everything over REST.
    const paged = await fetchMessages(t.url, reader.token, room, { after: '0', limit: 100 });
    expect(paged).toHaveLength(40);
    // Another user has a budget of their own.
    const other = await t.open(await signup(t.url));
    await expect(joinRoom(other, room, '0')).resolves.toMatchObject({ missedMore: true });
    // 40 sends, 100 joins and two signups: more than Jest's 5 s on a machine under other load.
  }, 30_000);

  it('carries what was missed in full while within the budget', async () => {
    const room = (await createRoom(t.url, owner.token)).name;
    for (let i = 0; i < 5; i++) await postMessage(t.url, owner.token, room, `m${i}`);
    const socket = await t.open(await signup(t.url));
    const { missed, missedMore } = await joinRoom(socket, room, '0');
    expect(missed.map((m) => m.content)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(missedMore).toBe(false);
  });

  it.each([
    ['a 60 KB Buffer', 'message:send', () => Buffer.alloc(60_000, 1)],
    ['a typed array', 'message:send', () => new Float32Array(10_000)],
    ['a Buffer to room:join', 'room:join', () => Buffer.alloc(60_000)],
    ['a Buffer as content', 'message:send', () => ({ room: 'r', content: Buffer.alloc(60_000) })],
    [
      'an object of 3500 unknown keys (50 KB)',
      'message:send',
      () => Object.fromEntries(Array.from({ length: 3500 }, (_, i) => [`key${i}`, i])),
    ],
    [
      'an object of 3500 unknown keys (50 KB) to room:join',
      'room:join',
      () => Object.fromEntries(Array.from({ length: 3500 }, (_, i) => [`key${i}`, i])),
    ],
  ])('answers %s with a short invalid ack (under 2 KB)', async (_case, event, payload) => {
    const socket = await t.open(owner);
    const ack = (await emitRaw(socket, event, payload())) as AckError;
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(sizeOf(ack)).toBeLessThan(2048);
    expect(socket.connected).toBe(true);
  });

  it('answers an unknown event that asks for an answer with invalid', async () => {
    const socket = await t.open(owner);
    await expect(emitRaw(socket, 'room:explode', { room: 'x' }, 2000)).resolves.toEqual({
      ok: false,
      error: { code: 'invalid', message: 'unknown event' },
    });
    // An event of another gateway on the namespace is known: its own handler answers it.
    const refresh = (await emitRaw(socket, 'auth:refresh', { token: 'not-a-token' })) as AckError;
    expect(refresh).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const room = (await createRoom(t.url, owner.token)).name;
    await expect(joinRoom(socket, room)).resolves.toMatchObject({ room: { name: room } });
    await request(t.url).get(`/api/rooms/${room}`).set(bearer(owner.token)).expect(200);
  });
});
