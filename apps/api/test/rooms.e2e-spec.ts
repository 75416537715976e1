import request from 'supertest';
import type { Room, RoomDetail } from '@chat/contract';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  emitWithAck,
  fetchMessages,
  postMessage,
  uniqueName,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

describe('rooms over REST', () => {
  const t = useApp();
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    [owner, other] = await t.members(2);
  });

  const listRooms = async () => (await request(t.url).get('/api/rooms').expect(200)).body as Room[];
  const getRoom = (name: string, token = owner.token) =>
    request(t.url)
      .get(`/api/rooms/${encodeURIComponent(name)}`)
      .set(bearer(token));
  const postRoom = (body: object, token = owner.token) =>
    request(t.url).post('/api/rooms').set(bearer(token)).send(body);
  const deleteRoom = (name: string, token = owner.token) =>
    request(t.url)
      .delete(`/api/rooms/${encodeURIComponent(name)}`)
      .set(bearer(token));

  describe('POST /api/rooms', () => {
    it('creates a room owned by the caller (201)', async () => {
      const name = uniqueName('General');
      const res = await postRoom({ name }).expect(201);
      const { id, createdAt, ...rest } = res.body as Room;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
      expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(rest).toEqual({
        name,
        owner: { id: owner.user.id, username: owner.user.username },
        onlineCount: 0,
        kind: 'public',
        memberCount: 1,
      });
    });

    it('accepts a name of exactly 64 characters', async () => {
      const name = `${uniqueName('r')}${'x'.repeat(64)}`.slice(0, 64);
      await postRoom({ name }).expect(201);
    });

    it.each([
      ['empty', ''],
      ['too long', 'r'.repeat(65)],
      ['with a space', 'two words'],
      ['with a dot', 'dot.name'],
      ['with a slash', 'a/b'],
      ['with markup', '<script>'],
    ])('refuses a name %s (400)', async (_case, name) => {
      expect(expectApiError(await postRoom({ name }), 400)).toMatch(/room name must be 1 to 64/);
    });

    it('refuses a missing name, a non-string name and unknown fields (400)', async () => {
      expectApiError(await postRoom({}), 400);
      expectApiError(await postRoom({ name: 42 }), 400);
      expectApiError(await postRoom({ name: uniqueName('r'), topic: 'extra' }), 400);
    });

    it('refuses a name that exists in another casing (409)', async () => {
      const room = await createRoom(t.url, owner.token, uniqueName('Lobby'));
      expect(
        expectApiError(await postRoom({ name: room.name.toUpperCase() }, other.token), 409),
      ).toMatch(/exists/);
      expect(((await getRoom(room.name).expect(200)).body as Room).owner.id).toBe(owner.user.id);
    });

    it('refuses an unauthenticated caller (401) and creates nothing', async () => {
      const name = uniqueName('anon');
      expectApiError(await request(t.url).post('/api/rooms').send({ name }), 401);
      expectApiError(await getRoom(name), 404);
    });
  });

  describe('GET /api/rooms', () => {
    it('lists rooms sorted by name case-insensitively, with their online count, without a token', async () => {
      const tag = uniqueName('sort');
      const names = [`${tag}charlie`, `${tag}Alpha`, `${tag}bravo`, `${tag}DELTA`];
      for (const name of names) await createRoom(t.url, owner.token, name);
      const mine = (await listRooms()).filter((room) => room.name.startsWith(tag));
      expect(mine.map((room) => room.name)).toEqual([
        `${tag}Alpha`,
        `${tag}bravo`,
        `${tag}charlie`,
        `${tag}DELTA`,
      ]);
      for (const room of mine)
        expect(room).toMatchObject({ onlineCount: 0, owner: { id: owner.user.id } });
    });

    it('counts a user online once they join over a socket', async () => {
      const room = await createRoom(t.url, owner.token);
      const socket = await t.open(other.token);
      expect(await emitWithAck(socket, 'room:join', { room: room.name })).toMatchObject({
        ok: true,
      });
      const listed = (await listRooms()).find((candidate) => candidate.id === room.id);
      expect(listed?.onlineCount).toBe(1);
      const detail = (await getRoom(room.name).expect(200)).body as RoomDetail;
      expect(detail.online).toEqual([{ id: other.user.id, username: other.user.username }]);
      expect(detail.onlineCount).toBe(1);
    });
  });

  describe('GET /api/rooms?limit=&after= (paging)', () => {
    const page = async (query: Record<string, string | number>) =>
      (await request(t.url).get('/api/rooms').query(query).expect(200)).body as Room[];

    it('pages through the sorted list with `after` a room name, in any casing', async () => {
      const tag = uniqueName('pg');
      const names = ['a', 'B', 'c', 'D', 'e'].map((suffix) => `${tag}-${suffix}`);
      for (const name of [...names].reverse()) await createRoom(t.url, owner.token, name);
      const mine = (rooms: Room[]) =>
        rooms.map((room) => room.name).filter((name) => name.startsWith(tag));

      expect(mine(await page({ after: tag, limit: 2 }))).toEqual(names.slice(0, 2));
      expect(mine(await page({ after: `${tag}-b`, limit: 2 }))).toEqual(names.slice(2, 4));
      expect(mine(await page({ after: `${tag}-D`, limit: 2 }))).toEqual(names.slice(4));
      expect(mine(await page({ after: tag }))).toEqual(names);
      const [next, ...more] = await page({ after: `${tag}-c`, limit: 1 });
      expect(more).toEqual([]);
      expect(next).toMatchObject({
        name: `${tag}-D`,
        onlineCount: 0,
        owner: { id: owner.user.id, username: owner.user.username },
      });
    });

    it('returns the first rooms of the whole list for `limit` alone', async () => {
      const all = await listRooms();
      expect(await page({ limit: 3 })).toEqual(all.slice(0, 3));
    });

    it('counts who is online in the rooms of a page', async () => {
      const room = await createRoom(t.url, owner.token, `${uniqueName('pgon')}-x`);
      const socket = await t.open(other.token);
      await emitWithAck(socket, 'room:join', { room: room.name });
      const [listed] = await page({ after: room.name.slice(0, -2), limit: 1 });
      expect(listed).toMatchObject({ id: room.id, onlineCount: 1 });
    });

    it.each([
      [{ limit: 0 }, /limit must be an integer from 1 to 500/],
      [{ limit: 501 }, /limit must be an integer from 1 to 500/],
      [{ limit: 'ten' }, /limit must be an integer/],
      [{ after: 'not a name!' }, /after must be a room name/],
    ])('refuses %p with 400', async (query, reason) => {
      const res = await request(t.url).get('/api/rooms').query(query);
      expect(expectApiError(res, 400)).toMatch(reason);
    });
  });

  describe('GET /api/rooms/:name', () => {
    it('finds a room by its name in any casing, with who is online', async () => {
      const room = await createRoom(t.url, owner.token, uniqueName('Case'));
      for (const name of [room.name, room.name.toUpperCase(), room.name.toLowerCase()]) {
        const detail = (await getRoom(name, other.token).expect(200)).body as RoomDetail;
        expect(detail).toEqual({ ...room, online: [] });
      }
    });

    it('answers 404 for an unknown room and 401 without a token', async () => {
      expect(expectApiError(await getRoom(uniqueName('nowhere')), 404)).toMatch(/not found/);
      const room = await createRoom(t.url, owner.token);
      expectApiError(await request(t.url).get(`/api/rooms/${room.name}`), 401);
    });
  });

  describe('DELETE /api/rooms/:name', () => {
    it('lets the owner delete the room (204), after which it is gone with its messages', async () => {
      const room = await createRoom(t.url, owner.token);
      await postMessage(t.url, owner.token, room.name, 'soon gone');
      await deleteRoom(room.name.toUpperCase()).expect(204);
      expectApiError(await getRoom(room.name), 404);
      expect((await listRooms()).some((listed) => listed.id === room.id)).toBe(false);
      expectApiError(await deleteRoom(room.name), 404);
      await createRoom(t.url, other.token, room.name);
      expect(await fetchMessages(t.url, other.token, room.name)).toEqual([]);
    });

    it('refuses anyone but the owner (403) and keeps the room', async () => {
      const room = await createRoom(t.url, owner.token);
      expect(expectApiError(await deleteRoom(room.name, other.token), 403)).toMatch(/owner/);
      await getRoom(room.name).expect(200);
    });

    it('answers 404 for an unknown room and 401 without a token', async () => {
      expectApiError(await deleteRoom(uniqueName('nowhere')), 404);
      const room = await createRoom(t.url, owner.token);
      expectApiError(await request(t.url).delete(`/api/rooms/${room.name}`), 401);
      await getRoom(room.name).expect(200);
    });
  });
});
