import type { Credentials, User } from '@chat/contract';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import {
  api,
  ApiRequestError,
  onUnauthorized,
  setAccessToken,
  type SessionGrant,
} from '../api/http';
import { useConnectionStore } from './connection';

export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';

export const SESSION_ENDED = 'Your session has ended. Please log in again.';
/** A token is renewed this long before it expires (a background tab's timers run late). */
export const REFRESH_AHEAD_MS = 60_000;
/** Never sooner than this, whatever the server says: no refresh storm from a skewed clock. */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** After a refresh that failed for want of a server, the next try. */
export const REFRESH_RETRY_MS = 15_000;
/** A handshake refused this soon after a refresh means the fresh token is refused too. */
const REFUSED_AGAIN_WINDOW_MS = 10_000;

/**
 * Set while this browser holds a session, so a page load asks for a refresh only when a refresh
 * cookie may exist (a visitor who never signed in causes no 401). It is no credential: the
 * cookie itself is HttpOnly and out of every script's reach.
 */
export const SIGNED_IN_HINT = 'minicord.signed-in';

function hint(present: boolean): void {
  try {
    if (present) localStorage.setItem(SIGNED_IN_HINT, '1');
    else localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // Storage refused: the next load simply asks the server.
  }
}

function hinted(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) !== null;
  } catch {
    return true;
  }
}

/** When to renew a token that lives `lifetimeMs`: a minute ahead, or halfway for short ones. */
export function refreshDelay(lifetimeMs: number): number {
  const ahead = lifetimeMs > 2 * REFRESH_AHEAD_MS ? lifetimeMs - REFRESH_AHEAD_MS : lifetimeMs / 2;
  return Math.max(MIN_REFRESH_DELAY_MS, ahead);
}

/** Refreshes of all tabs in turn: the refresh cookie may be single-use. */
function oneTabAtATime<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('minicord.session.refresh', task) : task();
}

/**
 * The session owner. The access token lives in memory only; the HttpOnly refresh cookie restores
 * it on load and renews it before it expires. State flows one way: this store hands each token
 * to the HTTP client and to the connection store, and reads back only their refusals.
 */
export const useSessionStore = defineStore('session', () => {
  const connection = useConnectionStore();
  const status = ref<SessionStatus>('restoring');
  const user = ref<User | null>(null);
  const notice = ref<string | null>(null);
  const isSignedIn = computed(() => status.value === 'signed-in' && user.value !== null);
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<boolean> | null = null;
  let lastGrantAt = 0;
  let resolveReady: () => void = () => undefined;
  /** Settles once the session restored on load is known (signed in or not). */
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  function schedule(delayMs: number): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refresh(), delayMs);
  }

  function establish({ session, lifetimeMs }: SessionGrant): void {
    setAccessToken(session.accessToken);
    hint(true);
    lastGrantAt = Date.now();
    const sameUser = user.value?.id === session.user.id;
    user.value = session.user;
    status.value = 'signed-in';
    notice.value = null;
    if (sameUser && connection.socket) void connection.useToken(session.accessToken);
    else connection.connect(session.accessToken);
    schedule(refreshDelay(lifetimeMs));
  }

  function clear(): void {
    clearTimeout(refreshTimer);
    setAccessToken(null);
    hint(false);
    user.value = null;
    status.value = 'signed-out';
    connection.disconnect();
  }

  /** Ends a session the server no longer accepts, telling the user why. */
  function expire(message = SESSION_ENDED): void {
    if (status.value !== 'signed-in') return;
    clear();
    notice.value = message;
  }

  /** Swaps the refresh cookie for a fresh access token; one at a time. True when it worked. */
  function refresh(): Promise<boolean> {
    refreshing ??= oneTabAtATime(() => api.refresh())
      .then((grant) => {
        establish(grant);
        return true;
      })
      .catch((failure: unknown) => {
        const refused = failure instanceof ApiRequestError && failure.code === 'unauthorized';
        if (refused && status.value === 'signed-in') expire();
        else if (refused) {
          hint(false);
          status.value = 'signed-out';
        }
        // The server is away: the token (or the cookie, on load) may still be good; try again.
        else if (status.value === 'signed-in' || hinted()) schedule(REFRESH_RETRY_MS);
        return false;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  /** On load: a refresh cookie from an earlier visit signs the user in again. */
  async function restore(): Promise<void> {
    status.value = 'restoring';
    if (hinted()) await refresh();
    if (status.value === 'restoring') status.value = 'signed-out';
    resolveReady();
  }

  async function signup(credentials: Credentials): Promise<void> {
    establish(await api.signup(credentials));
  }

  async function login(credentials: Credentials): Promise<void> {
    establish(await api.login(credentials));
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } catch {
      // Signing out locally still matters when the server cannot be told.
    }
    clear();
  }

  // A REST call answered 401: the token expired under it (a sleeping laptop's timers are late).
  onUnauthorized(() => refresh());

  // The socket's handshake was refused: renew the token and try again, or end the session when
  // a token this fresh is refused as well.
  watch(
    () => connection.refusedToken,
    async (refused) => {
      if (!refused || status.value !== 'signed-in') return;
      if (Date.now() - lastGrantAt < REFUSED_AGAIN_WINDOW_MS) expire();
      // A fresh token reaches the socket through establish(), which reconnects it.
      else await refresh();
    },
  );

  return {
    status,
    user,
    notice,
    isSignedIn,
    ready,
    restore,
    refresh,
    signup,
    login,
    logout,
    expire,
  };
});
