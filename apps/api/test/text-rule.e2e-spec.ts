import request from 'supertest';
import type { AckError } from '@chat/contract';
import { hasControlCharacters } from '../src/common/validation/plain-text';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  emitRaw,
  listMessages,
  PASSWORD,
  sendMessage,
  signup,
  uniqueName,
  type ChatClient,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

const CONTROL = /must not contain control characters/;

/**
 * The contract's text rule: NUL and the other C0 controls but tab and newline are refused in
 * every text field, REST and real-time, as 400 / `invalid` (PostgreSQL would refuse NUL with an
 * error that became a 500 / `internal`, and failed other people's sends with it).
 */
describe('text fields refuse control characters', () => {
  const t = useApp();
  let alice: TestUser;
  let room: string;
  let socket: ChatClient;

  beforeAll(async () => {
    alice = await signup(t.url);
    room = (await createRoom(t.url, alice.token)).name;
    socket = await t.open(alice, room);
  });

  describe('over REST: 400 naming the field', () => {
    it.each([
      ['signup username', '/api/auth/signup', { username: 'nul\u0000name', password: PASSWORD }],
      [
        'signup password',
        '/api/auth/signup',
        { username: uniqueName(), password: 'pass\u0000word1' },
      ],
      ['login username', '/api/auth/login', { username: 'ada\u0000', password: PASSWORD }],
      ['login password', '/api/auth/login', { username: 'ada', password: '\u0007bell-pass' }],
    ])('%s', async (_field, path, body) => {
      expect(expectApiError(await request(t.url).post(path).send(body), 400)).toMatch(CONTROL);
    });

    it('room name and message content and clientId', async () => {
      const rooms = await request(t.url)
        .post('/api/rooms')
        .set(bearer(alice.token))
        .send({ name: 'r\u0000' });
      expect(expectApiError(rooms, 400)).toMatch(/name must not contain control characters/);
      for (const body of [{ content: '\u0000' }, { content: 'hi', clientId: 'c\u001b' }]) {
        const res = await request(t.url)
          .post(`/api/rooms/${room}/messages`)
          .set(bearer(alice.token))
          .send(body);
        expect(expectApiError(res, 400)).toMatch(CONTROL);
      }
    });

    it.each([
      ['GET', '/api/rooms/%00'],
      ['GET', '/api/rooms/a%01b/messages'],
      ['POST', '/api/rooms/%00/messages'],
      ['DELETE', '/api/rooms/%1F'],
    ])('a room name in the path: %s %s', async (method, path) => {
      const res = await request(t.url)
        [method === 'GET' ? 'get' : method === 'POST' ? 'post' : 'delete'](path)
        .set(bearer(alice.token))
        .send({ content: 'hi' });
      expect(expectApiError(res, 400)).toMatch(/name must not contain control characters/);
    });

    it('lists at most five problems for a body of thousands of unknown keys', async () => {
      const body = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`key${i}`, i]));
      const res = await request(t.url)
        .post(`/api/rooms/${room}/messages`)
        .set(bearer(alice.token))
        .send(body);
      expectApiError(res, 400);
      const { message } = res.body as { message: string[] };
      expect(message).toHaveLength(6);
      expect(message.at(-1)).toMatch(/^and \d+ more problems$/);
      expect(res.text.length).toBeLessThan(2048);
    });

    it('stores tab and newline as they are', async () => {
      const res = await request(t.url)
        .post(`/api/rooms/${room}/messages`)
        .set(bearer(alice.token))
        .send({ content: 'col\tumn\nline two' })
        .expect(201);
      expect((res.body as { content: string }).content).toBe('col\tumn\nline two');
    });
  });

  describe('over the socket: invalid, and the socket goes on', () => {
    it.each([
      ['room:join room', 'room:join', () => ({ room: '\u0000' })],
      ['room:join room (with since)', 'room:join', () => ({ room: `${room}\u0000`, since: '0' })],
      ['room:leave room', 'room:leave', () => ({ room: '\u0000' })],
      ['message:send content', 'message:send', () => ({ room, content: 'a\u0000b' })],
      ['message:send content of NULs', 'message:send', () => ({ room, content: '\u0000\u0000' })],
      [
        'message:send clientId',
        'message:send',
        () => ({ room, content: 'hi', clientId: '\u0000' }),
      ],
      ['message:send room', 'message:send', () => ({ room: `${room}\u0000`, content: 'hi' })],
      ['typing room', 'typing', () => ({ room: '\u0008' })],
    ])('%s', async (_field, event, payload) => {
      const ack = (await emitRaw(socket, event, payload())) as AckError;
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(ack.error.message).toMatch(CONTROL);
      expect(socket.connected).toBe(true);
    });

    it('stores none of the refused sends, and stores the next one', async () => {
      await expect(sendMessage(socket, room, 'after the refusals')).resolves.toMatchObject({
        content: 'after the refusals',
      });
      const stored = await listMessages(t.url, alice.token, room);
      expect(stored.filter((m) => hasControlCharacters(m.content))).toEqual([]);
    });
  });
});
