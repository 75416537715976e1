import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@chat/contract';
import {
  closeAll,
  connect,
  createRoom,
  listMessages,
  signup,
  type ChatClient,
} from '../support/factories';
import { startApi, stopAll, type ApiProcess } from './support/api-process';
import { joinRoom, sendOnce } from './support/chat-traffic';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database';

const BURST = 5;
const PER_SECOND = 1;
const SENDS = 10;

/** What one send came to: stored, or the error code / HTTP status it was refused with. */
type Outcome = 'sent' | ErrorCode | `HTTP ${number}`;

/**
 * One budget per user across the whole deployment: a user who spreads a flood over two instances
 * gets no more through than on one (SEND_BURST=5, SEND_PER_SECOND=1 on both).
 */
describe('the send rate limit is shared by all instances', () => {
  let db: ScratchDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
    const limits = { SEND_BURST: String(BURST), SEND_PER_SECOND: String(PER_SECOND) };
    a = await startApi({ port: 3411, databaseUrl: db.url, env: limits });
    b = await startApi({ port: 3412, databaseUrl: db.url, env: limits });
  });
  afterEach(() => closeAll(sockets));
  afterAll(async () => {
    await stopAll([a, b]);
    await db?.drop();
  });

  async function joinedSocket(api: ApiProcess, token: string, room: string): Promise<ChatClient> {
    const socket = await connect(api.url, token);
    sockets.push(socket);
    await joinRoom(socket, room);
    return socket;
  }

  async function socketSend(socket: ChatClient, room: string, n: number): Promise<Outcome> {
    const ack = await sendOnce(socket, room, `flood ${n}`);
    return ack.ok ? 'sent' : ack.error.code;
  }

  async function restSend(
    api: ApiProcess,
    token: string,
    room: string,
    n: number,
  ): Promise<Outcome> {
    const res = await request(api.url)
      .post(`/api/rooms/${room}/messages`)
      .set('Authorization', `Bearer ${token}`)
      .send({ content: `flood ${n}`, clientId: randomUUID() });
    if (res.status === 201) return 'sent';
    return res.status === 429 ? 'rate_limited' : `HTTP ${res.status}`;
  }

  /** Runs the sends one after another as fast as they are answered; returns outcomes and time. */
  async function flood(send: (n: number) => Promise<Outcome>) {
    const started = Date.now();
    const outcomes: Outcome[] = [];
    for (let n = 0; n < SENDS; n += 1) outcomes.push(await send(n));
    return { outcomes, seconds: (Date.now() - started) / 1000 };
  }

  function expectOneBudget(outcomes: Outcome[], seconds: number): number {
    const sent = outcomes.filter((o) => o === 'sent').length;
    // The burst, plus what the bucket refilled while the flood ran (well under a second here).
    expect(sent).toBeGreaterThanOrEqual(BURST);
    expect(sent).toBeLessThanOrEqual(BURST + Math.ceil(seconds * PER_SECOND));
    expect(outcomes.filter((o) => o !== 'sent').every((o) => o === 'rate_limited')).toBe(true);
    return sent;
  }

  it('limits socket sends alternating between A and B with one budget', async () => {
    const user = await signup(a.url);
    const room = (await createRoom(a.url, user.token)).name;
    const onA = await joinedSocket(a, user.token, room);
    const onB = await joinedSocket(b, user.token, room);
    const { outcomes, seconds } = await flood((n) => socketSend(n % 2 === 0 ? onA : onB, room, n));
    const sent = expectOneBudget(outcomes, seconds);
    expect(await listMessages(b.url, user.token, room)).toHaveLength(sent);
  });

  it('limits REST sends on A and socket sends on B with the same budget', async () => {
    const user = await signup(b.url);
    const room = (await createRoom(b.url, user.token)).name;
    const onB = await joinedSocket(b, user.token, room);
    const { outcomes, seconds } = await flood((n) =>
      n % 2 === 0 ? restSend(a, user.token, room, n) : socketSend(onB, room, n),
    );
    const sent = expectOneBudget(outcomes, seconds);
    expect(await listMessages(a.url, user.token, room)).toHaveLength(sent);
  });

  it('gives another user a budget of their own', async () => {
    const flooder = await signup(a.url);
    const bystander = await signup(b.url);
    const room = (await createRoom(a.url, flooder.token)).name;
    const flooding = await joinedSocket(a, flooder.token, room);
    await flood((n) => socketSend(flooding, room, n));
    const calm = await joinedSocket(b, bystander.token, room);
    expect(await socketSend(calm, room, 0)).toBe('sent');
  });
});
