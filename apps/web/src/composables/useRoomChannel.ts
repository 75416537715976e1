import type { Message, Presence, RoomDeletedEvent, TypingEvent } from '@chat/contract';
import { useThrottleFn } from '@vueuse/core';
import { onScopeDispose } from 'vue';
import { asSentence, errorText } from '../api/errors';
import { isNoAnswer, request, type ChatSocket } from '../api/socket';
import { useConnectionStore } from '../stores/connection';
import { useOutboxStore } from '../stores/outbox';
import { roomKey, useRoomStatesStore } from '../stores/room-states';
import { useRoomsStore } from '../stores/rooms';
import { useSocketListeners } from './useSocketListeners';

/** How long "X is typing…" stays after that user's last typing event. */
export const TYPING_SHOWN_MS = 4000;
/** The server relays one typing event per user and room every 2 s; more would be refused. */
export const TYPING_THROTTLE_MS = 2000;
/** A join that got no answer, or was rate limited, is tried again after this long. */
export const JOIN_RETRY_MS = 3000;

/**
 * Wires the socket to one room's state while the caller lives: joins when connected, re-joins
 * after every reconnect with `since` = the room's cursor (the largest seq seen) so what was
 * missed and what changed are merged in, feeds `message:updated` (edits, reactions, tombstones)
 * in, and
 * feeds the room's live messages, presence, typing and deletion into the room-states store.
 * The room is fixed for the caller's life (the room page is keyed by it).
 */
export function useRoomChannel(room: string) {
  const connection = useConnectionStore();
  const states = useRoomStatesStore();
  const outbox = useOutboxStore();
  const roomsList = useRoomsStore();
  const state = states.get(room);
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let joinRetry: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const isThisRoom = (name: string) => roomKey(name) === roomKey(room);

  async function join(socket: ChatSocket): Promise<void> {
    clearTimeout(joinRetry);
    states.setStatus(room, 'joining');
    if (!state.history.loaded && !(await states.loadLatest(room))) return;
    const since = state.history.loaded ? (states.cursor(room) ?? '0') : undefined;
    const ack = await request(
      socket,
      'room:join',
      since === undefined ? { room } : { room, since },
    );
    if (disposed) {
      if (ack.ok && socket.connected) void request(socket, 'room:leave', { room });
      return;
    }
    if (!socket.connected) return;
    if (!ack.ok) {
      if (isNoAnswer(ack) || ack.error.code === 'rate_limited') {
        states.setStatus(room, 'waiting');
        joinRetry = setTimeout(() => socket.connected && void join(socket), JOIN_RETRY_MS);
      } else if (ack.error.code === 'not_found') {
        states.setStatus(room, 'not_found');
      } else {
        states.setStatus(
          room,
          'failed',
          `Could not join the room. ${asSentence(ack.error.message)}`,
        );
      }
      return;
    }
    states.joined(room, ack);
    roomsList.setOnlineCount(room, ack.presence.count);
    try {
      await states.catchUp(room, ack, since);
    } catch (error) {
      state.problem = `Some missed messages could not be loaded. ${errorText(error, '')}`;
    }
    outbox.flush(room);
  }

  function stopTyping(userId: string): void {
    clearTimeout(typingTimers.get(userId));
    typingTimers.delete(userId);
    states.stoppedTyping(room, userId);
  }

  const onMessage = (message: Message) => {
    if (!isThisRoom(message.room)) return;
    states.receive(message.room, [message]);
    stopTyping(message.author.id);
  };
  const onUpdated = (message: Message) => {
    if (isThisRoom(message.room)) states.applyChanges(message.room, [message]);
  };
  const onPresence = (presence: Presence) => {
    if (!isThisRoom(presence.room)) return;
    states.setPresence(presence);
    roomsList.setOnlineCount(presence.room, presence.count);
  };
  const onTyping = (event: TypingEvent) => {
    if (!isThisRoom(event.room)) return;
    clearTimeout(typingTimers.get(event.user.id));
    states.sawTyping(room, event.user);
    typingTimers.set(
      event.user.id,
      setTimeout(() => stopTyping(event.user.id), TYPING_SHOWN_MS),
    );
  };
  const onDeleted = (event: RoomDeletedEvent) => {
    if (isThisRoom(event.room)) states.setStatus(room, 'deleted');
  };
  const onDisconnect = () => {
    clearTimeout(joinRetry);
    if (state.status === 'joined' || state.status === 'joining') states.setStatus(room, 'waiting');
  };

  const stopListening = useSocketListeners((on, socket) => {
    on('connect', () => void join(socket));
    on('disconnect', onDisconnect);
    on('message:new', onMessage);
    on('message:updated', onUpdated);
    on('presence', onPresence);
    on('typing', onTyping);
    on('room:deleted', onDeleted);
    if (socket.connected) void join(socket);
    else states.setStatus(room, 'waiting');
  });

  /** Tells the others this user is typing; at most once every 2 s for this room. */
  const notifyTyping = useThrottleFn(
    () => {
      const socket = connection.socket;
      if (socket?.connected && state.status === 'joined') void request(socket, 'typing', { room });
    },
    TYPING_THROTTLE_MS,
    false,
    true,
  );

  onScopeDispose(() => {
    disposed = true;
    stopListening();
    clearTimeout(joinRetry);
    for (const userId of [...typingTimers.keys()]) stopTyping(userId);
    const socket = connection.socket;
    const wasIn = state.status === 'joined';
    if (state.status !== 'not_found' && state.status !== 'deleted') states.setStatus(room, 'idle');
    if (wasIn && socket?.connected) void request(socket, 'room:leave', { room });
    // Its waiting sends now go over REST, which needs no join.
    outbox.flush(room);
  });

  return { state, notifyTyping };
}
