import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { MAX_PAYLOAD_BYTES, type ApiError, type Room } from '@chat/contract';
import { expectApiError, fromFetch } from './support/api-error';
import { bearer, createRoom, fetchMessages, signup, type TestUser } from './support/factories';
import { useApp } from './support/suite';

describe('REST error responses', () => {
  const t = useApp();
  let user: TestUser;
  let room: Room;

  beforeAll(async () => {
    user = await signup(t.url);
    room = await createRoom(t.url, user.token);
  });

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

  describe('unknown routes and methods', () => {
    it('answers an unknown /api path with 404 in the JSON error shape', async () => {
      expectApiError(await request(t.url).get('/api/no-such-route'), 404);
      expectApiError(await request(t.url).patch('/api/no-such-route').send({}), 404);
      expectApiError(await request(t.url).get('/api/rooms/a/b/c/d'), 404);
    });

    // v2 (issue 9, finding 12): a known path with a method it lacks is 405, no longer 404.
    it.each([
      ['patch', '/api/rooms', 'GET, POST, HEAD'],
      ['put', '/api/rooms/general', 'GET, DELETE, HEAD'],
      ['delete', '/api/auth/login', 'POST'],
      ['get', '/api/auth/logout', 'POST'],
      ['put', '/api/rooms/general/messages', 'GET, POST, HEAD'],
    ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
      const res = await request(t.url)[method as 'patch'](path).send({});
      expect(expectApiError(res, 405)).toMatch(/not allowed/);
      expect((res.body as ApiError).code).toBe('invalid');
      expect(res.headers['allow']?.split(', ').sort()).toEqual(allow.split(', ').sort());
    });

    it('still answers the methods a path has', async () => {
      await request(t.url).get('/api/rooms').expect(200);
      await request(t.url).head('/api/rooms').expect(200);
    });
  });

  describe('content encodings', () => {
    /** fetch, because supertest would serialise a Buffer into JSON under a JSON content type. */
    const send = async (encoding: string, body: Buffer) =>
      fromFetch(
        await fetch(`${t.url}/api/rooms/${room.name}/messages`, {
          method: 'POST',
          headers: {
            ...bearer(user.token),
            'Content-Type': 'application/json',
            'Content-Encoding': encoding,
          },
          body,
        }),
      );

    it('reads a real gzip body', async () => {
      const res = await send('gzip', gzipSync(JSON.stringify({ content: 'zipped' })));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ content: 'zipped' });
    });

    it('answers a "gzip" body that is not gzip with 400 in the error shape, not 500', async () => {
      const res = await send('gzip', Buffer.from(JSON.stringify({ content: 'plain' })));
      expect(expectApiError(res, 400)).toMatch(/could not be read/);
    });

    it('answers an encoding it does not support with 415', async () => {
      const res = await send('compress', Buffer.from('{}'));
      expect(expectApiError(res, 415)).toMatch(/content-encoding/);
    });

    it('answers a gzip body that inflates past 64 KiB with 413', async () => {
      const bomb = gzipSync(JSON.stringify({ content: 'a'.repeat(10 * MAX_PAYLOAD_BYTES) }));
      expect(bomb.length).toBeLessThan(MAX_PAYLOAD_BYTES);
      expectApiError(await send('gzip', bomb), 413);
    });
  });

  describe('requests Node cannot parse', () => {
    /** A raw request, as supertest would refuse to send it; resolves with status, headers, body. */
    const rawGet = (headers: Record<string, string>) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest(`${t.url}/api/rooms`, { headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
          );
        });
        req.on('error', reject);
        req.end();
      });

    it('answers an oversized header with 431 and the JSON error body', async () => {
      const res = await rawGet({ 'X-Filler': 'x'.repeat(20_000) });
      expect(res.status).toBe(431);
      expect(res.type).toMatch(/application\/json/);
      expect(JSON.parse(res.body)).toEqual({
        statusCode: 431,
        error: 'Request Header Fields Too Large',
        code: 'too_large',
        message: 'request headers are too large',
      });
    });

    it('keeps serving afterwards', async () => {
      await request(t.url).get('/api/rooms').expect(200);
    });
  });
});
