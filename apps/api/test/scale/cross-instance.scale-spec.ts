import request from 'supertest';
import type { Message } from '@chat/contract';
import {
  connectError,
  createRoom,
  emitWithAck,
  login,
  nextDisconnect,
  nextEvent,
  postMessage,
  recordEvents,
  signup,
  type TestUser,
} from '../support/factories';
import { sendOnce } from './support/chat-traffic';
import { TwoInstances } from './support/two-instances';
import { sentinel } from '../support/waits';

/** Two instances behind one database and one Redis: what happens on A reaches B's clients. */
describe('events cross instances', () => {
  const pair = TwoInstances.forDescribe([3401, 3402]);

  /** An owner on A and a member on B, both joined to a fresh room. */
  async function roomAcrossInstances() {
    const owner = await signup(pair.a.url);
    const member = await signup(pair.b.url);
    const room = (await createRoom(pair.a.url, owner.token)).name;
    const ownerOnA = await pair.socketOn(pair.a, owner.token, room);
    const memberOnB = await pair.socketOn(pair.b, member.token, room);
    return { owner, member, room, ownerOnA, memberOnB };
  }

  it('delivers a socket send on A to a receiver on B, once, as acked', async () => {
    const { room, ownerOnA, memberOnB } = await roomAcrossInstances();
    const onB = recordEvents(memberOnB, 'message:new');
    const onA = recordEvents(ownerOnA, 'message:new');
    const arrival = nextEvent(memberOnB, 'message:new', (m) => m.room === room);
    const ack = await sendOnce(ownerOnA, room, 'hello from A');
    if (!ack.ok) throw new Error(`send refused: ${ack.error.code}`);
    expect(await arrival).toEqual(ack.message);
    // A duplicate, from either instance, would come before a later message from A.
    const after = await sentinel(ownerOnA, room, [memberOnB, ownerOnA]);
    expect(onB).toEqual([ack.message, after]);
    expect(onA).toEqual([ack.message, after]);
  });

  it('delivers a REST send on A to a receiver on B', async () => {
    const { owner, room, memberOnB } = await roomAcrossInstances();
    const arrival = nextEvent(memberOnB, 'message:new', (m) => m.room === room);
    const stored: Message = await postMessage(
      pair.a.url,
      owner.token,
      room,
      'posted over REST on A',
    );
    expect(await arrival).toEqual(stored);
  });

  it('shows a user joining on A in the presence seen on B, and leaving again', async () => {
    const { room, memberOnB } = await roomAcrossInstances();
    const visitor: TestUser = await signup(pair.a.url);
    const isOnline = (online: { id: string }[]) => online.some((u) => u.id === visitor.user.id);
    const arrived = nextEvent(memberOnB, 'presence', (p) => p.room === room && isOnline(p.online));
    const visitorOnA = await pair.socketOn(pair.a, visitor.token, room);
    expect((await arrived).count).toBe(3);
    const left = nextEvent(memberOnB, 'presence', (p) => p.room === room && !isOnline(p.online));
    visitorOnA.close();
    expect((await left).count).toBe(2);
  });

  it('shows typing on A to the other users on B', async () => {
    const { owner, room, ownerOnA, memberOnB } = await roomAcrossInstances();
    const typing = nextEvent(memberOnB, 'typing', (t) => t.room === room);
    expect(await emitWithAck(ownerOnA, 'typing', { room })).toEqual({ ok: true });
    expect(await typing).toEqual({
      room,
      user: { id: owner.user.id, username: owner.user.username },
    });
  });

  it('tells members on B that a room deleted on A is gone, and removes them from it', async () => {
    const { owner, room, memberOnB } = await roomAcrossInstances();
    const deleted = nextEvent(memberOnB, 'room:deleted', (d) => d.room === room);
    await request(pair.a.url)
      .delete(`/api/rooms/${room}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(204);
    expect(await deleted).toEqual({ room });
    const ack = await sendOnce(memberOnB, room, 'into a deleted room');
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('disconnects on B the sockets of a session logged out on A, and only those', async () => {
    const user = await signup(pair.a.url);
    const otherSession = await login(pair.a.url, user.user.username);
    const loggedOutOnB = await pair.socketOn(pair.b, user.token);
    const otherSessionOnB = await pair.socketOn(pair.b, otherSession);
    const disconnected = nextDisconnect(loggedOutOnB);
    await request(pair.a.url)
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(otherSessionOnB.connected).toBe(true);
    const refused = await connectError(pair.b.url, { auth: { token: user.token } });
    expect(refused.message).toBe('unauthorized');
    await request(pair.b.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(401);
  });
});
