import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket, users } from '../test/fake-socket';
import { useAuthStore } from './auth';
import { REFUSED_RETRY_DELAYS_MS, useConnectionStore } from './connection';

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

  it('ends the session instead of retrying when the token is refused', () => {
    const auth = useAuthStore();
    auth.$patch({
      token: 'token',
      user: { ...users.alice, createdAt: '2026-01-01T00:00:00.000Z' },
    });
    const callsBefore = socket.connectCalls;
    socket.refuse('unauthorized');
    vi.advanceTimersByTime(60_000);
    expect(socket.connectCalls).toBe(callsBefore);
    expect(auth.notice).toBe('Your session has ended. Please log in again.');
    expect(useConnectionStore().status).toBe('offline');
  });

  it('stops retrying once signed out', () => {
    socket.refuse('unavailable');
    useConnectionStore().disconnect();
    const callsBefore = socket.connectCalls;
    vi.advanceTimersByTime(60_000);
    expect(socket.connectCalls).toBe(callsBefore);
  });
});
