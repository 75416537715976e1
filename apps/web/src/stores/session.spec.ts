import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/http';
import { aResponse, aUser, fakeFetch, FakeSocket, settle, users } from '../test/fake-socket';
import { useConnectionStore } from './connection';
import {
  MIN_REFRESH_DELAY_MS,
  REFRESH_AHEAD_MS,
  refreshDelay,
  SESSION_ENDED,
  SIGNED_IN_HINT,
  useSessionStore,
} from './session';

const MINUTE = 60_000;

/** A refresh (or login) answer whose token lives `lifetime` ms by the server's clock. */
function granted(token: string, lifetime = 15 * MINUTE, serverNow = Date.now()) {
  return new Response(
    JSON.stringify({
      accessToken: token,
      user: aUser(),
      expiresAt: new Date(serverNow + lifetime).toISOString(),
    }),
    {
      status: 200,
      headers: { 'Content-Type': 'application/json', Date: new Date(serverNow).toUTCString() },
    },
  );
}

describe('session store', () => {
  let socket: FakeSocket;
  let refreshes: number;
  let answerRefresh: () => Response;
  let calls: { method: string; url: URL }[];

  beforeEach(() => {
    setActivePinia(createPinia());
    socket = new FakeSocket();
    // The session's connect() builds a real socket; hand it the fake one instead.
    const connection = useConnectionStore();
    vi.spyOn(connection, 'connect').mockImplementation(() =>
      connection.attach(socket.asChatSocket()),
    );
    refreshes = 0;
    answerRefresh = () => granted(`token-${refreshes}`);
    const stub = fakeFetch((url) => {
      if (url.pathname === '/api/auth/refresh') {
        refreshes += 1;
        return answerRefresh();
      }
      if (url.pathname === '/api/auth/me') return aUser();
      return [];
    });
    calls = stub.calls;
    vi.stubGlobal('fetch', stub.fetchImpl);
    // Most tests start as a browser that was signed in before.
    localStorage.setItem(SIGNED_IN_HINT, '1');
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('restores the session on load through the refresh cookie, keeping no token in storage', async () => {
    const session = useSessionStore();
    await session.restore();
    expect(session.status).toBe('signed-in');
    expect(session.user?.username).toBe(users.alice.username);
    expect(useConnectionStore().socket).not.toBeNull();
    expect(JSON.stringify({ ...localStorage })).not.toContain('token-1');
    // The HTTP client carries the in-memory token.
    await api.me();
    const me = calls.find((c) => c.url.pathname === '/api/auth/me');
    expect(me).toBeDefined();
  });

  it('asks nothing on load of a browser that never signed in', async () => {
    localStorage.removeItem(SIGNED_IN_HINT);
    const session = useSessionStore();
    await session.restore();
    expect(session.status).toBe('signed-out');
    expect(refreshes).toBe(0);
  });

  it('is signed out, without a notice, when there is no refresh cookie', async () => {
    answerRefresh = () =>
      aResponse(401, { statusCode: 401, error: 'Unauthorized', message: 'no session' });
    const session = useSessionStore();
    await session.restore();
    expect(session.status).toBe('signed-out');
    expect(session.notice).toBeNull();
    expect(useConnectionStore().socket).toBeNull();
    expect(localStorage.getItem(SIGNED_IN_HINT)).toBeNull();
  });

  it('renews the token a minute before it expires and moves the socket onto it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // A whole second: the Date header the lifetime is measured against has no milliseconds.
    vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
    const session = useSessionStore();
    const restoring = session.restore();
    await vi.advanceTimersByTimeAsync(0);
    await restoring;
    socket.goOnline();
    expect(refreshes).toBe(1);

    await vi.advanceTimersByTimeAsync(15 * MINUTE - REFRESH_AHEAD_MS - 1);
    expect(refreshes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(refreshes).toBe(2);
    expect(socket.lastOf('auth:refresh').payload).toEqual({ token: 'token-2' });
  });

  it('measures the lifetime on the server clock: a client clock hours off causes no refresh storm', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    answerRefresh = () => granted(`token-${refreshes}`, 15 * MINUTE, Date.now() - 5 * 60 * MINUTE);
    const session = useSessionStore();
    const restoring = session.restore();
    await vi.advanceTimersByTimeAsync(0);
    await restoring;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(refreshes).toBe(1);
  });

  it('never schedules sooner than the minimum, however short the token', () => {
    expect(refreshDelay(0)).toBe(MIN_REFRESH_DELAY_MS);
    expect(refreshDelay(-MINUTE)).toBe(MIN_REFRESH_DELAY_MS);
    expect(refreshDelay(60_000)).toBe(30_000);
    expect(refreshDelay(15 * MINUTE)).toBe(14 * MINUTE);
  });

  it('retries a request once with a fresh token when its token expired under it', async () => {
    const session = useSessionStore();
    await session.restore();
    let meCalls = 0;
    vi.stubGlobal(
      'fetch',
      fakeFetch((url) => {
        if (url.pathname === '/api/auth/refresh') {
          refreshes += 1;
          return granted(`token-${refreshes}`);
        }
        meCalls += 1;
        return meCalls === 1 ? aResponse(401, { message: 'expired' }) : aUser();
      }).fetchImpl,
    );
    await expect(api.me()).resolves.toMatchObject({ username: users.alice.username });
    expect(refreshes).toBe(2);
    expect(session.status).toBe('signed-in');
  });

  it('renews the token when the socket handshake is refused, and logs out when renewal is refused', async () => {
    const session = useSessionStore();
    await session.restore();
    socket.goOnline();
    socket.drop();
    answerRefresh = () => aResponse(401, { statusCode: 401, message: 'session revoked' });
    // Refused long after the grant: the session asks for a fresh token first.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
    socket.refuse('unauthorized');
    await settle();
    expect(refreshes).toBe(2);
    expect(session.status).toBe('signed-out');
    expect(session.notice).toBe(SESSION_ENDED);
    expect(useConnectionStore().socket).toBeNull();
  });

  it('reconnects with the fresh token when the refused handshake only had an expired one', async () => {
    const session = useSessionStore();
    await session.restore();
    socket.goOnline();
    socket.drop();
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
    const callsBefore = socket.connectCalls;
    socket.refuse('unauthorized');
    await settle();
    expect(refreshes).toBe(2);
    expect(socket.connectCalls).toBe(callsBefore + 1);
    expect(session.status).toBe('signed-in');
  });
});
