import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Presence, Room, RoomDetail, UserSummary } from '@chat/contract';
import {
  createRoom,
  emitWithAck,
  joinRoom,
  nextEvent,
  recordEvents,
  signup,
  type TestUser,
} from './support/factories';
import { drained, until } from './support/waits';
import { useApp } from './support/suite';

describe('presence', () => {
  const t = useApp();
  let alice: TestUser;
  let bob: TestUser;
  const summary = ({ user }: TestUser): UserSummary => ({ id: user.id, username: user.username });
  const onlineNow = async (room: string): Promise<UserSummary[]> => {
    const res = await request(t.url)
      .get(`/api/rooms/${room}`)
      .set('Authorization', `Bearer ${alice.token}`)
      .expect(200);
    return (res.body as RoomDetail).online;
  };

  /** The rows (sockets) the user has in the room's online list. */
  const presenceRows = async (roomId: string, userId: string): Promise<number> => {
    const rows = await t.app
      .get(DataSource)
      .query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM presence WHERE room_id = $1 AND user_id = $2',
        [roomId, userId],
      );
    return rows[0]?.n ?? 0;
  };

  beforeAll(async () => {
    [alice, bob] = await t.members(2);
  });

  it('tells the members when someone new arrives, and counts two tabs of one user once', async () => {
    const { name: room } = await createRoom(t.url, alice.token);
    const watcher = await t.open(bob);
    await joinRoom(watcher, room);
    const updates = recordEvents(watcher, 'presence');

    const arrived = nextEvent(watcher, 'presence');
    await t.open(alice, room);
    const expected: Presence = {
      room,
      online: sortedByName([summary(alice), summary(bob)]),
      count: 2,
    };
    await expect(arrived).resolves.toEqual(expected);

    const secondTab = await joinRoom(await t.open(alice), room);
    expect(secondTab.presence).toEqual(expected);
    // The server announces a change before it answers the join: had it announced one, the
    // watcher would hold it by the end of a round trip.
    await drained(watcher);
    expect(updates).toEqual([expected]);
  });

  it('changes nothing when one of two tabs closes, and drops the user with the last', async () => {
    const { name: room, id: roomId } = await createRoom(t.url, alice.token);
    const watcher = await t.open(bob);
    const [tab1, tab2] = [await t.open(alice), await t.open(alice)];
    for (const socket of [watcher, tab1, tab2]) await joinRoom(socket, room);
    const updates = recordEvents(watcher, 'presence');

    tab1.close();
    await until(
      async () => (await presenceRows(roomId, alice.user.id)) === 1,
      'the server drops the closed tab’s presence row',
    );
    // The row goes in the transaction that decides "did the set change?"; an announcement
    // would follow it at once.
    await drained(watcher);
    expect(updates).toEqual([]);
    expect(await onlineNow(room)).toEqual(sortedByName([summary(alice), summary(bob)]));

    const dropped = nextEvent(watcher, 'presence');
    tab2.close();
    await expect(dropped).resolves.toEqual({ room, online: [summary(bob)], count: 1 });
    expect(await onlineNow(room)).toEqual([summary(bob)]);
  });

  it('drops the user when the last tab leaves the room', async () => {
    const { name: room } = await createRoom(t.url, alice.token);
    const [watcher, leaver] = [await t.open(bob), await t.open(alice)];
    await joinRoom(watcher, room);
    await joinRoom(leaver, room);
    const dropped = nextEvent(watcher, 'presence');
    await emitWithAck(leaver, 'room:leave', { room });
    await expect(dropped).resolves.toEqual({ room, online: [summary(bob)], count: 1 });
  });

  it('sorts the online users by username, ignoring case', async () => {
    const suffix = randomBytes(4).toString('hex');
    const users = await Promise.all(
      ['Bravo', 'alpha', 'charlie', 'Delta'].map((name) => signup(t.url, `${name}_${suffix}`)),
    );
    const { name: room } = await createRoom(t.url, alice.token);
    let last: Presence | undefined;
    for (const user of users) last = (await joinRoom(await t.open(user), room)).presence;

    expect(last?.online.map((u) => u.username)).toEqual(
      ['alpha', 'Bravo', 'charlie', 'Delta'].map((name) => `${name}_${suffix}`),
    );
    expect(last?.count).toBe(4);
  });

  it('shows each room’s online count in the room list', async () => {
    const [busy, empty] = [
      await createRoom(t.url, alice.token),
      await createRoom(t.url, bob.token),
    ];
    for (const socket of [await t.open(alice), await t.open(alice), await t.open(bob)]) {
      await joinRoom(socket, busy.name);
    }
    const res = await request(t.url).get('/api/rooms').expect(200);
    const rooms = res.body as Room[];
    expect(rooms.find((r) => r.id === busy.id)?.onlineCount).toBe(2);
    expect(rooms.find((r) => r.id === empty.id)?.onlineCount).toBe(0);
  });

  function sortedByName(users: UserSummary[]): UserSummary[] {
    const key = (u: UserSummary) => u.username.toLowerCase();
    return [...users].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }
});
