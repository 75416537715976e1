import request from 'supertest';
import type { Ban } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { roomAudit, signupAdmin } from './support/admins';
import {
  bearer,
  createRoom,
  emitWithAck,
  nextEvent,
  signup,
  type ChatClient,
  type TestUser,
} from './support/factories';
import { createPrivateRoom, roomWith } from './support/memberships';
import { HeldRoomLocks } from './support/room-locks';
import { useApp, useOwnConnection } from './support/suite';

describe('bans', () => {
  const t = useApp();
  const db = useOwnConnection();
  let admin: TestUser;
  beforeAll(async () => {
    admin = await signupAdmin(t.url);
  });

  const ban = (token: string, room: string, username: string, body: object = {}) =>
    request(t.url).put(`/api/rooms/${room}/bans/${username}`).set(bearer(token)).send(body);
  const unban = (token: string, room: string, username: string) =>
    request(t.url).delete(`/api/rooms/${room}/bans/${username}`).set(bearer(token));
  const bans = async (token: string, room: string) =>
    (await request(t.url).get(`/api/rooms/${room}/bans`).set(bearer(token)).expect(200))
      .body as Ban[];
  const auditOf = (room: string) => roomAudit(t.url, admin, room);
  const joinAck = (socket: ChatClient, room: string) => emitWithAck(socket, 'room:join', { room });

  it('puts a member out at once, keeps them out until unbanned, and audits both', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const socket = await t.open(eve, room.name);
    const removed = nextEvent(socket, 'room:removed');
    await ban(owner.token, room.name, eve.user.username, { reason: 'spam', minutes: 60 }).expect(
      204,
    );
    expect(await removed).toEqual({ room: room.name });
    const send = await emitWithAck(socket, 'message:send', { room: room.name, content: 'hi' });
    expect(send).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await joinAck(socket, room.name)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expectApiError(
      await request(t.url)
        .post(`/api/rooms/${room.name}/messages`)
        .set(bearer(eve.token))
        .send({ content: 'over REST then' }),
      403,
    );
    const [listed] = await bans(owner.token, room.name);
    expect(listed).toMatchObject({
      user: { id: eve.user.id, username: eve.user.username },
      by: { id: owner.user.id, username: owner.user.username },
      reason: 'spam',
    });
    const minutes =
      (Date.parse(listed?.expiresAt ?? '') - Date.parse(listed?.createdAt ?? '')) / 60_000;
    expect(minutes).toBeCloseTo(60, 5);

    await unban(owner.token, room.name, eve.user.username).expect(204);
    expect(await bans(owner.token, room.name)).toEqual([]);
    expect(await joinAck(socket, room.name)).toMatchObject({ ok: true });
    expect((await auditOf(room.name)).map((e) => [e.action, e.detail])).toEqual([
      ['member.unbanned', null],
      ['member.banned', 'spam; 60 minutes'],
    ]);
  });

  it('bans someone who never joined; an owner adding them to a private room is refused', async () => {
    const owner = await signup(t.url);
    const stranger = await signup(t.url);
    const room = await createPrivateRoom(t.url, owner.token);
    await ban(owner.token, room.name, stranger.user.username).expect(204);
    const res = await request(t.url)
      .post(`/api/rooms/${room.name}/members`)
      .set(bearer(owner.token))
      .send({ username: stranger.user.username });
    expectApiError(res, 403);
    const socket = await t.open(stranger);
    expect(await joinAck(socket, room.name)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await bans(owner.token, room.name))[0]).toMatchObject({
      expiresAt: null,
      reason: null,
    });
  });

  it('an expired ban stops applying without anything having to run', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    await ban(owner.token, room.name, eve.user.username, { minutes: 1 }).expect(204);
    await db.query(
      `UPDATE room_bans SET expires_at = now() - interval '1 second'
        WHERE room_id = $1 AND user_id = $2`,
      [room.id, eve.user.id],
    );
    expect(await bans(owner.token, room.name)).toEqual([]);
    await t.open(eve, room.name);
  });

  it('moderators may not ban the owner, moderators or admins; members not at all; nothing audited', async () => {
    const {
      owner,
      room,
      people: [mod, peer, member],
    } = await roomWith(t, 3, { moderators: 2, kind: 'private' });
    const before = await auditOf(room.name);
    for (const target of [owner, peer, admin]) {
      expectApiError(await ban(mod.token, room.name, target.user.username), 403);
    }
    expectApiError(await ban(member.token, room.name, peer.user.username), 403);
    expectApiError(await unban(member.token, room.name, peer.user.username), 403);
    expectApiError(
      await request(t.url).get(`/api/rooms/${room.name}/bans`).set(bearer(member.token)),
      403,
    );
    expect(await auditOf(room.name)).toEqual(before);
    await ban(mod.token, room.name, member.user.username).expect(204);
    await ban(admin.token, room.name, mod.user.username).expect(204);
  });

  /**
   * The join checks for a ban, then inserts the membership. Here the test makes the join's
   * INSERT wait in the database (a trigger on room_members takes a lock the test holds) while
   * the ban is placed, then lets it go. Without the person's lock the ban commits first, finds no
   * membership to end, and the join then makes the banned person a member with a live socket.
   * Only on a PostgreSQL server: the embedded database runs every connection in one session.
   */
  it('a ban racing a join: the banned person is never left a member nor in the room', async () => {
    const locks = await HeldRoomLocks.open(process.env.DATABASE_URL ?? '');
    if (!locks) return;
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const suffix = eve.user.id.replace(/-/g, '');
    const hold = `hold-member:${eve.user.id}`;
    await db.query(`
      CREATE FUNCTION hold_member_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('${hold}', 2));
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER hold_member_${suffix} BEFORE INSERT ON room_members FOR EACH ROW
      WHEN (NEW.user_id = '${eve.user.id}') EXECUTE FUNCTION hold_member_${suffix}()`);
    const waiting = async (like: string) => {
      const [row] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE $1`,
        [like],
      );
      return (row?.n ?? 0) > 0;
    };
    const until = async (fact: () => Promise<boolean>) => {
      while (!(await fact())) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      await locks.hold([hold]);
      const socket = await t.open(eve);
      const join = joinAck(socket, room.name);
      await until(() => waiting('%INSERT INTO room_members%'));
      let banned = false;
      const placed = ban(owner.token, room.name, eve.user.username)
        .expect(204)
        .then(() => (banned = true));
      // The ban either finishes (no lock between them) or waits for the join's lock.
      await until(async () => banned || (await waiting('%hashtextextended($1, 3)%')));
      await locks.releaseAll();
      await Promise.all([join, placed]);

      const members = await request(t.url)
        .get(`/api/rooms/${room.name}/members`)
        .set(bearer(owner.token))
        .expect(200);
      expect((members.body as { user: { id: string } }[]).map((m) => m.user.id)).not.toContain(
        eve.user.id,
      );
      const send = await emitWithAck(socket, 'message:send', { room: room.name, content: 'in?' });
      expect(send).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await locks.releaseAll();
      await locks.close();
      await db.query(`DROP TRIGGER IF EXISTS hold_member_${suffix} ON room_members`);
      await db.query(`DROP FUNCTION IF EXISTS hold_member_${suffix}()`);
    }
  });

  it('refuses bad minutes and reasons (400), unknown people (404)', async () => {
    const owner = await signup(t.url);
    const eve = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    for (const body of [
      { minutes: 0 },
      { minutes: 525_601 },
      { minutes: 1.5 },
      { reason: 'a\u0000b' },
    ]) {
      expectApiError(await ban(owner.token, room.name, eve.user.username, body), 400);
    }
    expectApiError(await ban(owner.token, room.name, 'nobody_at_all'), 404);
  });
});
