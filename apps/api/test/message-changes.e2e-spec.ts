import request from 'supertest';
import type { AckError, Message } from '@chat/contract';
import { expectApiError } from './support/api-error';
import {
  bearer,
  createRoom,
  emitRaw,
  emitWithAck,
  listMessages,
  nextEvent,
  postMessage,
  recordEvents,
  sendMessage,
  type ChatClient,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

const THUMBS = '👍';
const path = (room: string, id: string, rest = '') => `/api/rooms/${room}/messages/${id}${rest}`;
const reactionPath = (room: string, id: string, emoji: string) =>
  path(room, id, `/reactions/${encodeURIComponent(emoji)}`);
const errorCode = (ack: unknown) => (ack as AckError).error.code;

/** Every row of "v2 · Messages that change", over REST and over the socket, success and failure. */
describe('messages that change', () => {
  const t = useApp();
  let alice: TestUser; // owns the rooms
  let bob: TestUser;
  let carol: TestUser;

  beforeAll(async () => {
    [alice, bob, carol] = await t.members(3);
  });

  describe('a new message', () => {
    it('starts with seq = id, no edit, no reactions, no reply, no mentions', async () => {
      const room = await createRoom(t.url, alice.token);
      const message = await postMessage(t.url, bob.token, room.name, 'hello');
      expect(message).toMatchObject({
        seq: message.id,
        editedAt: null,
        deleted: false,
        replyTo: null,
        reactions: [],
        mentions: [],
      });
      const res = await request(t.url).get(path(room.name, message.id)).set(bearer(bob.token));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(message);
    });
  });

  describe('GET …/messages/:id', () => {
    it('answers 400 for a malformed id and 404 for an unknown one or another room’s', async () => {
      const [room, other] = await Promise.all([
        createRoom(t.url, alice.token),
        createRoom(t.url, alice.token),
      ]);
      const elsewhere = await postMessage(t.url, alice.token, other.name, 'elsewhere');
      for (const bad of ['0', '-1', 'abc', '1.5', '01', '99999999999999999999']) {
        const res = await request(t.url).get(path(room.name, bad)).set(bearer(bob.token));
        expectApiError(res, 400);
      }
      expectApiError(
        await request(t.url).get(path(room.name, '999999999')).set(bearer(bob.token)),
        404,
      );
      expectApiError(
        await request(t.url).get(path(room.name, elsewhere.id)).set(bearer(bob.token)),
        404,
      );
      expectApiError(
        await request(t.url).get(path('no-such-room', elsewhere.id)).set(bearer(bob.token)),
        404,
      );
      expectApiError(await request(t.url).get(path(room.name, elsewhere.id)), 401);
    });
  });

  describe('editing', () => {
    it('over REST: 200 with the new content, editedAt and a larger seq, broadcast after commit', async () => {
      const room = await createRoom(t.url, alice.token);
      const original = await postMessage(t.url, bob.token, room.name, 'helo');
      const watcher = await t.open(carol, room.name);
      const updated = nextEvent(watcher, 'message:updated', (m) => m.id === original.id);

      const res = await request(t.url)
        .patch(path(room.name, original.id))
        .set(bearer(bob.token))
        .send({ content: '  hello  ' });

      expect(res.status).toBe(200);
      const edited = res.body as Message;
      expect(edited).toMatchObject({ id: original.id, content: 'hello', deleted: false });
      expect(edited.editedAt).toEqual(expect.any(String));
      expect(BigInt(edited.seq)).toBeGreaterThan(BigInt(original.seq));
      expect(await updated).toEqual(edited);
      const stored = await request(t.url)
        .get(path(room.name, original.id))
        .set(bearer(alice.token));
      expect(stored.body).toEqual(edited);
    });

    it('over the socket: the ack carries the message; the same content changes nothing', async () => {
      const room = await createRoom(t.url, alice.token);
      const socket = await t.open(bob, room.name);
      const sent = await sendMessage(socket, room.name, 'first take');
      const updates = recordEvents(socket, 'message:updated');

      const ack = await emitWithAck(socket, 'message:edit', {
        room: room.name,
        id: sent.id,
        content: 'second take',
      });
      expect(ack).toEqual({
        ok: true,
        message: expect.objectContaining({ content: 'second take' }) as unknown,
      });
      const edited = ack.ok ? ack.message : sent;

      const same = await emitWithAck(socket, 'message:edit', {
        room: room.name,
        id: sent.id,
        content: ' second take ',
      });
      expect(same).toEqual({ ok: true, message: edited });
      // A sentinel change after both: exactly one update came before it.
      const sentinel = nextEvent(socket, 'message:updated', (m) => m.reactions.length === 1);
      await emitWithAck(socket, 'reaction:add', {
        room: room.name,
        messageId: sent.id,
        emoji: THUMBS,
      });
      await sentinel;
      expect(updates.map((m) => m.content)).toEqual(['second take', 'second take']);
      expect(updates[0]).toEqual(edited);
    });

    it('refuses: not the author 403 / forbidden, unknown or deleted 404 / not_found, bad content 400 / invalid', async () => {
      const room = await createRoom(t.url, alice.token);
      const other = await createRoom(t.url, alice.token);
      const message = await postMessage(t.url, bob.token, room.name, 'mine');
      const elsewhere = await postMessage(t.url, bob.token, other.name, 'other room');
      const gone = await postMessage(t.url, bob.token, room.name, 'gone soon');
      await request(t.url).delete(path(room.name, gone.id)).set(bearer(bob.token)).expect(204);

      const patch = (token: string, id: string, body: unknown) =>
        request(t.url)
          .patch(path(room.name, id))
          .set(bearer(token))
          .send(body as object);
      expectApiError(await patch(alice.token, message.id, { content: 'owner, not author' }), 403);
      expectApiError(await patch(bob.token, '123456789', { content: 'x' }), 404);
      expectApiError(await patch(bob.token, elsewhere.id, { content: 'x' }), 404);
      expectApiError(await patch(bob.token, gone.id, { content: 'x' }), 404);
      expectApiError(await patch(bob.token, message.id, { content: '   ' }), 400);
      expectApiError(await patch(bob.token, message.id, { content: 'x'.repeat(4001) }), 400);
      expectApiError(await patch(bob.token, message.id, { content: 'a\u0000b' }), 400);
      expectApiError(await patch(bob.token, message.id, {}), 400);
      expectApiError(await patch(bob.token, 'x1', { content: 'x' }), 400);

      const aliceSocket = await t.open(alice, room.name);
      const bobSocket = await t.open(bob, room.name);
      const edit = (socket: ChatClient, payload: unknown) =>
        emitRaw(socket, 'message:edit', payload);
      expect(
        errorCode(await edit(aliceSocket, { room: room.name, id: message.id, content: 'x' })),
      ).toBe('forbidden');
      expect(
        errorCode(await edit(bobSocket, { room: room.name, id: elsewhere.id, content: 'x' })),
      ).toBe('not_found');
      expect(errorCode(await edit(bobSocket, { room: room.name, id: gone.id, content: 'x' }))).toBe(
        'not_found',
      );
      expect(
        errorCode(await edit(bobSocket, { room: room.name, id: message.id, content: '' })),
      ).toBe('invalid');
      expect(errorCode(await edit(bobSocket, { room: room.name, id: 'abc', content: 'x' }))).toBe(
        'invalid',
      );
      expect(errorCode(await edit(bobSocket, { room: room.name, id: 5, content: 'x' }))).toBe(
        'invalid',
      );
      expect(
        errorCode(await edit(bobSocket, { room: other.name, id: elsewhere.id, content: 'x' })),
      ).toBe('forbidden');

      const stored = await request(t.url).get(path(room.name, message.id)).set(bearer(bob.token));
      expect((stored.body as Message).content).toBe('mine');
    });
  });

  describe('deleting', () => {
    it('leaves a tombstone, broadcast as message:updated; history leaves it out; again is 204 / ok', async () => {
      const room = await createRoom(t.url, alice.token);
      const message = await postMessage(t.url, bob.token, room.name, 'regret');
      await request(t.url)
        .put(reactionPath(room.name, message.id, THUMBS))
        .set(bearer(carol.token))
        .expect(200);
      const watcher = await t.open(carol, room.name);
      const updated = nextEvent(watcher, 'message:updated', (m) => m.deleted);

      await request(t.url).delete(path(room.name, message.id)).set(bearer(bob.token)).expect(204);

      const tombstone = await updated;
      expect(tombstone).toMatchObject({
        id: message.id,
        author: message.author,
        createdAt: message.createdAt,
        content: '',
        deleted: true,
        reactions: [],
        mentions: [],
        replyTo: null,
      });
      expect(BigInt(tombstone.seq)).toBeGreaterThan(BigInt(message.seq));
      const stored = await request(t.url).get(path(room.name, message.id)).set(bearer(bob.token));
      expect(stored.body).toEqual(tombstone);
      expect((await listMessages(t.url, bob.token, room.name)).map((m) => m.id)).not.toContain(
        message.id,
      );

      await request(t.url).delete(path(room.name, message.id)).set(bearer(bob.token)).expect(204);
      const socket = await t.open(bob, room.name);
      expect(
        await emitWithAck(socket, 'message:delete', { room: room.name, id: message.id }),
      ).toEqual({ ok: true });
      const after = await request(t.url).get(path(room.name, message.id)).set(bearer(bob.token));
      expect((after.body as Message).seq).toBe(tombstone.seq);
    });

    it('lets the room’s owner delete anyone’s message; others are 403 / forbidden; unknown is 404 / not_found', async () => {
      const room = await createRoom(t.url, alice.token);
      const bobs = await postMessage(t.url, bob.token, room.name, 'bob says');
      const second = await postMessage(t.url, bob.token, room.name, 'bob again');

      expectApiError(
        await request(t.url).delete(path(room.name, bobs.id)).set(bearer(carol.token)),
        403,
      );
      expectApiError(
        await request(t.url).delete(path(room.name, '987654321')).set(bearer(bob.token)),
        404,
      );
      expectApiError(
        await request(t.url).delete(path(room.name, 'nope')).set(bearer(bob.token)),
        400,
      );
      await request(t.url).delete(path(room.name, bobs.id)).set(bearer(alice.token)).expect(204);

      const carolSocket = await t.open(carol, room.name);
      const aliceSocket = await t.open(alice, room.name);
      expect(
        errorCode(await emitRaw(carolSocket, 'message:delete', { room: room.name, id: second.id })),
      ).toBe('forbidden');
      expect(
        errorCode(
          await emitRaw(carolSocket, 'message:delete', { room: room.name, id: '987654321' }),
        ),
      ).toBe('not_found');
      expect(
        errorCode(await emitRaw(carolSocket, 'message:delete', { room: room.name, id: '0' })),
      ).toBe('invalid');
      expect(
        await emitWithAck(aliceSocket, 'message:delete', { room: room.name, id: second.id }),
      ).toEqual({ ok: true });
      const stored = await request(t.url).get(path(room.name, second.id)).set(bearer(carol.token));
      expect(stored.body).toMatchObject({ deleted: true, content: '' });
    });
  });

  describe('reactions', () => {
    it('adds and removes, in order first added, users in order, counted; repeats change nothing', async () => {
      const room = await createRoom(t.url, alice.token);
      const message = await postMessage(t.url, alice.token, room.name, 'react to me');
      const put = (user: TestUser, emoji: string) =>
        request(t.url)
          .put(reactionPath(room.name, message.id, emoji))
          .set(bearer(user.token));
      const del = (user: TestUser, emoji: string) =>
        request(t.url)
          .delete(reactionPath(room.name, message.id, emoji))
          .set(bearer(user.token));

      await put(bob, THUMBS).expect(200);
      await put(carol, '❤️').expect(200);
      const third = await put(carol, THUMBS).expect(200);
      expect((third.body as Message).reactions).toEqual([
        {
          emoji: THUMBS,
          count: 2,
          users: [bob.user, carol.user].map(({ id, username }) => ({ id, username })),
        },
        { emoji: '❤️', count: 1, users: [{ id: carol.user.id, username: carol.user.username }] },
      ]);
      const again = await put(bob, THUMBS).expect(200);
      expect(again.body).toEqual(third.body);

      // The last user leaves an entry: it goes; added again, it goes last.
      await del(bob, THUMBS).expect(200);
      const removed = await del(carol, THUMBS).expect(200);
      expect((removed.body as Message).reactions.map((r) => r.emoji)).toEqual(['❤️']);
      const back = await put(bob, THUMBS).expect(200);
      expect((back.body as Message).reactions.map((r) => r.emoji)).toEqual(['❤️', THUMBS]);
      const notThere = await del(alice, '🎉').expect(200);
      expect(notThere.body).toEqual(back.body);
      expect(BigInt((back.body as Message).seq)).toBeGreaterThan(
        BigInt((removed.body as Message).seq),
      );
    });

    it('over the socket: broadcast as message:updated, acked with the message', async () => {
      const room = await createRoom(t.url, alice.token);
      const message = await postMessage(t.url, alice.token, room.name, 'hi');
      const [bobSocket, carolSocket] = await Promise.all([
        t.open(bob, room.name),
        t.open(carol, room.name),
      ]);
      const seen = nextEvent(carolSocket, 'message:updated', (m) => m.reactions.length === 1);
      const ack = await emitWithAck(bobSocket, 'reaction:add', {
        room: room.name,
        messageId: message.id,
        emoji: '👩‍💻',
      });
      expect(ack.ok && ack.message.reactions).toEqual([
        { emoji: '👩‍💻', count: 1, users: [{ id: bob.user.id, username: bob.user.username }] },
      ]);
      expect(await seen).toEqual(ack.ok ? ack.message : undefined);
      const gone = nextEvent(carolSocket, 'message:updated', (m) => m.reactions.length === 0);
      const removed = await emitWithAck(bobSocket, 'reaction:remove', {
        room: room.name,
        messageId: message.id,
        emoji: '👩‍💻',
      });
      expect(removed.ok && removed.message.reactions).toEqual([]);
      await gone;
    });

    it('refuses what is not one emoji, the 21st distinct emoji, and deleted or unknown messages', async () => {
      const room = await createRoom(t.url, alice.token);
      const message = await postMessage(t.url, alice.token, room.name, 'many');
      for (const bad of ['x', '👍👍', '❤', ':+1:', ' 👍']) {
        expectApiError(
          await request(t.url)
            .put(reactionPath(room.name, message.id, bad))
            .set(bearer(bob.token)),
          400,
        );
      }
      const twenty = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂'];
      expect(twenty).toHaveLength(20);
      for (const emoji of twenty) {
        await request(t.url)
          .put(reactionPath(room.name, message.id, emoji))
          .set(bearer(bob.token))
          .expect(200);
      }
      expectApiError(
        await request(t.url)
          .put(reactionPath(room.name, message.id, '🤗'))
          .set(bearer(carol.token)),
        400,
      );
      // Another user may still add one of the twenty.
      await request(t.url)
        .put(reactionPath(room.name, message.id, '😀'))
        .set(bearer(carol.token))
        .expect(200);

      const socket = await t.open(carol, room.name);
      const add = (payload: unknown) => emitRaw(socket, 'reaction:add', payload);
      expect(errorCode(await add({ room: room.name, messageId: message.id, emoji: '🤗' }))).toBe(
        'invalid',
      );
      expect(errorCode(await add({ room: room.name, messageId: message.id, emoji: 'ab' }))).toBe(
        'invalid',
      );
      expect(errorCode(await add({ room: room.name, messageId: '424242424', emoji: THUMBS }))).toBe(
        'not_found',
      );

      await request(t.url).delete(path(room.name, message.id)).set(bearer(alice.token)).expect(204);
      expectApiError(
        await request(t.url)
          .put(reactionPath(room.name, message.id, THUMBS))
          .set(bearer(bob.token)),
        404,
      );
      expectApiError(
        await request(t.url)
          .delete(reactionPath(room.name, message.id, '😀'))
          .set(bearer(bob.token)),
        404,
      );
      expect(errorCode(await add({ room: room.name, messageId: message.id, emoji: THUMBS }))).toBe(
        'not_found',
      );
      expect(
        errorCode(
          await emitRaw(socket, 'reaction:remove', {
            room: room.name,
            messageId: message.id,
            emoji: '😀',
          }),
        ),
      ).toBe('not_found');
    });
  });

  describe('replies', () => {
    it('shows the original as it is now: the first 200 code points, then "" and deleted once it is', async () => {
      const room = await createRoom(t.url, alice.token);
      const long = '🎉'.repeat(150) + 'x'.repeat(150);
      const original = await postMessage(t.url, alice.token, room.name, long);
      const res = await request(t.url)
        .post(`/api/rooms/${room.name}/messages`)
        .set(bearer(bob.token))
        .send({ content: 'good point', replyTo: original.id })
        .expect(201);
      const reply = res.body as Message;
      expect(reply.replyTo).toEqual({
        id: original.id,
        author: original.author,
        content: [...long].slice(0, 200).join(''),
        deleted: false,
      });

      await request(t.url)
        .patch(path(room.name, original.id))
        .set(bearer(alice.token))
        .send({ content: 'edited' });
      const afterEdit = await request(t.url).get(path(room.name, reply.id)).set(bearer(bob.token));
      expect((afterEdit.body as Message).replyTo?.content).toBe('edited');
      expect((afterEdit.body as Message).seq).toBe(reply.seq);

      await request(t.url)
        .delete(path(room.name, original.id))
        .set(bearer(alice.token))
        .expect(204);
      const page = await listMessages(t.url, bob.token, room.name);
      expect(page.find((m) => m.id === reply.id)?.replyTo).toEqual({
        id: original.id,
        author: original.author,
        content: '',
        deleted: true,
      });
    });

    it('over the socket too; an unknown, deleted or other room’s original is 404 / not_found', async () => {
      const [room, other] = await Promise.all([
        createRoom(t.url, alice.token),
        createRoom(t.url, alice.token),
      ]);
      const original = await postMessage(t.url, alice.token, room.name, 'q?');
      const elsewhere = await postMessage(t.url, alice.token, other.name, 'elsewhere');
      const gone = await postMessage(t.url, alice.token, room.name, 'gone');
      await request(t.url).delete(path(room.name, gone.id)).set(bearer(alice.token)).expect(204);
      const socket = await t.open(bob, room.name);
      const live = nextEvent(socket, 'message:new', (m) => m.content === 'a!');
      const ack = await emitWithAck(socket, 'message:send', {
        room: room.name,
        content: 'a!',
        replyTo: original.id,
      });
      expect(ack.ok && ack.message.replyTo?.id).toBe(original.id);
      expect((await live).replyTo).toEqual(ack.ok ? ack.message.replyTo : null);

      for (const replyTo of [elsewhere.id, gone.id, '31415926535']) {
        const refused = await emitRaw(socket, 'message:send', {
          room: room.name,
          content: 'x',
          replyTo,
        });
        expect(errorCode(refused)).toBe('not_found');
        expectApiError(
          await request(t.url)
            .post(`/api/rooms/${room.name}/messages`)
            .set(bearer(bob.token))
            .send({ content: 'x', replyTo }),
          404,
        );
      }
      expect(
        errorCode(
          await emitRaw(socket, 'message:send', { room: room.name, content: 'x', replyTo: 'one' }),
        ),
      ).toBe('invalid');
      expectApiError(
        await request(t.url)
          .post(`/api/rooms/${room.name}/messages`)
          .set(bearer(bob.token))
          .send({ content: 'x', replyTo: 0 }),
        400,
      );
    });
  });

  it('needs a joined room for every change event (forbidden otherwise)', async () => {
    const room = await createRoom(t.url, alice.token);
    const message = await postMessage(t.url, bob.token, room.name, 'hi');
    const socket = await t.open(bob);
    for (const [event, payload] of [
      ['message:edit', { room: room.name, id: message.id, content: 'x' }],
      ['message:delete', { room: room.name, id: message.id }],
      ['reaction:add', { room: room.name, messageId: message.id, emoji: THUMBS }],
      ['reaction:remove', { room: room.name, messageId: message.id, emoji: THUMBS }],
    ] as const) {
      expect(errorCode(await emitRaw(socket, event, payload))).toBe('forbidden');
    }
  });
});
