import { CLIENT_ID_MAX_LENGTH, MESSAGE_MAX_LENGTH, type AckError } from '@chat/contract';
import { leaksIn } from './support/api-error';
import { useApp } from './support/suite';
import {
  createRoom,
  emitRaw,
  joinRoom,
  listMessages,
  sendMessage,
  signup,
  type ChatClient,
  uniqueName,
  type TestUser,
} from './support/factories';
import { drained } from './support/waits';

type Case = [label: string, event: string, payload: unknown, mentions: RegExp];

const ROOM_EVENTS = ['room:join', 'room:leave', 'message:send', 'typing'];
const BAD_ROOMS: [string, unknown][] = [
  ['a number', 123],
  ['null', null],
  ['an object', {}],
  ['missing', undefined],
  ['empty', ''],
  ['65 characters', 'r'.repeat(65)],
];
const NOT_OBJECTS: [string, unknown][] = [
  ['a string', 'general'],
  ['a number', 42],
  ['null', null],
  ['an array', [{ room: 'general', content: 'hi' }]],
  ['a boolean', true],
];

/** Every field of every event, wrong in every way the contract rules out. */
function invalidCases(room: string): Case[] {
  const send = (patch: Record<string, unknown>) => ({ room, content: 'hello', ...patch });
  return [
    ...ROOM_EVENTS.flatMap((event) =>
      BAD_ROOMS.map(([label, value]): Case => {
        const payload = event === 'message:send' ? send({ room: value }) : { room: value };
        return [`room ${label}`, event, payload, /room/];
      }),
    ),
    ...ROOM_EVENTS.flatMap((event) =>
      NOT_OBJECTS.map(([label, value]): Case => [`payload ${label}`, event, value, /object/]),
    ),
    ...ROOM_EVENTS.map((event): Case => [
      'an unknown extra field',
      event,
      { ...(event === 'message:send' ? send({}) : { room }), isAdmin: true },
      /isAdmin/,
    ]),
    ['content a number', 'message:send', send({ content: 42 }), /content/],
    ['content null', 'message:send', send({ content: null }), /content/],
    ['content missing', 'message:send', { room }, /content/],
    ['content empty', 'message:send', send({ content: '' }), /content/],
    ['content only whitespace', 'message:send', send({ content: ' \n\t  ' }), /content/],
    [
      'content too long',
      'message:send',
      send({ content: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) }),
      /content/,
    ],
    ['clientId empty', 'message:send', send({ clientId: '' }), /clientId/],
    [
      'clientId too long',
      'message:send',
      send({ clientId: 'c'.repeat(CLIENT_ID_MAX_LENGTH + 1) }),
      /clientId/,
    ],
    ['clientId a number', 'message:send', send({ clientId: 7 }), /clientId/],
    ['since not a number', 'room:join', { room, since: 'abc' }, /since/],
    ['since negative', 'room:join', { room, since: '-1' }, /since/],
    ['since a negative number', 'room:join', { room, since: -1 }, /since/],
    ['since an object', 'room:join', { room, since: {} }, /since/],
    ['since a fraction', 'room:join', { room, since: '1.5' }, /since/],
    ['since beyond 64 bits', 'room:join', { room, since: '9223372036854775808' }, /since/],
  ];
}

describe('bad real-time input', () => {
  const t = useApp();
  let alice: TestUser;
  const room = uniqueName('room');
  let socket: ChatClient;

  beforeAll(async () => {
    alice = await signup(t.url);
    await createRoom(t.url, alice.token, room);
    socket = await t.open(alice, room);
  });

  it.each(invalidCases(room))(
    'answers invalid for %s on %s',
    async (_label, event, payload, mentions) => {
      const ack = (await emitRaw(socket, event, payload)) as AckError;

      expect(ack).toEqual({
        ok: false,
        error: { code: 'invalid', message: expect.any(String) as unknown },
      });
      expect(ack.error.message).toMatch(mentions);
      expect(leaksIn(ack.error.message)).toEqual([]);
      expect(socket.connected).toBe(true);
      await expect(sendMessage(socket, room, `still fine after ${event}`)).resolves.toMatchObject({
        content: `still fine after ${event}`,
      });
    },
  );

  it('stores nothing for a refused send', async () => {
    const marker = `refused ${Date.now()}`;
    await emitRaw(socket, 'message:send', { room, content: marker, clientId: '' });
    await emitRaw(socket, 'message:send', { room, content: marker, extra: 1 });
    const stored = await listMessages(t.url, alice.token, room);
    expect(stored.filter((m) => m.content === marker)).toEqual([]);
  });

  it('accepts content of exactly the maximum length', async () => {
    const longest = 'y'.repeat(MESSAGE_MAX_LENGTH);
    await expect(sendMessage(socket, room, `  ${longest}  `)).resolves.toMatchObject({
      content: longest,
    });
  });

  it('survives events sent without an acknowledgement callback', async () => {
    const untyped = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    untyped.emit('message:send', { room, content: 42 });
    untyped.emit('message:send');
    untyped.emit('room:join', 'not an object');
    untyped.emit('typing', { room: 'nowhere-joined' });
    untyped.emit('message:send', { room, content: 'sent without waiting for an answer' });
    untyped.emit('no:such:event', { room });
    // Answered after the server has read every packet before it.
    await drained(socket);

    expect(socket.connected).toBe(true);
    await expect(sendMessage(socket, room, 'and still answering')).resolves.toMatchObject({
      content: 'and still answering',
    });
    const other = await t.open(alice);
    await expect(joinRoom(other, room)).resolves.toMatchObject({ room: { name: room } });
  });
});
