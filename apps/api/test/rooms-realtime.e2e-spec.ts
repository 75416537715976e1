import request from 'supertest';
import { compareMessageIds, MISSED_MESSAGES_MAX, type Message } from '@chat/contract';
import { leaksIn } from './support/api-error';
import {
  createRoom,
  emitWithAck,
  joinRoom,
  nextEvent,
  postMessage,
  sendMessage,
  type TestUser,
} from './support/factories';
import { nth } from './support/nth';
import { useApp } from './support/suite';

describe('rooms over the socket', () => {
  const t = useApp();
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    [alice, bob] = await t.members(2);
  });

  describe('room:join', () => {
    it('answers with the room, its presence and nothing missed', async () => {
      const room = await createRoom(t.url, alice.token);
      await postMessage(t.url, alice.token, room.name, 'already here');
      const socket = await t.open(bob);

      const ack = await emitWithAck(socket, 'room:join', { room: room.name });

      expect(ack).toEqual({
        ok: true,
        // Joining a public room makes the joiner a member.
        room: { ...room, onlineCount: 1, memberCount: 2 },
        presence: {
          room: room.name,
          online: [{ id: bob.user.id, username: bob.user.username }],
          count: 1,
        },
        missed: [],
        missedMore: false,
        changed: [],
        changedMore: false,
        timedOutUntil: null,
      });
    });

    it('finds the room whatever the casing of its name', async () => {
      const room = await createRoom(t.url, alice.token);
      const socket = await t.open(alice);
      const joined = await joinRoom(socket, room.name.toUpperCase());
      expect(joined.room.name).toBe(room.name);
    });

    it.each(['no-such-room-ever', "x'; DROP TABLE rooms; --", 'a b', '../../etc/passwd'])(
      'answers not_found for %p, a room that does not exist',
      async (name) => {
        const socket = await t.open(alice);
        const ack = await emitWithAck(socket, 'room:join', { room: name });
        expect(ack).toEqual({
          ok: false,
          error: { code: 'not_found', message: expect.any(String) as unknown },
        });
        expect(leaksIn(JSON.stringify(ack))).toEqual([]);
      },
    );
  });

  describe('catching up with since', () => {
    it('hands a reconnecting client exactly what it missed, oldest first', async () => {
      const room = await createRoom(t.url, alice.token);
      const [first, sender] = [await t.open(alice), await t.open(bob)];
      await Promise.all([joinRoom(first, room.name), joinRoom(sender, room.name)]);
      const seen = nextEvent(first, 'message:new');
      await sendMessage(sender, room.name, 'seen before leaving');
      const lastSeen = await seen;
      first.close();

      const missedIds: string[] = [];
      for (const text of ['one', 'two', 'three']) {
        missedIds.push((await sendMessage(sender, room.name, text)).id);
      }
      const again = await t.open(alice);
      const ack = await joinRoom(again, room.name, lastSeen.id);

      expect(ack.missed.map((m) => [m.id, m.content])).toEqual([
        [missedIds[0], 'one'],
        [missedIds[1], 'two'],
        [missedIds[2], 'three'],
      ]);
      expect(ack.missed.every((m) => m.author.id === bob.user.id && m.room === room.name)).toBe(
        true,
      );
      expect(ack.missedMore).toBe(false);
    });

    it('starts from the first message with since=0', async () => {
      const room = await createRoom(t.url, alice.token);
      const stored = await postMessage(t.url, alice.token, room.name, 'the very first');
      const ack = await joinRoom(await t.open(bob), room.name, '0');
      expect(ack.missed).toEqual([stored]);
    });

    it(`stops at ${MISSED_MESSAGES_MAX} and says more were missed`, async () => {
      const room = await createRoom(t.url, alice.token);
      const ids = await postMany(room.name, MISSED_MESSAGES_MAX + 1);
      const socket = await t.open(bob);

      const ack = await joinRoom(socket, room.name, '0');
      expect(ack.missed.map((m) => m.id)).toEqual(ids.slice(0, MISSED_MESSAGES_MAX));
      expect(ack.missedMore).toBe(true);

      const rest = await request(t.url)
        .get(
          `/api/rooms/${room.name}/messages?after=${nth(ack.missed, MISSED_MESSAGES_MAX - 1).id}`,
        )
        .set('Authorization', `Bearer ${bob.token}`)
        .expect(200);
      expect((rest.body as Message[]).map((m) => m.id)).toEqual(ids.slice(MISSED_MESSAGES_MAX));

      const exactly500 = await joinRoom(socket, room.name, ids[0]);
      expect(exactly500.missed).toHaveLength(MISSED_MESSAGES_MAX);
      expect(exactly500.missedMore).toBe(false);
    }, 60_000);
  });

  describe('room:leave', () => {
    it('acknowledges, stops the broadcasts and forbids sending there', async () => {
      const room = await createRoom(t.url, alice.token);
      const [leaver, stayer] = [await t.open(alice), await t.open(bob)];
      await Promise.all([joinRoom(leaver, room.name), joinRoom(stayer, room.name)]);

      await expect(emitWithAck(leaver, 'room:leave', { room: room.name })).resolves.toEqual({
        ok: true,
      });

      const received: Message[] = [];
      leaver.on('message:new', (m) => received.push(m));
      const barrier = nextEvent(stayer, 'message:new');
      await sendMessage(stayer, room.name, 'after alice left');
      await barrier;
      expect(received).toEqual([]);
      const ack = await emitWithAck(leaver, 'message:send', { room: room.name, content: 'hi' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
  });

  describe('a room deleted over REST', () => {
    it('tells its joined sockets, then refuses sends there while the sockets stay up', async () => {
      const room = await createRoom(t.url, alice.token);
      const [owner, member] = [await t.open(alice), await t.open(bob)];
      await Promise.all([joinRoom(owner, room.name), joinRoom(member, room.name)]);
      const told = [nextEvent(owner, 'room:deleted'), nextEvent(member, 'room:deleted')];

      await request(t.url)
        .delete(`/api/rooms/${room.name}`)
        .set('Authorization', `Bearer ${alice.token}`)
        .expect(204);

      await expect(Promise.all(told)).resolves.toEqual([{ room: room.name }, { room: room.name }]);
      const ack = await emitWithAck(member, 'message:send', {
        room: room.name,
        content: 'anyone?',
      });
      expect(ack).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/^(forbidden|not_found)$/) as unknown },
      });
      const typing = await emitWithAck(member, 'typing', { room: room.name });
      expect(typing).toMatchObject({ ok: false });
      expect(member.connected).toBe(true);
      await expect(emitWithAck(member, 'room:join', { room: room.name })).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });
  });

  /** Posts `count` messages over REST, a few at a time; returns their ids in id order. */
  async function postMany(room: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 25) {
      const batch = Array.from({ length: Math.min(25, count - start) }, (_, i) =>
        postMessage(t.url, alice.token, room, `bulk ${start + i}`),
      );
      ids.push(...(await Promise.all(batch)).map((m) => m.id));
    }
    return ids.sort(compareMessageIds);
  }
});
