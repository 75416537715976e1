import { UNAUTHORIZED_HANDSHAKE } from '@chat/contract';
import { useOnline } from '@vueuse/core';
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { createChatSocket, isNoAnswer, request, type ChatSocket } from '../api/socket';

/**
 * idle: no session, no socket. offline: the browser says there is no network. connecting: the
 * first handshake. reconnecting: the connection was lost (or refused) and is being tried again.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

/** Waits before trying again after the server refused a handshake; the last one repeats. */
export const REFUSED_RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000];

/**
 * Owns the session's one socket and says whether it is live. It knows nothing of the session:
 * the session gives it tokens, and reads `refusedToken` to learn that a handshake was refused as
 * unauthorized (state flows one way; no store calls back into the session).
 */
export const useConnectionStore = defineStore('connection', () => {
  const socket = shallowRef<ChatSocket | null>(null);
  const status = ref<ConnectionStatus>('idle');
  /** The server refused the handshake's token; cleared by the next successful connect. */
  const refusedToken = ref(false);
  const browserOnline = useOnline();
  let token = '';
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;

  function connectNow(target: ChatSocket): void {
    if (!browserOnline.value) {
      status.value = 'offline';
      return;
    }
    target.connect();
  }

  // A server that is shutting down (or failing, or over its socket limits) refuses handshakes;
  // after a refusal Socket.IO stops reconnecting (`active` is false), so the store tries again
  // itself, less and less often.
  function retryLater(target: ChatSocket): void {
    clearTimeout(retryTimer);
    const delay = REFUSED_RETRY_DELAYS_MS[Math.min(refusals, REFUSED_RETRY_DELAYS_MS.length - 1)];
    refusals += 1;
    retryTimer = setTimeout(() => {
      if (socket.value === target && !target.connected) connectNow(target);
    }, delay);
  }

  function listen(target: ChatSocket): void {
    target.on('connect', () => {
      refusals = 0;
      refusedToken.value = false;
      status.value = 'online';
    });
    target.on('disconnect', (reason) => {
      if (socket.value !== target) return;
      if (!browserOnline.value) {
        status.value = 'offline';
        return;
      }
      // The client itself closed it (logout): nothing to reconnect.
      if (reason === 'io client disconnect') return;
      status.value = 'reconnecting';
      // Socket.IO does not reconnect after the server closed the socket, which it does when the
      // token expires or is revoked: try again, with the freshest token the session has given.
      if (reason === 'io server disconnect') connectNow(target);
    });
    target.on('connect_error', (error) => {
      status.value = browserOnline.value ? 'reconnecting' : 'offline';
      if (error.message === UNAUTHORIZED_HANDSHAKE) {
        refusedToken.value = true;
        return;
      }
      if (!target.active) retryLater(target);
    });
  }

  // The browser's own word is faster than any heartbeat: offline closes the socket at once (its
  // sends would only be buffered), online opens it again.
  watch(browserOnline, (online) => {
    const current = socket.value;
    if (!current) return;
    if (online) {
      status.value = 'connecting';
      current.connect();
    } else {
      status.value = 'offline';
      current.disconnect();
    }
  });

  /** Uses the given socket (a fake one in tests) as the session's socket and connects it. */
  function attach(target: ChatSocket): void {
    disconnect();
    listen(target);
    socket.value = target;
    status.value = 'connecting';
    connectNow(target);
  }

  function connect(accessToken: string): void {
    token = accessToken;
    attach(createChatSocket(() => token));
  }

  /**
   * Gives the socket a fresh token: the next handshake presents it, and a live socket is moved
   * onto it with `auth:refresh` so the server does not cut it off when the old one expires.
   */
  async function useToken(accessToken: string): Promise<void> {
    token = accessToken;
    const current = socket.value;
    if (!current) return;
    if (!current.connected) {
      if (refusedToken.value) reconnect();
      return;
    }
    const ack = await request(current, 'auth:refresh', { token: accessToken });
    if (ack.ok || socket.value !== current) return;
    if (ack.error.code === 'unauthorized') {
      refusedToken.value = true;
    } else if (!isNoAnswer(ack)) {
      // A server without `auth:refresh`: a new handshake carries the new token instead.
      current.disconnect();
      reconnect();
    }
  }

  /** Tries the handshake again now (after the session found a fresh token). */
  function reconnect(): void {
    const current = socket.value;
    if (!current || current.connected) return;
    refusedToken.value = false;
    status.value = 'reconnecting';
    connectNow(current);
  }

  function disconnect(): void {
    clearTimeout(retryTimer);
    refusals = 0;
    refusedToken.value = false;
    const current = socket.value;
    socket.value = null;
    status.value = 'idle';
    if (!current) return;
    current.removeAllListeners();
    current.disconnect();
  }

  return {
    socket,
    status,
    refusedToken,
    browserOnline,
    attach,
    connect,
    useToken,
    reconnect,
    disconnect,
  };
});
