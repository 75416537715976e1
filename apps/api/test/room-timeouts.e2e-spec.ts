import request from 'supertest';
import type { RoomTimeout } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { roomAudit, signupAdmin } from './support/admins';
import {
  bearer,
  createRoom,
  emitWithAck,
  joinRoom,
  nextEvent,
  postMessage,
  signup,
  type ChatClient,
  type TestUser,
} from './support/factories';
import { membershipOf, roomWith } from './support/memberships';
import { useApp, useOwnConnection } from './support/suite';

/** Time-outs: a member may read and delete their own messages, nothing else, until it ends. */
describe('time-outs', () => {
  const t = useApp();
  const db = useOwnConnection();
  let admin: TestUser;
  beforeAll(async () => {
    admin = await signupAdmin(t.url);
  });

  const timeOut = (token: string, room: string, username: string, body: object = { minutes: 10 }) =>
    request(t.url).put(`/api/rooms/${room}/timeouts/${username}`).set(bearer(token)).send(body);
  const lift = (token: string, room: string, username: string) =>
    request(t.url).delete(`/api/rooms/${room}/timeouts/${username}`).set(bearer(token));
  const timeouts = async (token: string, room: string) =>
    (await request(t.url).get(`/api/rooms/${room}/timeouts`).set(bearer(token)).expect(200))
      .body as RoomTimeout[];
  const auditOf = (room: string) => roomAudit(t.url, admin, room);
  const send = (socket: ChatClient, room: string, content: string) =>
    emitWithAck(socket, 'message:send', { room, content });
  const FORBIDDEN = { ok: false, error: { code: 'forbidden' } };

  it('lets a timed-out member read and delete their own messages, nothing else, until lifted', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const socket = await t.open(eve, room.name);
    const own = await postMessage(t.url, eve.token, room.name, 'before');
    const other = await postMessage(t.url, owner.token, room.name, 'rules');
    const extra = await postMessage(t.url, eve.token, room.name, 'second');
    await emitWithAck(socket, 'reaction:add', {
      room: room.name,
      messageId: other.id,
      emoji: '👍',
    });

    const told = nextEvent(socket, 'room:timeout');
    await timeOut(owner.token, room.name, eve.user.username, { minutes: 10 }).expect(204);
    const { until } = await told;
    const [listed] = await timeouts(owner.token, room.name);
    expect(listed).toMatchObject({
      user: { id: eve.user.id, username: eve.user.username },
      by: { id: owner.user.id, username: owner.user.username },
      expiresAt: until,
    });
    const minutes = (Date.parse(until ?? '') - Date.parse(listed?.createdAt ?? '')) / 60_000;
    expect(minutes).toBeCloseTo(10, 5);

    // Sends, edits and reactions: forbidden, on the socket and over REST.
    expect(await send(socket, room.name, 'still here')).toMatchObject(FORBIDDEN);
    expect(
      await emitWithAck(socket, 'message:edit', { room: room.name, id: own.id, content: 'x' }),
    ).toMatchObject(FORBIDDEN);
    for (const event of ['reaction:add', 'reaction:remove'] as const) {
      const payload = { room: room.name, messageId: other.id, emoji: '👍' };
      expect(await emitWithAck(socket, event, payload)).toMatchObject(FORBIDDEN);
    }
    const rest = request(t.url);
    expectApiError(
      await rest
        .post(`/api/rooms/${room.name}/messages`)
        .set(bearer(eve.token))
        .send({ content: 'over REST' }),
      403,
    );
    expectApiError(
      await rest
        .patch(`/api/rooms/${room.name}/messages/${own.id}`)
        .set(bearer(eve.token))
        .send({ content: 'edited' }),
      403,
    );
    expectApiError(
      await rest
        .put(`/api/rooms/${room.name}/messages/${other.id}/reactions/${encodeURIComponent('🎉')}`)
        .set(bearer(eve.token)),
      403,
    );
    // Reading and deleting their own: allowed.
    const page = await rest
      .get(`/api/rooms/${room.name}/messages`)
      .set(bearer(eve.token))
      .expect(200);
    expect((page.body as { content: string }[]).map((m) => m.content)).toEqual([
      'before',
      'rules',
      'second',
    ]);
    expect(await emitWithAck(socket, 'message:delete', { room: room.name, id: own.id })).toEqual({
      ok: true,
    });
    await rest
      .delete(`/api/rooms/${room.name}/messages/${extra.id}`)
      .set(bearer(eve.token))
      .expect(204);

    // They learn it at join and in their rooms, too.
    const again = await t.open(eve);
    expect((await joinRoom(again, room.name)).timedOutUntil).toBe(until);
    expect((await membershipOf(t.url, eve.token, room.name))?.timedOutUntil).toBe(until);

    const lifted = nextEvent(socket, 'room:timeout');
    await lift(owner.token, room.name, eve.user.username).expect(204);
    expect(await lifted).toEqual({ room: room.name, until: null });
    expect(await send(socket, room.name, 'back')).toMatchObject({ ok: true });
    expect((await joinRoom(again, room.name)).timedOutUntil).toBeNull();
    expect((await membershipOf(t.url, eve.token, room.name))?.timedOutUntil).toBeNull();
    // Lifting again: 204, and no second entry.
    await lift(owner.token, room.name, eve.user.username).expect(204);
    expect((await auditOf(room.name)).map((e) => [e.action, e.target?.id, e.detail])).toEqual([
      ['member.timeout_lifted', eve.user.id, null],
      ['member.timed_out', eve.user.id, '10 minutes'],
    ]);
  });

  it('stops applying once its minutes have passed, without anything having to run', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const socket = await t.open(eve, room.name);
    await timeOut(owner.token, room.name, eve.user.username, { minutes: 1 }).expect(204);
    expect(await send(socket, room.name, 'muted')).toMatchObject(FORBIDDEN);
    await db.query(
      `UPDATE room_timeouts SET expires_at = now() - interval '1 second'
        WHERE room_id = $1 AND user_id = $2`,
      [room.id, eve.user.id],
    );
    expect(await send(socket, room.name, 'speaking again')).toMatchObject({ ok: true });
    expect(await timeouts(owner.token, room.name)).toEqual([]);
    expect((await joinRoom(socket, room.name)).timedOutUntil).toBeNull();
    // Lifting a time-out that already ran out leaves no entry.
    await lift(owner.token, room.name, eve.user.username).expect(204);
    expect((await auditOf(room.name)).map((e) => e.action)).toEqual(['member.timed_out']);
  });

  it('outlasts leaving and joining again', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const socket = await t.open(eve, room.name);
    await timeOut(owner.token, room.name, eve.user.username).expect(204);
    await request(t.url)
      .delete(`/api/rooms/${room.name}/members/me`)
      .set(bearer(eve.token))
      .expect(204);
    expect((await joinRoom(socket, room.name)).timedOutUntil).not.toBeNull();
    expect(await send(socket, room.name, 'fresh start?')).toMatchObject(FORBIDDEN);
  });

  it('moderators may not time out the owner, moderators or admins; members not at all; nothing audited', async () => {
    const {
      owner,
      room,
      people: [mod, peer, member],
    } = await roomWith(t, 3, { moderators: 2 });
    await t.open(admin, room.name);
    const before = await auditOf(room.name);
    for (const target of [owner, peer, admin]) {
      expectApiError(await timeOut(mod.token, room.name, target.user.username), 403);
      expectApiError(await lift(mod.token, room.name, target.user.username), 403);
    }
    expectApiError(await timeOut(member.token, room.name, peer.user.username), 403);
    expectApiError(await timeOut(member.token, room.name, member.user.username), 403);
    expectApiError(
      await request(t.url).get(`/api/rooms/${room.name}/timeouts`).set(bearer(member.token)),
      403,
    );
    expect(await auditOf(room.name)).toEqual(before);

    await timeOut(mod.token, room.name, member.user.username).expect(204);
    // The owner times out anyone in the room, a moderator or an admin included.
    await timeOut(owner.token, room.name, peer.user.username).expect(204);
    await timeOut(owner.token, room.name, admin.user.username).expect(204);
    const timedOut = (await auditOf(room.name)).filter((e) => e.action === 'member.timed_out');
    expect(timedOut.map((e) => [e.action, e.actor.id, e.target?.id])).toEqual([
      ['member.timed_out', owner.user.id, admin.user.id],
      ['member.timed_out', owner.user.id, peer.user.id],
      ['member.timed_out', mod.user.id, member.user.id],
    ]);
    expect((await timeouts(owner.token, room.name)).map((x) => x.user.id).sort()).toEqual(
      [member.user.id, peer.user.id, admin.user.id].sort(),
    );
  });

  it('an admin who is not in the room times out its members and lifts it', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    await t.open(eve, room.name);
    await timeOut(admin.token, room.name, eve.user.username).expect(204);
    expect(await timeouts(admin.token, room.name)).toHaveLength(1);
    await lift(admin.token, room.name, eve.user.username).expect(204);
    expect((await auditOf(room.name)).map((e) => [e.action, e.actor.id])).toEqual([
      ['member.timeout_lifted', admin.user.id],
      ['member.timed_out', admin.user.id],
    ]);
  });

  it('refuses bad minutes (400) and anyone who is not a member (404); audits nothing', async () => {
    const owner = await signup(t.url);
    const stranger = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    await t.open(eve, room.name);
    for (const body of [
      {},
      { minutes: 0 },
      { minutes: 10_081 },
      { minutes: 1.5 },
      { minutes: '5' },
    ]) {
      expectApiError(await timeOut(owner.token, room.name, eve.user.username, body), 400);
    }
    expectApiError(await timeOut(owner.token, room.name, stranger.user.username), 404);
    expectApiError(await timeOut(owner.token, room.name, 'nobody_at_all'), 404);
    expectApiError(await timeOut(owner.token, 'no-such-room-here', eve.user.username), 404);
    expectApiError(await lift(owner.token, room.name, stranger.user.username), 404);
    expect(await auditOf(room.name)).toEqual([]);
    await timeOut(owner.token, room.name, eve.user.username, { minutes: 10_080 }).expect(204);
  });

  it('refuses only the timed-out author’s sends among many at once', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const own = await t.open(owner, room.name);
    const theirs = await t.open(eve, room.name);
    await timeOut(owner.token, room.name, eve.user.username).expect(204);
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0 ? send(own, room.name, `owner ${i}`) : send(theirs, room.name, `eve ${i}`),
      ),
    );
    acks.forEach((ack, i) => {
      if (i % 2 === 0) expect(ack).toMatchObject({ ok: true, message: { content: `owner ${i}` } });
      else expect(ack).toMatchObject(FORBIDDEN);
    });
    const page = await request(t.url)
      .get(`/api/rooms/${room.name}/messages`)
      .set(bearer(owner.token))
      .expect(200);
    expect((page.body as { content: string }[]).map((m) => m.content)).toEqual(
      Array.from({ length: 10 }, (_, i) => `owner ${i * 2}`),
    );
  });
});
