import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { FakeSocket } from '../test/fake-socket';
import { REFUSED_RETRY_DELAYS_MS, useConnectionStore } from './connection';

function setBrowserOnline(online: boolean): void {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

describe('connection store', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    socket = new FakeSocket();
    useConnectionStore().attach(socket.asChatSocket());
    socket.goOnline();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps trying, less and less often, after the server refused the handshake', () => {
    const store = useConnectionStore();
    socket.drop();
    const callsBefore = socket.connectCalls;
    socket.refuse('unavailable');
    expect(store.status).toBe('reconnecting');
    vi.advanceTimersByTime((REFUSED_RETRY_DELAYS_MS[0] ?? 0) - 1);
    expect(socket.connectCalls).toBe(callsBefore);
    vi.advanceTimersByTime(1);
    expect(socket.connectCalls).toBe(callsBefore + 1);

    socket.refuse('internal');
    vi.advanceTimersByTime(REFUSED_RETRY_DELAYS_MS[1] ?? 0);
    expect(socket.connectCalls).toBe(callsBefore + 2);

    socket.goOnline();
    expect(store.status).toBe('online');
  });

  it('leaves retrying to Socket.IO while it is still reconnecting by itself', () => {
    socket.drop();
    const callsBefore = socket.connectCalls;
    socket.fire('connect_error', new Error('xhr poll error'));
    vi.advanceTimersByTime(60_000);
    expect(socket.connectCalls).toBe(callsBefore);
  });

  it('reports a refused token as state and waits for a fresh one instead of retrying', () => {
    const store = useConnectionStore();
    const callsBefore = socket.connectCalls;
    socket.refuse('unauthorized');
    vi.advanceTimersByTime(60_000);
    expect(socket.connectCalls).toBe(callsBefore);
    expect(store.refusedToken).toBe(true);

    void store.useToken('fresh-token');
    expect(socket.connectCalls).toBe(callsBefore + 1);
    socket.goOnline();
    expect(store.refusedToken).toBe(false);
    expect(store.status).toBe('online');
  });

  it('moves a live socket onto a fresh token with auth:refresh', async () => {
    const store = useConnectionStore();
    const moved = store.useToken('fresh-token');
    expect(socket.lastOf('auth:refresh').payload).toEqual({ token: 'fresh-token' });
    socket.lastOf('auth:refresh').answer({ ok: true, expiresAt: '2026-01-01T00:15:00.000Z' });
    await moved;
    expect(store.status).toBe('online');
  });

  it('says offline at once when the browser goes offline, and reconnects when it is back', async () => {
    const store = useConnectionStore();
    setBrowserOnline(false);
    await nextTick();
    expect(store.status).toBe('offline');
    expect(socket.connected).toBe(false);

    const callsBefore = socket.connectCalls;
    setBrowserOnline(true);
    await nextTick();
    expect(store.status).toBe('connecting');
    expect(socket.connectCalls).toBe(callsBefore + 1);
  });

  it('stops retrying once signed out', () => {
    socket.refuse('unavailable');
    useConnectionStore().disconnect();
    const callsBefore = socket.connectCalls;
    vi.advanceTimersByTime(60_000);
    expect(socket.connectCalls).toBe(callsBefore);
    expect(useConnectionStore().status).toBe('idle');
  });
});
