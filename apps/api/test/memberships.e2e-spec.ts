import request from 'supertest';
import type { Member, Room, UserSummary } from '@chat/contract';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  emitWithAck,
  joinRoom,
  nextEvent,
  postMessage,
  recordEvents,
  sendMessage,
  signup,
  uniqueName,
  type TestUser,
} from './support/factories';
import {
  addMember,
  createPrivateRoom,
  membershipOf,
  myRooms,
  openDirect,
} from './support/memberships';
import { useApp } from './support/suite';
import { sentinel } from './support/waits';

const summary = ({ user }: TestUser): UserSummary => ({ id: user.id, username: user.username });

describe('memberships', () => {
  const t = useApp();
  let owner: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  const api = () => request(t.url);

  beforeAll(async () => {
    // On a new database the first account is the site's admin: let it be nobody of this suite's,
    // whose owner and stranger must be plain members (an admin sees private rooms).
    await signup(t.url);
    [owner, member, stranger] = await t.members(3);
  });

  describe('private rooms', () => {
    it('is created with its owner as its only member and is seen by members alone', async () => {
      const room = await createPrivateRoom(t.url, owner.token);
      expect(room).toMatchObject({ kind: 'private', memberCount: 1, owner: summary(owner) });
      await addMember(t.url, owner.token, room.name, member.user.username);

      const listed = (await api().get('/api/rooms').expect(200)).body as Room[];
      expect(listed.map((r) => r.name)).not.toContain(room.name);
      await api().get(`/api/rooms/${room.name}`).set(bearer(member.token)).expect(200);
      for (const res of [
        await api().get(`/api/rooms/${room.name}`).set(bearer(stranger.token)),
        await api().get(`/api/rooms/${room.name}/messages`).set(bearer(stranger.token)),
        await api()
          .post(`/api/rooms/${room.name}/messages`)
          .set(bearer(stranger.token))
          .send({ content: 'let me in' }),
        await api().get(`/api/rooms/${room.name}/members`).set(bearer(stranger.token)),
        await api()
          .put(`/api/rooms/${room.name}/read`)
          .set(bearer(stranger.token))
          .send({ lastReadId: '1' }),
        await api().delete(`/api/rooms/${room.name}`).set(bearer(stranger.token)),
        await api()
          .post(`/api/rooms/${room.name}/members`)
          .set(bearer(stranger.token))
          .send({ username: stranger.user.username }),
        await api().delete(`/api/rooms/${room.name}/members/me`).set(bearer(stranger.token)),
      ]) {
        expectApiError(res, 404);
      }
      expect((await myRooms(t.url, stranger.token)).map((m) => m.room.name)).not.toContain(
        room.name,
      );
    });

    it('answers a non-member room:join and room:read with not_found', async () => {
      const room = await createPrivateRoom(t.url, owner.token);
      const socket = await t.open(stranger);
      for (const ack of [
        await emitWithAck(socket, 'room:join', { room: room.name }),
        await emitWithAck(socket, 'room:read', { room: room.name, lastReadId: '0' }),
      ]) {
        expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
      // Members join it.
      await addMember(t.url, owner.token, room.name, member.user.username);
      await t.open(member, room.name);
    });

    it('tells its creator’s sockets with room:added, which then hear its activity', async () => {
      const socket = await t.open(owner);
      const added = nextEvent(socket, 'room:added', (e) => e.room.owner.id === owner.user.id);
      const room = await createPrivateRoom(t.url, owner.token);
      expect((await added).room).toMatchObject({ name: room.name, kind: 'private' });
      await addMember(t.url, owner.token, room.name, member.user.username);
      const activity = nextEvent(socket, 'room:activity', (e) => e.room === room.name);
      const sent = await postMessage(t.url, member.token, room.name, 'hi owner');
      expect(await activity).toEqual({ room: room.name, lastMessageId: sent.id });
    });

    it('refuses a taken name even when a private room holds it (409)', async () => {
      const room = await createPrivateRoom(t.url, owner.token);
      expectApiError(
        await api().post('/api/rooms').set(bearer(stranger.token)).send({ name: room.name }),
        409,
      );
    });

    it('refuses names starting with dm- in any casing, and an unknown kind (400)', async () => {
      for (const body of [
        { name: 'dm-mine' },
        { name: 'DM-mine' },
        { name: uniqueName('r'), kind: 'direct' },
        { name: uniqueName('r'), kind: 'secret' },
      ]) {
        expectApiError(await api().post('/api/rooms').set(bearer(owner.token)).send(body), 400);
      }
    });
  });

  describe('members', () => {
    it('lists a public room’s members to anyone signed in, sorted by username', async () => {
      const room = await createRoom(t.url, owner.token);
      await t.open(member, room.name);
      const res = await api().get(`/api/rooms/${room.name}/members`).set(bearer(stranger.token));
      const members = res.body as Member[];
      expect(res.status).toBe(200);
      const expected = [
        { user: summary(owner), role: 'owner' },
        { user: summary(member), role: 'member' },
      ].sort((a, b) => a.user.username.toLowerCase().localeCompare(b.user.username.toLowerCase()));
      expect(members).toMatchObject(expected);
      expect(members[0]?.joinedAt).toMatch(/Z$/);
    });

    it('lets the owner add a member, who hears room:added (201), and refuses the rest', async () => {
      const room = await createPrivateRoom(t.url, owner.token);
      const memberSocket = await t.open(member);
      const added = nextEvent(memberSocket, 'room:added', (e) => e.room.name === room.name);
      const res = await api()
        .post(`/api/rooms/${room.name}/members`)
        .set(bearer(owner.token))
        .send({ username: member.user.username.toUpperCase() })
        .expect(201);
      expect(res.body).toMatchObject({ user: summary(member), role: 'member' });
      expect((await added).room).toMatchObject({
        name: room.name,
        kind: 'private',
        memberCount: 2,
      });

      const addBy = (token: string, username: string) =>
        api().post(`/api/rooms/${room.name}/members`).set(bearer(token)).send({ username });
      expectApiError(await addBy(owner.token, member.user.username), 409);
      expectApiError(await addBy(owner.token, uniqueName('nobody')), 404);
      expectApiError(await addBy(member.token, stranger.user.username), 403);
      expectApiError(
        await api().post(`/api/rooms/${room.name}/members`).set(bearer(owner.token)).send({}),
        400,
      );
    });

    it('removes a member: their sockets are out of the room before the answer', async () => {
      const room = await createPrivateRoom(t.url, owner.token);
      const own = await createRoom(t.url, member.token);
      await addMember(t.url, owner.token, room.name, member.user.username);
      const ownerSocket = await t.open(owner);
      const memberSocket = await t.open(member);
      await joinRoom(ownerSocket, room.name);
      await joinRoom(memberSocket, room.name);
      await joinRoom(memberSocket, own.name);
      const removed = nextEvent(memberSocket, 'room:removed', (e) => e.room === room.name);
      const presence = nextEvent(ownerSocket, 'presence', (p) => p.room === room.name);
      const heard = recordEvents(memberSocket, 'message:new');

      await api()
        .delete(`/api/rooms/${room.name}/members/${member.user.username}`)
        .set(bearer(owner.token))
        .expect(204);
      await sendMessage(ownerSocket, room.name, 'after the removal');

      expect(await removed).toEqual({ room: room.name });
      expect((await presence).online).toEqual([summary(owner)]);
      await sentinel(memberSocket, own.name);
      expect(heard.filter((m) => m.room === room.name)).toEqual([]);
      expect(
        await emitWithAck(memberSocket, 'message:send', { room: room.name, content: 'x' }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expectApiError(
        await api().get(`/api/rooms/${room.name}/messages`).set(bearer(member.token)),
        404,
      );
      expect(await emitWithAck(memberSocket, 'room:join', { room: room.name })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('refuses removal by a member (403), of a non-member or unknown user (404)', async () => {
      const room = await createPrivateRoom(t.url, owner.token);
      await addMember(t.url, owner.token, room.name, member.user.username);
      const removeBy = (token: string, username: string) =>
        api().delete(`/api/rooms/${room.name}/members/${username}`).set(bearer(token));
      expectApiError(await removeBy(member.token, owner.user.username), 403);
      expectApiError(await removeBy(owner.token, stranger.user.username), 404);
      expectApiError(await removeBy(owner.token, uniqueName('nobody')), 404);
      expectApiError(await removeBy(owner.token, owner.user.username), 403);
    });

    it('lets a member leave (204, room:removed) but not the owner (403)', async () => {
      const room = await createRoom(t.url, owner.token);
      const memberSocket = await t.open(member);
      await joinRoom(memberSocket, room.name);
      const removed = nextEvent(memberSocket, 'room:removed', (e) => e.room === room.name);
      await api()
        .delete(`/api/rooms/${room.name}/members/me`)
        .set(bearer(member.token))
        .expect(204);
      expect(await removed).toEqual({ room: room.name });
      expect(memberSocket.connected).toBe(true);
      expect(await emitWithAck(memberSocket, 'typing', { room: room.name })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expectApiError(
        await api().delete(`/api/rooms/${room.name}/members/me`).set(bearer(member.token)),
        404,
      );
      expectApiError(
        await api().delete(`/api/rooms/${room.name}/members/me`).set(bearer(owner.token)),
        403,
      );
    });
  });

  describe('joining a public room', () => {
    it('makes the joiner a member, told with room:added, with the marker at the newest message', async () => {
      const room = await createRoom(t.url, owner.token);
      const newest = await postMessage(t.url, owner.token, room.name, 'before you came');
      const socket = await t.open(member);
      const added = nextEvent(socket, 'room:added', (e) => e.room.name === room.name);
      await joinRoom(socket, room.name);
      expect((await added).room).toMatchObject({ name: room.name, memberCount: 2 });
      expect(await membershipOf(t.url, member.token, room.name)).toMatchObject({
        role: 'member',
        lastReadId: newest.id,
        unread: false,
        unreadCount: 0,
      });
    });

    it('makes a REST sender a member', async () => {
      const room = await createRoom(t.url, owner.token);
      await postMessage(t.url, stranger.token, room.name, 'hello from outside');
      expect(await membershipOf(t.url, stranger.token, room.name)).toMatchObject({
        role: 'member',
      });
    });
  });

  describe('direct rooms', () => {
    it('starts one room per pair (201, then 200 for either person)', async () => {
      const [a, b] = await Promise.all([signup(t.url), signup(t.url)]);
      const bSocket = await t.open(b);
      const added = nextEvent(bSocket, 'room:added', (e) => e.room.kind === 'direct');
      const first = await openDirect(t.url, a.token, b.user.username.toLowerCase());
      expect(first.status).toBe(201);
      const room = first.body as Room;
      expect(room.name).toMatch(/^dm-/);
      expect(room).toMatchObject({ kind: 'direct', memberCount: 2 });
      expect(room.members).toEqual(
        [summary(a), summary(b)].sort((x, y) =>
          x.username.toLowerCase().localeCompare(y.username.toLowerCase()),
        ),
      );
      expect((await added).room.id).toBe(room.id);
      const again = await openDirect(t.url, a.token, b.user.username);
      const back = await openDirect(t.url, b.token, a.user.username);
      expect([again.status, back.status]).toEqual([200, 200]);
      expect([(again.body as Room).id, (back.body as Room).id]).toEqual([room.id, room.id]);
    });

    it('gives both people one room when they start it at the same moment', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = await Promise.all([signup(t.url), signup(t.url)]);
        const [x, y] = await Promise.all([
          openDirect(t.url, a.token, b.user.username),
          openDirect(t.url, b.token, a.user.username),
        ]);
        expect([x.status, y.status].sort()).toEqual([200, 201]);
        expect((x.body as Room).id).toBe((y.body as Room).id);
        const rooms = await myRooms(t.url, a.token);
        expect(rooms.filter((m) => m.room.kind === 'direct')).toHaveLength(1);
      }
    });

    it('is refused for oneself (400) and an unknown user (404)', async () => {
      expectApiError(await openDirect(t.url, owner.token, owner.user.username), 400);
      expectApiError(await openDirect(t.url, owner.token, uniqueName('nobody')), 404);
      expectApiError(await api().post('/api/direct').set(bearer(owner.token)).send({}), 400);
    });

    it('does not exist for a third person, and cannot be deleted, given members or left', async () => {
      const [a, b] = await Promise.all([signup(t.url), signup(t.url)]);
      const room = (await openDirect(t.url, a.token, b.user.username)).body as Room;
      expectApiError(await api().get(`/api/rooms/${room.name}`).set(bearer(stranger.token)), 404);
      const socket = await t.open(stranger);
      expect(await emitWithAck(socket, 'room:join', { room: room.name })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expectApiError(await api().delete(`/api/rooms/${room.name}`).set(bearer(a.token)), 403);
      expectApiError(
        await api()
          .post(`/api/rooms/${room.name}/members`)
          .set(bearer(a.token))
          .send({ username: stranger.user.username }),
        403,
      );
      expectApiError(
        await api().delete(`/api/rooms/${room.name}/members/me`).set(bearer(b.token)),
        403,
      );
      expectApiError(
        await api()
          .delete(`/api/rooms/${room.name}/members/${b.user.username}`)
          .set(bearer(a.token)),
        403,
      );
      // Its two people talk in it.
      await t.open(b, room.name);
      await postMessage(t.url, a.token, room.name, 'just us');
    });
  });

  describe('GET /api/users', () => {
    it('lists usernames starting with the prefix, case-insensitively, sorted, up to limit', async () => {
      const tag = uniqueName('pfx');
      const names = [`${tag}_b`, `${tag}_A`, `${tag}_c`];
      for (const name of names) await signup(t.url, name);
      const search = (query: Record<string, string>) =>
        api().get('/api/users').query(query).set(bearer(owner.token));
      const all = (await search({ query: tag.toUpperCase() }).expect(200)).body as UserSummary[];
      expect(all.map((u) => u.username)).toEqual([`${tag}_A`, `${tag}_b`, `${tag}_c`]);
      const two = (await search({ query: tag, limit: '2' }).expect(200)).body as UserSummary[];
      expect(two.map((u) => u.username)).toEqual([`${tag}_A`, `${tag}_b`]);
      expect((await search({ query: '%' }).expect(200)).body).toEqual([]);
      for (const limit of ['0', '51', 'x']) expectApiError(await search({ limit }), 400);
      expectApiError(await api().get('/api/users'), 401);
    });
  });
});
