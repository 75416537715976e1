import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutboxStorage } from '../lib/outbox-db';
import {
  aMessage,
  aResponse,
  aUser,
  fakeFetch,
  FakeSocket,
  settle,
  users,
} from '../test/fake-socket';
import { useConnectionStore } from './connection';
import { THROTTLED_DELAYS_MS, useOutboxStore } from './outbox';
import { useRoomStatesStore } from './room-states';
import { useSessionStore } from './session';

/**
 * A page load: fresh stores (a new Pinia) over the same IndexedDB, alice signed in, the socket
 * online or not, and #general open (joined) or not.
 */
async function openPage({ online = true, joined = true } = {}) {
  setActivePinia(createPinia());
  const socket = new FakeSocket();
  useConnectionStore().attach(socket.asChatSocket());
  if (online) socket.goOnline();
  const states = useRoomStatesStore();
  if (joined && online) states.setStatus('general', 'joined');
  const outbox = useOutboxStore();
  useSessionStore().$patch({ status: 'signed-in', user: aUser() });
  await settle();
  return { socket, outbox, states, pending: () => states.get('general').pending };
}

const stored = () => openOutboxStorage().list(users.alice.id);
const sent = (socket: FakeSocket) => socket.emittedOf('message:send').map((e) => e.payload);

function ackAll(socket: FakeSocket, from = 0): void {
  socket
    .emittedOf('message:send')
    .slice(from)
    .forEach((emitted, index) => {
      const { content, clientId } = emitted.payload;
      emitted.answer({
        ok: true,
        message: aMessage(String(100 + from + index), {
          author: users.alice,
          content: String(content),
          clientId: String(clientId),
        }),
      });
    });
}

describe('outbox', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a message in IndexedDB from Send until its ack', async () => {
    const { socket, outbox, states, pending } = await openPage();
    await outbox.send('general', 'hello');
    expect(pending().map((p) => [p.content, p.status])).toEqual([['hello', 'sending']]);
    expect((await stored()).map((r) => r.content)).toEqual(['hello']);

    ackAll(socket);
    await settle();
    expect(pending()).toEqual([]);
    expect(states.get('general').messages.map((m) => m.content)).toEqual(['hello']);
    expect(await stored()).toEqual([]);
  });

  it('sends what was written offline after a reload, under the same clientIds, in order', async () => {
    const before = await openPage({ online: false });
    await before.outbox.send('general', 'first, written offline');
    await before.outbox.send('general', 'second');
    expect(before.pending().map((p) => p.status)).toEqual(['waiting', 'waiting']);
    expect(before.socket.emittedOf('message:send')).toHaveLength(0);
    const clientIds = before.pending().map((p) => p.clientId);

    // The tab is reloaded (or crashed and reopened): nothing of the first page's memory is left.
    const after = await openPage();
    expect(after.pending().map((p) => p.content)).toEqual(['first, written offline', 'second']);
    // One at a time: the second waits for the first one's ack.
    expect(sent(after.socket)).toEqual([
      { room: 'general', content: 'first, written offline', clientId: clientIds[0] },
    ]);
    ackAll(after.socket);
    await settle();
    expect(sent(after.socket).map((p) => p.clientId)).toEqual(clientIds);
    ackAll(after.socket, 1);
    await settle();
    expect(after.pending()).toEqual([]);
    expect(after.states.get('general').messages.map((m) => m.content)).toEqual([
      'first, written offline',
      'second',
    ]);
    expect(await stored()).toEqual([]);
  });

  it('sends a restored message of a room no page has open over REST, with its clientId', async () => {
    const before = await openPage({ online: false });
    await before.outbox.send('general', 'to a room I left');
    const [clientId] = before.pending().map((p) => p.clientId);
    const stub = fakeFetch((_url, method) =>
      method === 'POST'
        ? aResponse(
            201,
            aMessage('7', { author: users.alice, content: 'to a room I left', clientId }),
          )
        : [],
    );
    vi.stubGlobal('fetch', stub.fetchImpl);

    const after = await openPage({ joined: false });
    await settle();
    const posts = stub.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.url.pathname)).toEqual(['/api/rooms/general/messages']);
    expect(after.pending()).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it('waits and resends by itself when rate limited, without failing anything', async () => {
    const { socket, outbox, pending } = await openPage();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sending = Promise.all([outbox.send('general', 'one'), outbox.send('general', 'two')]);
    await vi.advanceTimersByTimeAsync(50);
    await sending;
    socket.lastOf('message:send').answer({
      ok: false,
      error: { code: 'rate_limited', message: 'slow down' },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(pending().map((p) => p.status)).toEqual(['throttled', 'throttled']);
    expect(socket.emittedOf('message:send')).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(THROTTLED_DELAYS_MS[0] ?? 0);
    const again = socket.emittedOf('message:send');
    expect(again).toHaveLength(2);
    expect(again[1]?.payload.clientId).toBe(again[0]?.payload.clientId);
    expect(pending().some((p) => p.status === 'failed')).toBe(false);
  });

  it('marks a refused message failed (also after a reload); Retry resends it, Discard drops it', async () => {
    const first = await openPage();
    await first.outbox.send('general', 'refused');
    first.socket.lastOf('message:send').answer({
      ok: false,
      error: { code: 'invalid', message: 'content must not contain control characters' },
    });
    await settle();
    expect(first.pending()[0]).toMatchObject({
      status: 'failed',
      problem: 'Content must not contain control characters.',
    });

    const second = await openPage();
    expect(second.pending().map((p) => p.status)).toEqual(['failed']);
    expect(second.socket.emittedOf('message:send')).toHaveLength(0);
    const clientId = second.pending()[0]?.clientId ?? '';
    second.outbox.retry('general', clientId);
    await settle();
    expect(second.socket.lastOf('message:send').payload.clientId).toBe(clientId);
    second.socket.lastOf('message:send').answer({
      ok: false,
      error: { code: 'invalid', message: 'still no' },
    });
    await settle();
    second.outbox.discard('general', clientId);
    await settle();
    expect(second.pending()).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it('settles a message whose broadcast arrives before its ack, without a duplicate', async () => {
    const { socket, outbox, states, pending } = await openPage();
    await outbox.send('general', 'hi');
    const clientId = String(socket.lastOf('message:send').payload.clientId);
    const message = aMessage('42', { author: users.alice, content: 'hi', clientId });
    states.receive('general', [message]);
    expect(pending()).toEqual([]);
    socket.lastOf('message:send').answer({ ok: true, message });
    await settle();
    expect(states.get('general').messages.map((m) => m.id)).toEqual(['42']);
    expect(await stored()).toEqual([]);
  });

  it('goes back to waiting when the connection drops mid-send, and resends after the re-join', async () => {
    const { socket, outbox, states, pending } = await openPage();
    await outbox.send('general', 'in flight when the line dropped');
    const first = socket.lastOf('message:send');
    socket.drop();
    states.setStatus('general', 'waiting');
    first.timeOut();
    await settle();
    expect(pending()[0]?.status).toBe('waiting');

    socket.goOnline();
    states.setStatus('general', 'joined');
    outbox.flush('general');
    await settle();
    const second = socket.lastOf('message:send');
    expect(second).not.toBe(first);
    expect(second.payload.clientId).toBe(first.payload.clientId);
  });

  it("never shows or sends another user's unsent messages", async () => {
    const before = await openPage({ online: false });
    await before.outbox.send('general', "alice's");
    setActivePinia(createPinia());
    useOutboxStore();
    useSessionStore().$patch({ status: 'signed-in', user: aUser(users.bob) });
    await settle();
    expect(useRoomStatesStore().get('general').pending).toEqual([]);
  });
});
