import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@chat/contract';
import { createRoom, listMessages, signup, type ChatClient } from '../support/factories';
import type { ApiProcess } from './support/api-process';
import { sendOnce } from './support/chat-traffic';
import { TwoInstances } from './support/two-instances';

const BURST = 5;
const PER_SECOND = 1;
const SENDS = 10;
const limits = { SEND_BURST: String(BURST), SEND_PER_SECOND: String(PER_SECOND) };

/** What one send came to: stored, or the error code / HTTP status it was refused with. */
type Outcome = 'sent' | ErrorCode | `HTTP ${number}`;

/**
 * One budget per user across the whole deployment: a user who spreads a flood over two instances
 * gets no more through than on one (SEND_BURST=5, SEND_PER_SECOND=1 on both).
 */
describe('the send rate limit is shared by all instances', () => {
  const pair = TwoInstances.forDescribe([3411, 3412], limits);

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
    const user = await signup(pair.a.url);
    const room = (await createRoom(pair.a.url, user.token)).name;
    const onA = await pair.socketOn(pair.a, user.token, room);
    const onB = await pair.socketOn(pair.b, user.token, room);
    const { outcomes, seconds } = await flood((n) => socketSend(n % 2 === 0 ? onA : onB, room, n));
    const sent = expectOneBudget(outcomes, seconds);
    expect(await listMessages(pair.b.url, user.token, room)).toHaveLength(sent);
  });

  it('limits REST sends on A and socket sends on B with the same budget', async () => {
    const user = await signup(pair.b.url);
    const room = (await createRoom(pair.b.url, user.token)).name;
    const onB = await pair.socketOn(pair.b, user.token, room);
    const { outcomes, seconds } = await flood((n) =>
      n % 2 === 0 ? restSend(pair.a, user.token, room, n) : socketSend(onB, room, n),
    );
    const sent = expectOneBudget(outcomes, seconds);
    expect(await listMessages(pair.a.url, user.token, room)).toHaveLength(sent);
  });

  it('gives another user a budget of their own', async () => {
    const flooder = await signup(pair.a.url);
    const bystander = await signup(pair.b.url);
    const room = (await createRoom(pair.a.url, flooder.token)).name;
    const flooding = await pair.socketOn(pair.a, flooder.token, room);
    await flood((n) => socketSend(flooding, room, n));
    const calm = await pair.socketOn(pair.b, bystander.token, room);
    expect(await socketSend(calm, room, 0)).toBe('sent');
  });
});
