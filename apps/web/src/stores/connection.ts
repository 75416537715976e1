import { UNAUTHORIZED_HANDSHAKE } from '@chat/contract';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { createChatSocket, type ChatSocket } from '../api/socket';
import { useAuthStore } from './auth';

export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

/** Waits before trying again after the server refused a handshake; the last one repeats. */
export const REFUSED_RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000];

/** Owns the session's one socket and says whether it is live. */
export const useConnectionStore = defineStore('connection', () => {
  const socket = shallowRef<ChatSocket | null>(null);
  const status = ref<ConnectionStatus>('offline');
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;

  // A server that is shutting down (or failing) refuses handshakes with `unavailable` or
  // `internal`; after such a refusal Socket.IO stops reconnecting (`active` is false), so the
  // store tries again itself, less and less often.
  function retryLater(target: ChatSocket): void {
    clearTimeout(retryTimer);
    const delay = REFUSED_RETRY_DELAYS_MS[Math.min(refusals, REFUSED_RETRY_DELAYS_MS.length - 1)];
    refusals += 1;
    retryTimer = setTimeout(() => {
      if (socket.value === target && !target.connected) target.connect();
    }, delay);
  }

  function listen(target: ChatSocket): void {
    target.on('connect', () => {
      refusals = 0;
      status.value = 'online';
    });
    target.on('disconnect', (reason) => {
      // The client itself closed it (logout): nothing to reconnect.
      status.value = reason === 'io client disconnect' ? 'offline' : 'reconnecting';
      // Socket.IO does not reconnect after the server closed the socket, which it does when the
      // token is revoked: try once, so a revoked token shows up as connect_error "unauthorized".
      if (reason === 'io server disconnect') target.connect();
    });
    target.on('connect_error', (error) => {
      if (error.message === UNAUTHORIZED_HANDSHAKE) {
        useAuthStore().expireSession('Your session has ended. Please log in again.');
        return;
      }
      status.value = 'reconnecting';
      if (!target.active) retryLater(target);
    });
  }

  /** Uses the given socket (a fake one in tests) as the session's socket and connects it. */
  function attach(target: ChatSocket): void {
    disconnect();
    listen(target);
    socket.value = target;
    status.value = 'connecting';
    target.connect();
  }

  function connect(token: string): void {
    attach(createChatSocket(token));
  }

  function disconnect(): void {
    clearTimeout(retryTimer);
    refusals = 0;
    const current = socket.value;
    socket.value = null;
    status.value = 'offline';
    if (!current) return;
    current.removeAllListeners();
    current.disconnect();
  }

  return { socket, status, attach, connect, disconnect };
});
