import request from 'supertest';
import {
  CHANGED_MESSAGES_MAX,
  CHANGES_PAGE_MAX,
  REPLY_PREVIEW_LENGTH,
  type Message,
} from '@chat/contract';
import { expectApiError } from './support/api-error';
import { HeldRoomLocks } from './support/room-locks';
import {
  bearer,
  createRoom,
  emitRaw,
  emitWithAck,
  joinRoom,
  postMessage,
  sendMessage,
  signup,
  type ChatClient,
  type TestUser,
} from './support/factories';
import { nth } from './support/nth';
import { useApp } from './support/suite';

const bigger = (a: string, b: string) => (BigInt(a) >= BigInt(b) ? a : b);

/**
 * A client as the contract describes one: it keeps the copy of each message with the larger
 * `seq`, nothing replaces a tombstone, its cursor is the largest `seq` seen, and a reply's
 * quote follows its original (the reply itself gets no new seq when the original changes).
 */
class Replica {
  readonly messages = new Map<string, Message>();
  cursor = '0';

  apply(message: Message): void {
    const held = this.messages.get(message.id);
    if (!held || BigInt(message.seq) > BigInt(held.seq)) {
      if (!held?.deleted) this.messages.set(message.id, message);
    }
    this.cursor = bigger(this.cursor, message.seq);
    const original = this.messages.get(message.id);
    if (!original) return;
    for (const [id, reply] of this.messages) {
      if (reply.replyTo?.id !== message.id || reply.deleted) continue;
      this.messages.set(id, {
        ...reply,
        replyTo: {
          ...reply.replyTo,
          content: original.deleted
            ? ''
            : [...original.content].slice(0, REPLY_PREVIEW_LENGTH).join(''),
          deleted: original.deleted,
        },
      });
    }
  }

  /** What a page load shows: the live messages, oldest first. */
  live(): Message[] {
    return [...this.messages.values()]
      .filter((m) => !m.deleted)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}

describe('one change cursor: catch-up and ordering', () => {
  const t = useApp();
  let users: TestUser[];
  const open = async (user: TestUser, room?: string, since?: string) => {
    const socket = await t.open(user);
    const joined = room ? await joinRoom(socket, room, since) : undefined;
    return { socket, joined };
  };
  const get = (token: string, url: string) => request(t.url).get(url).set(bearer(token));
  /** A fresh page load: every live message, oldest first, paged from the start. */
  const pageLoad = async (token: string, room: string): Promise<Message[]> => {
    const all: Message[] = [];
    let after = '0';
    for (;;) {
      const res = await get(token, `/api/rooms/${room}/messages?after=${after}&limit=100`);
      const page = res.body as Message[];
      all.push(...page);
      if (page.length < 100) return all;
      after = page[page.length - 1]?.id ?? after;
    }
  };
  /** Pages `…/changes` from `from` until a page is shorter than its limit; counts the pages. */
  const pageChanges = async (token: string, room: string, from: string, replica: Replica) => {
    let after = from;
    let pages = 0;
    for (;;) {
      const res = await get(
        token,
        `/api/rooms/${room}/changes?after=${after}&limit=${CHANGES_PAGE_MAX}`,
      ).expect(200);
      const page = res.body as Message[];
      pages += 1;
      page.forEach((m) => replica.apply(m));
      if (page.length < CHANGES_PAGE_MAX) return pages;
      after = page[page.length - 1]?.seq ?? after;
    }
  };

  let locks: HeldRoomLocks | null;
  beforeAll(async () => {
    users = await Promise.all(Array.from({ length: 12 }, () => signup(t.url)));
    locks = await HeldRoomLocks.open(process.env.DATABASE_URL ?? '');
  });
  afterAll(async () => {
    await locks?.close();
  });

  it('takes the lock the message writer takes: a change queued behind a send commits after it', async () => {
    const [alice, bob] = users as [TestUser, TestUser];
    const room = await createRoom(t.url, alice.token);
    const old = await postMessage(t.url, alice.token, room.name, 'old');
    const [{ socket: aliceSocket }, { socket: bobSocket }] = await Promise.all([
      open(alice, room.name),
      open(bob, room.name),
    ]);
    // On a PostgreSQL server: hold the room's lock, so the send and then the edit both wait for
    // it (an edit that skipped the lock would be answered while it is held, and this times out).
    await locks?.hold([room.id]);
    const send = sendMessage(bobSocket, room.name, 'queued first');
    await locks?.waitForBlockedWrites(1);
    const edit = emitWithAck(aliceSocket, 'message:edit', {
      room: room.name,
      id: old.id,
      content: 'old, edited',
    });
    await locks?.waitForBlockedWrites(2);
    await locks?.releaseAll();
    const [sent, edited] = await Promise.all([send, edit]);
    expect(edited.ok).toBe(true);
    // Only with the lock held is the order certain: the send queued first, so it commits first.
    const editSeq = edited.ok ? BigInt(edited.message.seq) : 0n;
    if (locks) expect(editSeq > BigInt(sent.seq)).toBe(true);
  });

  it('GET …/changes: seq > after, tombstones included, in seq order; after is required', async () => {
    const [alice, bob] = users as [TestUser, TestUser];
    const room = await createRoom(t.url, alice.token);
    const first = await postMessage(t.url, alice.token, room.name, 'one');
    const second = await postMessage(t.url, bob.token, room.name, 'two');
    await request(t.url)
      .patch(`/api/rooms/${room.name}/messages/${first.id}`)
      .set(bearer(alice.token))
      .send({ content: 'one, edited' })
      .expect(200);
    await request(t.url)
      .delete(`/api/rooms/${room.name}/messages/${second.id}`)
      .set(bearer(bob.token))
      .expect(204);

    const all = (await get(bob.token, `/api/rooms/${room.name}/changes?after=0`).expect(200))
      .body as Message[];
    expect(all.map((m) => [m.id, m.content, m.deleted])).toEqual([
      [first.id, 'one, edited', false],
      [second.id, '', true],
    ]);
    expect(BigInt(all[0]?.seq ?? 0)).toBeLessThan(BigInt(all[1]?.seq ?? 0));
    const tail = await get(bob.token, `/api/rooms/${room.name}/changes?after=${all[0]?.seq}`);
    expect((tail.body as Message[]).map((m) => m.id)).toEqual([second.id]);
    const limited = await get(bob.token, `/api/rooms/${room.name}/changes?after=0&limit=1`);
    expect((limited.body as Message[]).map((m) => m.id)).toEqual([first.id]);

    for (const query of ['', '?after=-1', '?after=x', '?after=0&limit=0', '?after=0&limit=501']) {
      expectApiError(await get(bob.token, `/api/rooms/${room.name}/changes${query}`), 400);
    }
    expectApiError(await get(bob.token, `/api/rooms/nope-nothing/changes?after=0`), 404);
    expectApiError(await request(t.url).get(`/api/rooms/${room.name}/changes?after=0`), 401);
  });

  it('room:join with since carries missed (never deleted) and changed (tombstones) messages', async () => {
    const [alice, bob] = users as [TestUser, TestUser];
    const room = await createRoom(t.url, alice.token);
    const kept = await postMessage(t.url, alice.token, room.name, 'kept');
    const edited = await postMessage(t.url, alice.token, room.name, 'edit me');
    const removed = await postMessage(t.url, alice.token, room.name, 'remove me');
    const since = removed.seq;
    const base = `/api/rooms/${room.name}/messages`;
    await request(t.url)
      .patch(`${base}/${edited.id}`)
      .set(bearer(alice.token))
      .send({ content: 'edited' });
    await request(t.url).delete(`${base}/${removed.id}`).set(bearer(alice.token)).expect(204);
    const fresh = await postMessage(t.url, bob.token, room.name, 'new');
    const freshGone = await postMessage(t.url, bob.token, room.name, 'new, then gone');
    await request(t.url).delete(`${base}/${freshGone.id}`).set(bearer(bob.token)).expect(204);

    const { joined } = await open(bob, room.name, since);
    expect(joined?.missed.map((m) => m.id)).toEqual([fresh.id]);
    expect(joined?.missedMore).toBe(false);
    expect(joined?.changed.map((m) => [m.id, m.content, m.deleted])).toEqual([
      [edited.id, 'edited', false],
      [removed.id, '', true],
    ]);
    expect(joined?.changedMore).toBe(false);
    expect(joined?.changed.map((m) => m.id)).not.toContain(kept.id);

    const { joined: plain } = await open(bob, room.name);
    expect(plain).toMatchObject({ missed: [], missedMore: false, changed: [], changedMore: false });
  });

  it('many users adding different emoji (and the same one) to one message at once are all counted', async () => {
    const [alice] = users as [TestUser];
    const room = await createRoom(t.url, alice.token);
    const message = await postMessage(t.url, alice.token, room.name, 'react, everyone');
    const emoji = [...'😀😁😂🤣😃😄😅😆😉😊😋😎'];
    const reacting = await Promise.all(users.map((user) => open(user, room.name)));
    const acks = await Promise.all(
      reacting.flatMap(({ socket }, i) => [
        emitWithAck(socket, 'reaction:add', {
          room: room.name,
          messageId: message.id,
          emoji: emoji[i] ?? '🙂',
        }),
        emitWithAck(socket, 'reaction:add', {
          room: room.name,
          messageId: message.id,
          emoji: '👍',
        }),
      ]),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    // Each ack shows the message as it is after that user's own change: their emoji is in it.
    for (const [k, ack] of acks.entries()) {
      const user = users[Math.floor(k / 2)]?.user.id;
      const emojiOf = k % 2 ? '👍' : (emoji[Math.floor(k / 2)] ?? '🙂');
      const entry = ack.ok ? ack.message.reactions.find((r) => r.emoji === emojiOf) : undefined;
      expect(entry?.users.map((u) => u.id)).toContain(user);
    }

    const res = await get(alice.token, `/api/rooms/${room.name}/messages/${message.id}`);
    const { reactions } = res.body as Message;
    expect(reactions).toHaveLength(users.length + 1);
    expect(reactions.find((r) => r.emoji === '👍')?.count).toBe(users.length);
    for (const [i, e] of emoji.entries()) {
      expect(reactions.find((r) => r.emoji === e)?.users.map((u) => u.id)).toEqual([
        users[i]?.user.id,
      ]);
    }
  });

  it('a mix of sends, edits, reactions and deletes gives strictly increasing seqs in commit order', async () => {
    const [alice] = users as [TestUser];
    const room = await createRoom(t.url, alice.token);
    const seed = await Promise.all(
      users.map((u, i) => postMessage(t.url, u.token, room.name, `seed ${i}`)),
    );
    const clients = await Promise.all(users.map((user) => open(user, room.name)));

    // A poller pages …/changes from its cursor while the mix runs: if a change ever committed
    // with a smaller seq than one already visible, the poller would step over it for good.
    const poller = new Replica();
    let running = true;
    const polling = (async () => {
      while (running) {
        const res = await get(
          alice.token,
          `/api/rooms/${room.name}/changes?after=${poller.cursor}&limit=50`,
        );
        (res.body as Message[]).forEach((m) => poller.apply(m));
      }
    })();

    // The poller stops however the mix ends, or it would outlive the test (and its app).
    const mixed = Promise.all(
      clients.map(async ({ socket }, i) => {
        const own = seed[i];
        if (!own) return;
        for (let round = 0; round < 6; round += 1) {
          const target = seed[(i + round) % seed.length]?.id ?? own.id;
          const ops = [
            emitWithAck(socket, 'message:send', { room: room.name, content: `m ${i}.${round}` }),
            emitWithAck(socket, 'message:edit', {
              room: room.name,
              id: own.id,
              content: `edit ${i}.${round}`,
            }),
            emitWithAck(socket, 'reaction:add', {
              room: room.name,
              messageId: target,
              emoji: '👍',
            }),
            emitWithAck(socket, 'reaction:remove', {
              room: room.name,
              messageId: target,
              emoji: '👍',
            }),
          ];
          expect((await Promise.all(ops)).every((ack) => ack.ok)).toBe(true);
        }
        if (i % 3 === 0)
          await emitWithAck(socket, 'message:delete', { room: room.name, id: own.id });
      }),
    ).finally(() => (running = false));
    await mixed;
    await polling;
    await pageChanges(alice.token, room.name, poller.cursor, poller);

    const all = (await get(alice.token, `/api/rooms/${room.name}/changes?after=0&limit=500`))
      .body as Message[];
    const order = all.map((m) => BigInt(m.seq));
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(order).size).toBe(order.length);
    expect(poller.live()).toEqual(await pageLoad(alice.token, room.name));
    expect([...poller.messages.values()].filter((m) => m.deleted).length).toBe(
      Math.ceil(users.length / 3),
    );
  }, 30_000);

  it('a client away during sends, edits, reactions and deletes rejoins with its cursor and holds exactly the server’s state — across more than one changed page', async () => {
    const [alice, bob, carol] = users as [TestUser, TestUser, TestUser];
    const room = await createRoom(t.url, alice.token);
    const base = `/api/rooms/${room.name}/messages`;
    const [aliceWriter, bobWriter] = await Promise.all([
      open(alice, room.name),
      open(bob, room.name),
    ]);
    const writers = [aliceWriter.socket, bobWriter.socket];
    /** Runs `count` operations, eight at a time, alternating between alice's and bob's sockets. */
    const inParallel = async <T>(
      count: number,
      op: (i: number, socket: ChatClient) => Promise<T>,
    ) => {
      const results: T[] = [];
      for (let start = 0; start < count; start += 8) {
        const batch = Array.from({ length: Math.min(8, count - start) }, (_, k) => start + k);
        results.push(...(await Promise.all(batch.map((i) => op(i, nth(writers, i % 2))))));
      }
      return results;
    };
    const OLD = CHANGED_MESSAGES_MAX + 20;
    const history = await inParallel(OLD, (i, socket) =>
      sendMessage(socket, room.name, `old ${i}`),
    );
    const reply = await request(t.url)
      .post(base)
      .set(bearer(carol.token))
      .send({ content: 'answering old 0', replyTo: history[0]?.id })
      .expect(201);
    history.push(reply.body as Message);

    // The away client: joined, holding the history, then gone.
    const replica = new Replica();
    const away = await open(carol, room.name);
    history.forEach((m) => replica.apply(m));
    away.socket.close();
    const since = replica.cursor;

    // While away: every old message changes (more than one `changed` page), some of them twice;
    // new messages come, some deleted before the client is back.
    const acks = await inParallel(OLD, (i, socket) =>
      emitWithAck(socket, 'reaction:add', {
        room: room.name,
        messageId: history[i]?.id ?? '1',
        emoji: i % 3 ? '👍' : '🎉',
      }),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await inParallel(40, (i, socket) =>
      emitWithAck(socket, 'message:edit', {
        room: room.name,
        id: history[i]?.id ?? '1',
        content: `old ${i}, edited`,
      }),
    );
    await request(t.url)
      .patch(`${base}/${history[0]?.id}`)
      .set(bearer(alice.token))
      .send({ content: 'old 0, fixed' })
      .expect(200);
    await request(t.url).delete(`${base}/${history[2]?.id}`).set(bearer(alice.token)).expect(204);
    const fresh = await postMessage(t.url, bob.token, room.name, 'while you were away');
    await request(t.url).delete(`${base}/${history[1]?.id}`).set(bearer(bob.token)).expect(204);
    const gone = await postMessage(t.url, bob.token, room.name, 'gone before you came back');
    await request(t.url).delete(`${base}/${gone.id}`).set(bearer(bob.token)).expect(204);

    // Back: join with the cursor, apply missed and changed, page …/changes when told there is more.
    const back = await open(carol, room.name, since);
    expect(back.joined?.changed).toHaveLength(CHANGED_MESSAGES_MAX);
    expect(back.joined?.changedMore).toBe(true);
    expect(back.joined?.missed.map((m) => m.id)).toEqual([fresh.id]);
    back.joined?.missed.forEach((m) => replica.apply(m));
    back.joined?.changed.forEach((m) => replica.apply(m));
    const pages = await pageChanges(carol.token, room.name, since, replica);
    expect(pages).toBeGreaterThan(1);

    const server = await pageLoad(carol.token, room.name);
    expect(replica.live()).toEqual(server);
    expect(replica.messages.get(history[2]?.id ?? '')?.deleted).toBe(true);
    expect(replica.messages.get(gone.id)?.deleted).toBe(true);
    const replyId = (reply.body as Message).id;
    expect(replica.live().find((m) => m.id === replyId)?.replyTo?.content).toBe('old 0, fixed');
    // Nothing new since: a join at the new cursor carries nothing.
    const again = await open(carol, room.name, replica.cursor);
    expect(again.joined).toMatchObject({
      missed: [],
      changed: [],
      missedMore: false,
      changedMore: false,
    });
    expect(await emitRaw(again.socket, 'room:join', { room: room.name, since: 'x' })).toMatchObject(
      {
        ok: false,
        error: { code: 'invalid' },
      },
    );
  }, 120_000);
});
