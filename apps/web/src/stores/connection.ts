import { UNAUTHORIZED_HANDSHAKE } from '@chat/contract';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { createChatSocket, type ChatSocket } from '../api/socket';
import { useAuthStore } from './auth';

export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

/** Owns the session's one socket and says whether it is live. */
export const useConnectionStore = defineStore('connection', () => {
  const socket = shallowRef<ChatSocket | null>(null);
  const status = ref<ConnectionStatus>('offline');

  function listen(target: ChatSocket): void {
    target.on('connect', () => {
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
    const current = socket.value;
    socket.value = null;
    status.value = 'offline';
    if (!current) return;
    current.removeAllListeners();
    current.disconnect();
  }

  return { socket, status, attach, connect, disconnect };
});
