import request from 'supertest';
import type { Message, Room } from '@chat/contract';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  fetchMessages,
  joinRoom,
  PASSWORD,
  emitWithAck,
  signup,
  sleep,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

describe('limits', () => {
  describe('message sends per user (SEND_BURST=5, SEND_PER_SECOND=1)', () => {
    const t = useApp({ SEND_BURST: '5', SEND_PER_SECOND: '1' });
    let room: Room;

    const send = (user: TestUser, content: string, clientId?: string) =>
      request(t.url)
        .post(`/api/rooms/${room.name}/messages`)
        .set(bearer(user.token))
        .send({ content, clientId });

    it('refuses sends beyond the burst with 429, stores none of them, and spares other users', async () => {
      const [flooder, bystander] = await Promise.all([signup(t.url), signup(t.url)]);
      room = await createRoom(t.url, flooder.token);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await send(flooder, `flood ${i}`)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
      expect(expectApiError(await send(flooder, 'one more'), 429)).toMatch(/too fast/);
      await send(bystander, 'still here').expect(201);
      const stored = (await fetchMessages(t.url, flooder.token, room.name)).map((m) => m.content);
      expect(stored).toEqual(['flood 0', 'flood 1', 'flood 2', 'flood 3', 'flood 4', 'still here']);
    });

    it('answers a retry of a stored clientId with the stored message even when the budget is spent', async () => {
      const user = await signup(t.url);
      room = await createRoom(t.url, user.token);
      const socket = await t.open(user.token);
      await joinRoom(socket, room.name);
      // Spend the budget: send until a send is refused (the bucket refills while we send).
      const sent: Message[] = [];
      for (let i = 0; sent.length < 20; i += 1) {
        const res = await send(user, `retry ${i}`, `client-${i}`);
        if (res.status === 429) break;
        expect(res.status).toBe(201);
        sent.push(res.body as Message);
      }
      expect(sent.length).toBeGreaterThanOrEqual(5);

      const retry = await send(user, 'retry 2', 'client-2').expect(201);
      expect(retry.body).toEqual(sent[2]);
      const ack = await emitWithAck(socket, 'message:send', {
        room: room.name,
        content: 'retry 4',
        clientId: 'client-4',
      });
      expect(ack).toEqual({ ok: true, message: sent[4] });
      expectApiError(await send(user, 'a new one', 'client-new'), 429);
      const stored = await fetchMessages(t.url, user.token, room.name);
      expect(stored).toEqual(sent);
    });

    it('counts REST and socket sends together, and refills over time', async () => {
      const user = await signup(t.url);
      room = await createRoom(t.url, user.token);
      // Connected first, so the socket's send follows the burst at once (the bucket refills).
      const socket = await t.open(user.token);
      await joinRoom(socket, room.name);
      for (let i = 0; i < 5; i += 1) await send(user, `rest ${i}`).expect(201);
      const ack = await emitWithAck(socket, 'message:send', {
        room: room.name,
        content: 'over the socket',
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      // A refused send costs nothing: poll until the refill lets one through (about a second).
      let refill = await send(user, 'after the refill');
      for (let tries = 1; refill.status === 429 && tries < 100; tries += 1) {
        await sleep(50);
        refill = await send(user, 'after the refill');
      }
      expect(refill.status).toBe(201);
      expectApiError(await send(user, 'too soon again'), 429);
      const stored = (await fetchMessages(t.url, user.token, room.name)).map((m) => m.content);
      expect(stored).toEqual([
        'rest 0',
        'rest 1',
        'rest 2',
        'rest 3',
        'rest 4',
        'after the refill',
      ]);
    });
  });

  describe('failed logins per username (LOGIN_MAX_FAILURES=3)', () => {
    const t = useApp({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '900' });

    const login = (username: string, password: string) =>
      request(t.url).post('/api/auth/login').send({ username, password });

    it('locks the username after 3 failures, even for the right password, while others log in', async () => {
      const [victim, neighbour] = await Promise.all([signup(t.url), signup(t.url)]);
      for (let i = 0; i < 3; i += 1)
        expectApiError(await login(victim.user.username, `wrong-${i}-pass`), 401);
      expect(expectApiError(await login(victim.user.username, PASSWORD), 429)).toMatch(/too many/);
      expectApiError(await login(victim.user.username.toUpperCase(), PASSWORD), 429);
      await login(neighbour.user.username, PASSWORD).expect(200);
      await request(t.url).get('/api/auth/me').set(bearer(victim.token)).expect(200);
    });

    it('does not lock a username below the threshold', async () => {
      const user = await signup(t.url);
      for (let i = 0; i < 2; i += 1)
        expectApiError(await login(user.user.username, `wrong-${i}-pass`), 401);
      await login(user.user.username, PASSWORD).expect(200);
    });
  });

  describe('other REST routes per client address (REST_PER_MINUTE=12)', () => {
    const t = useApp({ REST_PER_MINUTE: '12' });

    it('answers 429 once the minute budget is spent, but keeps sends on their own limit', async () => {
      const user = await signup(t.url);
      const room = await createRoom(t.url, user.token);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1)
        statuses.push((await request(t.url).get('/api/rooms')).status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(2);
      expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
      expectApiError(await request(t.url).get('/api/rooms'), 429);
      expectApiError(await request(t.url).get('/api/auth/me').set(bearer(user.token)), 429);
      await request(t.url)
        .post(`/api/rooms/${room.name}/messages`)
        .set(bearer(user.token))
        .send({ content: 'sends have their own limit' })
        .expect(201);
    });
  });
});
