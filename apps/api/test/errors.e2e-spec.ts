import request from 'supertest';
import { MAX_PAYLOAD_BYTES, type Room } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { startApp, type TestApp } from './support/app';
import { bearer, createRoom, fetchMessages, signup, type TestUser } from './support/factories';

describe('REST error responses', () => {
  let t: TestApp;
  let user: TestUser;
  let room: Room;

  beforeAll(async () => {
    t = await startApp();
    user = await signup(t.url);
    room = await createRoom(t.url, user.token);
  });
  afterAll(() => t.close());

  const rawPost = (path: string, body: string, token?: string) => {
    const req = request(t.url).post(path).set('Content-Type', 'application/json');
    return (token ? req.set(bearer(token)) : req).send(body);
  };
  /** A JSON body of exactly `bytes` bytes. */
  const jsonOfSize = (bytes: number) => {
    const shell = JSON.stringify({ content: '' });
    return JSON.stringify({ content: 'a'.repeat(bytes - shell.length) });
  };

  describe('request bodies over 64 KiB', () => {
    it('answers 413 with the JSON error shape and stores nothing', async () => {
      const body = jsonOfSize(MAX_PAYLOAD_BYTES + 1);
      expect(Buffer.byteLength(body)).toBe(MAX_PAYLOAD_BYTES + 1);
      const res = await rawPost(`/api/rooms/${room.name}/messages`, body, user.token);
      expect(expectApiError(res, 413)).toMatch(/64 KiB|too large/i);
      expect(await fetchMessages(t.url, user.token, room.name)).toEqual([]);
    });

    it('answers 413 on routes without a token too', async () => {
      const huge = JSON.stringify({
        username: 'x'.repeat(MAX_PAYLOAD_BYTES),
        password: 'whatever-pass',
      });
      expectApiError(await rawPost('/api/auth/signup', huge), 413);
    });

    it('reads a body of exactly 64 KiB (then judges its content: 400, not 413)', async () => {
      const body = jsonOfSize(MAX_PAYLOAD_BYTES);
      const res = await rawPost(`/api/rooms/${room.name}/messages`, body, user.token);
      expect(expectApiError(res, 400)).toMatch(/content must be 1 to 4000/);
    });
  });

  describe('malformed JSON', () => {
    it.each([
      ['a truncated object', '{"content": "hi"'],
      ['single quotes', "{'content': 'hi'}"],
      ['a trailing comma', '{"content": "hi",}'],
      ['plain text', 'hello'],
    ])(
      'answers 400 with the JSON error shape for %s, without echoing the input',
      async (_case, body) => {
        const res = await rawPost(`/api/rooms/${room.name}/messages`, body, user.token);
        const message = expectApiError(res, 400);
        expect(message).toMatch(/JSON/);
        expect(message).not.toContain(body);
      },
    );

    it('answers 400 for malformed JSON on signup', async () => {
      expectApiError(await rawPost('/api/auth/signup', '{"username":'), 400);
    });
  });

  describe('inputs that reach the database', () => {
    it('never leaks SQL or internals for hostile room names, usernames and cursors', async () => {
      const hostile = ["x'; DROP TABLE rooms; --", '%27%20OR%201%3D1--', '..%2F..%2Fetc%2Fpasswd'];
      for (const name of hostile) {
        expectApiError(await request(t.url).get(`/api/rooms/${name}`).set(bearer(user.token)), 404);
        expectApiError(
          await request(t.url).get(`/api/rooms/${name}/messages`).set(bearer(user.token)),
          404,
        );
      }
      const login = await request(t.url)
        .post('/api/auth/login')
        .send({ username: "admin' OR '1'='1", password: "' OR '1'='1" });
      expectApiError(login, 401);
      const cursor = await request(t.url)
        .get(`/api/rooms/${room.name}/messages?before=9999999999999999999`)
        .set(bearer(user.token));
      expectApiError(cursor, 400);
      await request(t.url).get('/api/rooms').expect(200);
    });

    it('answers a repeated query parameter with 400, not 500', async () => {
      const res = await request(t.url)
        .get(`/api/rooms/${room.name}/messages?limit=5&limit=6`)
        .set(bearer(user.token));
      expectApiError(res, 400);
    });
  });

  describe('unknown routes', () => {
    it('answers 404 with the JSON error shape', async () => {
      expectApiError(await request(t.url).get('/api/no-such-route'), 404);
      expectApiError(await request(t.url).patch('/api/rooms').send({}), 404);
    });
  });
});
