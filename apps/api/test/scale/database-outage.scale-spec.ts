import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Message } from '@chat/contract';
import { expectApiError } from '../support/api-error';
import {
  connect,
  createRoom,
  emitWithAck,
  signup,
  type ChatClient,
  type TestUser,
} from '../support/factories';
import { startApi, type ApiProcess } from './support/api-process';
import { idsOf, joinRoom, messagesAfter, sendOnce, waitFor } from './support/chat-traffic';
import { createThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres';

const PG_PORT = 5499;
/** How long a client may wait for an answer while the database is away. */
const FAIL_FAST_MS = 5000;
const RECOVERY_BOUND_MS = 15_000;

async function status(url: string, path: string): Promise<number> {
  return (await request(url).get(path)).status;
}

/** PostgreSQL goes away and comes back; the API answers honestly meanwhile and heals itself. */
describe('a database outage', () => {
  let pg: ThrowawayPostgres;
  let api: ApiProcess;
  let socket: ChatClient | undefined;

  beforeAll(async () => {
    pg = await createThrowawayPostgres(PG_PORT);
    await pg.start();
    api = await startApi({ port: 3441, databaseUrl: pg.url });
  });
  afterAll(async () => {
    socket?.close();
    await api?.stop();
    await pg?.destroy();
  });

  async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
    const started = Date.now();
    const value = await work;
    return { value, ms: Date.now() - started };
  }

  function restSend(user: TestUser, room: string, content: string) {
    return request(api.url)
      .post(`/api/rooms/${room}/messages`)
      .set('Authorization', `Bearer ${user.token}`)
      .send({ content, clientId: randomUUID() });
  }

  it('fails sends fast with internal/503, reports not ready, and recovers without a restart', async () => {
    const user = await signup(api.url);
    const room = (await createRoom(api.url, user.token)).name;
    socket = await connect(api.url, user.token);
    await joinRoom(socket, room);
    const acked: Message[] = [];
    for (const content of ['before 1', 'before 2', 'before 3']) {
      const ack = await sendOnce(socket, room, content);
      if (ack.ok) acked.push(ack.message);
    }
    expect(acked).toHaveLength(3);

    await pg.stop();
    const retried = { room, content: 'sent during the outage', clientId: randomUUID() };
    const socketSend = await timed(emitWithAck(socket, 'message:send', retried, 3 * FAIL_FAST_MS));
    expect(socketSend.value).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(socketSend.ms).toBeLessThan(FAIL_FAST_MS);
    const restFailure = await timed(restSend(user, room, 'posted during the outage'));
    expectApiError(restFailure.value, 503);
    expect(restFailure.ms).toBeLessThan(FAIL_FAST_MS);
    expect(await status(api.url, '/api/health/ready')).toBe(503);
    expect(await status(api.url, '/api/health')).toBe(503);
    expect(socket.connected).toBe(true);

    await pg.start();
    const client = socket;
    // The client retries its failed send with the same clientId until the API is back.
    await waitFor(
      async () => {
        const ack = await emitWithAck(client, 'message:send', retried, 3 * FAIL_FAST_MS);
        if (ack.ok) acked.push(ack.message);
        return ack.ok;
      },
      RECOVERY_BOUND_MS,
      'a socket send after the database came back',
    );
    expect((await restSend(user, room, 'posted after recovery')).status).toBe(201);
    expect(await status(api.url, '/api/health/ready')).toBe(200);

    const stored = await messagesAfter(api.url, user.token, room);
    expect(idsOf(stored)).toEqual(expect.arrayContaining(idsOf(acked)));
    expect(stored.map((m) => m.content)).toEqual([
      'before 1',
      'before 2',
      'before 3',
      'sent during the outage',
      'posted after recovery',
    ]);
  });
});
