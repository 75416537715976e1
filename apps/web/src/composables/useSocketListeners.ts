import { onScopeDispose, watch } from 'vue';
import type { ChatSocket } from '../api/socket';
import { useConnectionStore } from '../stores/connection';

/** `socket.on`, with the same types; what it binds is unbound together later. */
export type Listen = ChatSocket['on'];

/**
 * Runs `setup` on the session's socket, and again on each socket that replaces it (a new
 * session), while the caller's scope (component, composable or store) lives. Every listener
 * `setup` binds through `on` comes off the old socket when it is replaced or gone and when the
 * scope ends, so a caller never writes the `off` twin of an `on`.
 */
export function useSocketListeners(setup: (on: Listen, socket: ChatSocket) => void): () => void {
  const connection = useConnectionStore();
  let unbind: (() => void) | null = null;
  const stopWatching = watch(
    () => connection.socket,
    (socket) => {
      unbind?.();
      unbind = socket ? bindAll(socket, setup) : null;
    },
    { immediate: true },
  );
  function stop(): void {
    stopWatching();
    unbind?.();
    unbind = null;
  }
  onScopeDispose(stop);
  return stop;
}

function bindAll(socket: ChatSocket, setup: (on: Listen, socket: ChatSocket) => void) {
  const offs: (() => void)[] = [];
  // Callers see `on` as generic (each event with its own listener type); inside, the pair is
  // only passed on as given, so the widened parameters need no type of their own.
  const on: Listen = (...args: Parameters<Listen>) => {
    offs.push(() => socket.off(...args));
    return socket.on(...args);
  };
  setup(on, socket);
  return () => {
    for (const off of offs.splice(0)) off();
  };
}
