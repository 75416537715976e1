import request from 'supertest';
import type { MarkReadResponse } from '@chat/contract';
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
  type TestUser,
} from './support/factories';
import { addMember, createPrivateRoom, membershipOf, myRooms } from './support/memberships';
import { useApp } from './support/suite';
import { sentinel } from './support/waits';

describe('read markers, unread counts and room activity', () => {
  const t = useApp();
  let alice: TestUser;
  let bob: TestUser;
  const markRead = (token: string, room: string, lastReadId: string) =>
    request(t.url).put(`/api/rooms/${room}/read`).set(bearer(token)).send({ lastReadId });

  beforeAll(async () => {
    [alice, bob] = await t.members(2);
  });

  /** A room of alice's that bob has joined (so his marker starts at its newest message). */
  async function sharedRoom() {
    const room = await createRoom(t.url, alice.token);
    await postMessage(t.url, bob.token, room.name, 'bob is in');
    return room.name;
  }

  describe('GET /api/me/rooms', () => {
    it('counts others’ messages after the marker, never one’s own, up to 100', async () => {
      const room = await sharedRoom();
      expect(await membershipOf(t.url, bob.token, room)).toMatchObject({
        unread: false,
        unreadCount: 0,
        mentionCount: 0,
      });
      const first = await postMessage(t.url, alice.token, room, 'one');
      const second = await postMessage(t.url, alice.token, room, 'two');
      expect(await membershipOf(t.url, bob.token, room)).toMatchObject({
        unread: true,
        unreadCount: 2,
        lastMessageId: second.id,
      });
      // Alice's own messages are not unread for her.
      expect(await membershipOf(t.url, alice.token, room)).toMatchObject({
        unread: false,
        unreadCount: 0,
        lastReadId: second.id,
        role: 'owner',
      });
      await markRead(bob.token, room, first.id).expect(200);
      expect(await membershipOf(t.url, bob.token, room)).toMatchObject({ unreadCount: 1 });
      await Promise.all(
        Array.from({ length: 101 }, (_, i) => postMessage(t.url, alice.token, room, `flood ${i}`)),
      );
      expect(await membershipOf(t.url, bob.token, room)).toMatchObject({ unreadCount: 100 });
    });

    it('lists the newest activity first, then rooms without messages by name', async () => {
      const carol = await signup(t.url);
      const older = await createRoom(t.url, carol.token);
      const newer = await createRoom(t.url, carol.token);
      const quietB = await createRoom(t.url, carol.token, `${newer.name}_b`);
      const quietA = await createRoom(t.url, carol.token, `${newer.name}_A`);
      await postMessage(t.url, carol.token, older.name, 'first');
      const last = await postMessage(t.url, carol.token, newer.name, 'second');
      const rooms = await myRooms(t.url, carol.token);
      expect(rooms.map((m) => m.room.name)).toEqual([
        newer.name,
        older.name,
        quietA.name,
        quietB.name,
      ]);
      expect(rooms[0]).toMatchObject({ lastMessageId: last.id, lastMessageAt: last.createdAt });
      expect(rooms[2]).toMatchObject({ lastMessageId: null, lastMessageAt: null, lastReadId: '0' });
      expectApiError(await request(t.url).get('/api/me/rooms'), 401);
    });
  });

  describe('PUT /api/rooms/:name/read', () => {
    it('only moves forward and never past the newest message', async () => {
      const room = await sharedRoom();
      const a = await postMessage(t.url, alice.token, room, 'a');
      const b = await postMessage(t.url, alice.token, room, 'b');
      const answer = (await markRead(bob.token, room.toUpperCase(), b.id).expect(200))
        .body as MarkReadResponse;
      expect(answer).toEqual({ room, lastReadId: b.id });
      expect((await markRead(bob.token, room, a.id).expect(200)).body).toEqual({
        room,
        lastReadId: b.id,
      });
      const past = (BigInt(b.id) + 1000n).toString();
      expect((await markRead(bob.token, room, past).expect(200)).body).toEqual({
        room,
        lastReadId: b.id,
      });
    });

    it('settles on the larger id when two tabs mark out of order at once', async () => {
      const room = await sharedRoom();
      const ids: string[] = [];
      for (let i = 0; i < 6; i++)
        ids.push((await postMessage(t.url, alice.token, room, `m${i}`)).id);
      const shuffled = [...ids].reverse();
      await Promise.all(shuffled.map((id) => markRead(bob.token, room, id).expect(200)));
      expect(await membershipOf(t.url, bob.token, room)).toMatchObject({
        lastReadId: ids[ids.length - 1],
        unreadCount: 0,
      });
    });

    it('tells the user’s other tabs with `read`, and answers room:read', async () => {
      const room = await sharedRoom();
      const message = await postMessage(t.url, alice.token, room, 'seen in tab one');
      const otherTab = await t.open(bob);
      const read = nextEvent(otherTab, 'read', (e) => e.room === room);
      const tab = await t.open(bob);
      expect(await emitWithAck(tab, 'room:read', { room, lastReadId: message.id })).toEqual({
        ok: true,
        lastReadId: message.id,
      });
      expect(await read).toEqual({ room, lastReadId: message.id });
    });

    it('refuses a bad id (400) and a non-member (404)', async () => {
      const room = await sharedRoom();
      for (const lastReadId of ['abc', '-1', '1.5', '9223372036854775808', 7]) {
        expectApiError(
          await request(t.url)
            .put(`/api/rooms/${room}/read`)
            .set(bearer(bob.token))
            .send({ lastReadId }),
          400,
        );
      }
      const stranger = await signup(t.url);
      expectApiError(await markRead(stranger.token, room, '1'), 404);
      const socket = await t.open(stranger);
      expect(await emitWithAck(socket, 'room:read', { room, lastReadId: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
    });

    it('moves the sender’s own marker to the sent message', async () => {
      const room = await sharedRoom();
      await postMessage(t.url, alice.token, room, 'unread for bob');
      const tab = await t.open(bob);
      const read = nextEvent(tab, 'read', (e) => e.room === room);
      await joinRoom(tab, room);
      const sent = await sendMessage(tab, room, 'my answer');
      expect(await read).toEqual({ room, lastReadId: sent.id });
      expect(await membershipOf(t.url, bob.token, room)).toMatchObject({
        lastReadId: sent.id,
        unreadCount: 0,
      });
    });
  });

  describe('room:activity', () => {
    it('reaches members’ sockets not joined to the room, subscribed at connect', async () => {
      const room = await sharedRoom();
      const own = await createRoom(t.url, bob.token);
      const idle = await t.open(bob);
      const watching = await t.open(bob);
      await joinRoom(watching, room);
      await joinRoom(idle, own.name);
      const heardByWatcher = recordEvents(watching, 'room:activity');
      const activity = nextEvent(idle, 'room:activity', (e) => e.room === room);
      const sent = await postMessage(t.url, alice.token, room, 'news');
      expect(await activity).toEqual({ room, lastMessageId: sent.id });
      await joinRoom(watching, own.name);
      await sentinel(watching, own.name);
      expect(heardByWatcher.filter((e) => e.room === room)).toEqual([]);
    });

    it('folds a burst into at most one event a second, the last naming the newest', async () => {
      const room = await sharedRoom();
      const idle = await t.open(bob);
      const heard = recordEvents(idle, 'room:activity');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await postMessage(t.url, alice.token, room, `b${i}`)).id);
      const newest = ids[ids.length - 1] ?? '';
      await nextEvent(idle, 'room:activity', (e) => e.lastMessageId === newest, 3000).catch(
        () => undefined,
      );
      const mine = heard.filter((e) => e.room === room);
      expect(mine.at(-1)).toEqual({ room, lastMessageId: newest });
      expect(mine.length).toBeLessThanOrEqual(2);
    });

    it('reaches a socket added to a private room while it is open', async () => {
      const room = await createPrivateRoom(t.url, alice.token);
      const idle = await t.open(bob);
      const added = nextEvent(idle, 'room:added', (e) => e.room.name === room.name);
      await addMember(t.url, alice.token, room.name, bob.user.username);
      await added;
      const activity = nextEvent(idle, 'room:activity', (e) => e.room === room.name);
      const sent = await postMessage(t.url, alice.token, room.name, 'welcome');
      expect(await activity).toEqual({ room: room.name, lastMessageId: sent.id });
    });
  });
});
