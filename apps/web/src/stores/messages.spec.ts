import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aMessage, fakeFetch, FakeSocket, settle, users } from '../test/fake-socket';
import { useConnectionStore } from './connection';
import { useMessagesStore } from './messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('messages store', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    setActivePinia(createPinia());
    socket = new FakeSocket();
    useConnectionStore().attach(socket.asChatSocket());
    socket.goOnline();
    useMessagesStore().setJoined('general', true);
  });

  it('shows a send as pending under a fresh clientId, then replaces it with the acked message', async () => {
    const store = useMessagesStore();
    const sending = store.send('general', 'hello');
    const state = store.roomState('general');
    expect(state.pending).toHaveLength(1);
    const clientId = state.pending[0]?.clientId ?? '';
    expect(clientId).toMatch(UUID);
    expect(socket.lastOf('message:send').payload).toEqual({
      room: 'general',
      content: 'hello',
      clientId,
    });

    socket.lastOf('message:send').answer({
      ok: true,
      message: aMessage('41', { author: users.alice, content: 'hello', clientId }),
    });
    await sending;
    expect(state.pending).toEqual([]);
    expect(state.messages.map((m) => m.content)).toEqual(['hello']);
  });

  it('does not duplicate a message whose broadcast arrives before the ack', async () => {
    const store = useMessagesStore();
    const sending = store.send('general', 'hi');
    const clientId = store.roomState('general').pending[0]?.clientId ?? '';
    const stored = aMessage('42', { author: users.alice, content: 'hi', clientId });
    store.receive('general', [stored]);
    socket.lastOf('message:send').answer({ ok: true, message: stored });
    await sending;
    expect(store.roomState('general').messages.map((m) => m.id)).toEqual(['42']);
    expect(store.roomState('general').pending).toEqual([]);
  });

  it('marks a send failed when the ack reports an error, and retries with the same clientId', async () => {
    const store = useMessagesStore();
    const first = store.send('general', 'again');
    const clientId = store.roomState('general').pending[0]?.clientId ?? '';
    socket.lastOf('message:send').answer({
      ok: false,
      error: { code: 'rate_limited', message: 'Slow down' },
    });
    await first;
    expect(store.roomState('general').pending[0]).toMatchObject({
      status: 'failed',
      error: 'Slow down',
    });

    const retried = store.retry('general', clientId);
    expect(store.roomState('general').pending[0]?.status).toBe('sending');
    expect(socket.emittedOf('message:send')).toHaveLength(2);
    expect(socket.lastOf('message:send').payload.clientId).toBe(clientId);
    socket.lastOf('message:send').answer({
      ok: true,
      message: aMessage('43', { author: users.alice, content: 'again', clientId }),
    });
    await retried;
    expect(store.roomState('general').pending).toEqual([]);
    expect(store.roomState('general').messages.map((m) => m.content)).toEqual(['again']);
  });

  it('marks a send failed when no ack comes in time', async () => {
    const store = useMessagesStore();
    const sending = store.send('general', 'lost?');
    socket.lastOf('message:send').timeOut();
    await sending;
    expect(store.roomState('general').pending[0]?.status).toBe('failed');
  });

  it('loads older pages with before = the oldest id it has, keeping order', async () => {
    const older = Array.from({ length: 50 }, (_, i) => aMessage(String(i + 1)));
    const latest = Array.from({ length: 50 }, (_, i) => aMessage(String(i + 51)));
    const { requested, fetchImpl } = fakeFetch((url) =>
      url.searchParams.get('before') === '51' ? older.slice(10) : latest,
    );
    vi.stubGlobal('fetch', fetchImpl);
    const store = useMessagesStore();
    await store.loadLatest('general');
    expect(store.roomState('general').hasOlder).toBe(true);
    await store.loadOlder('general');
    await settle();
    expect(requested.map((u) => u.searchParams.get('before'))).toEqual([null, '51']);
    const state = store.roomState('general');
    expect(state.messages[0]?.id).toBe('11');
    expect(state.messages).toHaveLength(90);
    expect(state.hasOlder).toBe(false);
  });

  it('holds sends made while disconnected and sends them once the room is re-joined', async () => {
    const store = useMessagesStore();
    socket.drop();
    store.setJoined('general', false);
    await store.send('general', 'written offline');
    expect(store.roomState('general').pending[0]?.status).toBe('queued');
    expect(socket.emittedOf('message:send')).toHaveLength(0);

    socket.goOnline();
    store.setJoined('general', true);
    expect(socket.lastOf('message:send').payload.content).toBe('written offline');
    expect(store.roomState('general').pending[0]?.status).toBe('sending');
  });

  it('resends an unanswered message after re-joining, under the same clientId', async () => {
    const store = useMessagesStore();
    const sending = store.send('general', 'in flight when the line dropped');
    const first = socket.lastOf('message:send');
    first.timeOut();
    await sending;
    store.setJoined('general', false);
    store.setJoined('general', true);
    const second = socket.lastOf('message:send');
    expect(second).not.toBe(first);
    expect(second.payload.clientId).toBe(first.payload.clientId);
  });
});
