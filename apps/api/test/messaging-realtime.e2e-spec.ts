import { randomUUID } from 'node:crypto';
import type { Message } from '@chat/contract';
import {
  createRoom,
  emitWithAck,
  joinRoom,
  listMessages,
  login,
  nextEvent,
  postMessage,
  recordEvents,
  sendMessage,
  type TestUser,
} from './support/factories';
import { nth } from './support/nth';
import { drained, sentinel } from './support/waits';
import { useApp } from './support/suite';

describe('messaging over the socket', () => {
  const t = useApp();
  let alice: TestUser;
  let bob: TestUser;
  /** Sockets of alice (two tabs) and bob, all joined to a fresh room. */
  const joinedRoom = async () => {
    const room = await createRoom(t.url, alice.token);
    const members = await Promise.all([
      t.open(alice.token),
      t.open(alice.token),
      t.open(bob.token),
    ]);
    await Promise.all(members.map((socket) => joinRoom(socket, room.name)));
    return { room: room.name, members };
  };

  beforeAll(async () => {
    [alice, bob] = await t.members(2);
  });

  it('acks the committed message and broadcasts it once to every joined socket', async () => {
    const { room, members } = await joinedRoom();
    const outsider = await t.open(bob.token);
    const inboxes = members.map((socket) => recordEvents(socket, 'message:new'));
    const outsiderInbox = recordEvents(outsider, 'message:new');

    const ack = await emitWithAck(members[0], 'message:send', { room, content: '  hello all \n' });

    expect(ack).toEqual({
      ok: true,
      message: {
        id: expect.stringMatching(/^[1-9]\d*$/) as unknown,
        room,
        author: { id: alice.user.id, username: alice.user.username },
        content: 'hello all',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
        clientId: null,
        seq: expect.stringMatching(/^[1-9]\d*$/) as unknown,
        editedAt: null,
        deleted: false,
        replyTo: null,
        reactions: [],
        mentions: [],
      },
    });
    await sentinel(members[2], room, members);
    const sent = ack.ok ? ack.message : undefined;
    for (const inbox of inboxes) expect(inbox.filter((m) => m.id === sent?.id)).toEqual([sent]);
    await drained(outsider);
    expect(outsiderInbox).toEqual([]);
    expect((await listMessages(t.url, bob.token, room)).map((m) => m.id)).toContain(sent?.id);
  });

  it('broadcasts a message sent over REST to the joined sockets', async () => {
    const { room, members } = await joinedRoom();
    const arrivals = members.map((socket) => nextEvent(socket, 'message:new'));
    const stored = await postMessage(t.url, bob.token, room, 'from the REST side');
    await expect(Promise.all(arrivals)).resolves.toEqual([stored, stored, stored]);
  });

  it.each([
    ['markup', '<script>alert("x")</script> <b>bold</b> &amp; \'quotes\''],
    ['emoji', 'family 👨‍👩‍👧‍👦, flag 🇫🇷, skin tone 👍🏽'],
    ['right-to-left text', 'مرحبا بالعالم — שלום עולם'],
    ['control-ish characters inside', 'tab\tinside\nnew line, zero\u200bwidth, nul-free'],
  ])('returns %s byte for byte', async (_label, content) => {
    const { room, members } = await joinedRoom();
    const arrival = nextEvent(members[2], 'message:new');
    await sendMessage(members[0], room, content);
    const received = await arrival;
    expect(Buffer.from(received.content)).toEqual(Buffer.from(content));
  });

  it('refuses to send to a room the socket has not joined', async () => {
    const room = await createRoom(t.url, alice.token);
    const socket = await t.open(alice.token);
    const ack = await emitWithAck(socket, 'message:send', { room: room.name, content: 'hi' });
    expect(ack).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) as unknown },
    });
    expect(await listMessages(t.url, alice.token, room.name)).toEqual([]);
  });

  describe('typing', () => {
    it("reaches the room's other users but not the typist's own tabs", async () => {
      const { room, members } = await joinedRoom();
      const [typist, otherTab, bobSocket] = members;
      const ownTabs = [typist, otherTab].map((socket) => recordEvents(socket, 'typing'));
      const heard = nextEvent(bobSocket, 'typing');

      await expect(emitWithAck(typist, 'typing', { room })).resolves.toEqual({ ok: true });

      await expect(heard).resolves.toEqual({
        room,
        user: { id: alice.user.id, username: alice.user.username },
      });
      // The relay went to every other socket at once; the typist's tabs would hold it by now.
      await Promise.all([drained(typist), drained(otherTab)]);
      expect(ownTabs).toEqual([[], []]);
    });

    it('is forbidden in a room not joined', async () => {
      const room = await createRoom(t.url, alice.token);
      const socket = await t.open(bob.token);
      const ack = await emitWithAck(socket, 'typing', { room: room.name });
      expect(ack).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.any(String) as unknown },
      });
    });
  });

  describe('clientId makes a send safe to retry', () => {
    const storedWith = async (room: string, clientId: string): Promise<Message[]> =>
      (await listMessages(t.url, alice.token, room)).filter((m) => m.clientId === clientId);

    it('stores and broadcasts a repeated send once', async () => {
      const { room, members } = await joinedRoom();
      const inbox = recordEvents(members[2], 'message:new');
      const clientId = randomUUID();
      const first = await sendMessage(members[0], room, 'once', clientId);
      const retry = await sendMessage(members[1], room, 'once', clientId);
      await sentinel(members[0], room, [members[2]]);

      expect(retry).toEqual(first);
      expect(first.clientId).toBe(clientId);
      expect(inbox.filter((m) => m.clientId === clientId)).toEqual([first]);
      expect(await storedWith(room, clientId)).toEqual([first]);
    });

    it('keeps ten concurrent sends of one clientId to one message', async () => {
      const { room, members } = await joinedRoom();
      const inbox = recordEvents(members[2], 'message:new');
      const clientId = randomUUID();
      const sends = Array.from({ length: 10 }, (_, i) =>
        sendMessage(nth(members, i % 2), room, 'racing', clientId),
      );
      const results = await Promise.all(sends);
      await sentinel(members[0], room, [members[2]]);

      expect(new Set(results.map((m) => m.id)).size).toBe(1);
      expect(inbox.filter((m) => m.clientId === clientId)).toEqual([results[0]]);
      expect(await storedWith(room, clientId)).toHaveLength(1);
    });

    it('answers a REST retry of a socket send with the same message', async () => {
      const { room, members } = await joinedRoom();
      const clientId = randomUUID();
      const viaSocket = await sendMessage(members[0], room, 'either way', clientId);
      const viaRest = await postMessage(t.url, alice.token, room, 'either way', clientId);
      expect(viaRest).toEqual(viaSocket);
    });

    it('scopes a clientId to its author, across all of the author’s sessions', async () => {
      const { room, members } = await joinedRoom();
      const clientId = randomUUID();
      const fromAlice = await sendMessage(members[0], room, 'mine', clientId);
      const fromBob = await sendMessage(members[2], room, 'mine too', clientId);
      expect(fromBob.id).not.toBe(fromAlice.id);
      const secondSession = await t.open(await login(t.url, alice.user.username));
      await joinRoom(secondSession, room);
      expect(await sendMessage(secondSession, room, 'mine', clientId)).toEqual(fromAlice);
    });
  });
});
