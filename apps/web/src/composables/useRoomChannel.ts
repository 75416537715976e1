import type { Message, Presence, Room, RoomDeletedEvent, TypingEvent } from '@chat/contract';
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { joinRoom, leaveRoom, sendTyping, type ChatSocket } from '../api/socket';
import { useConnectionStore } from '../stores/connection';
import { useMessagesStore } from '../stores/messages';
import { useRoomsStore } from '../stores/rooms';
import { useTypingUsers } from './useTypingUsers';

const TYPING_THROTTLE_MS = 2500;

function sameRoom(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Keeps the socket joined to one room while the caller lives: joins when connected, re-joins
 * after every reconnect with `since` = the last id seen so missed messages are merged in, and
 * follows the room's live messages, presence, typing and deletion.
 */
export function useRoomChannel(room: Ref<string>) {
  const connection = useConnectionStore();
  const messages = useMessagesStore();
  const roomsStore = useRoomsStore();
  /** The room as the last join reported it (owner included). */
  const details = ref<Room | null>(null);
  const presence = ref<Presence | null>(null);
  const joined = ref(false);
  const joinError = ref<string | null>(null);
  const notFound = ref(false);
  const deleted = ref(false);
  const { typingNames, sawTyping, forget, clearAll } = useTypingUsers();
  let lastTypingSent = 0;

  async function join(socket: ChatSocket): Promise<void> {
    const name = room.value;
    const state = messages.roomState(name);
    if (!state.loaded && !state.loading) await messages.loadLatest(name);
    const since = state.loaded ? (messages.lastSeenId(name) ?? '0') : undefined;
    const ack = await joinRoom(
      socket,
      since === undefined ? { room: name } : { room: name, since },
    );
    if (!sameRoom(name, room.value)) return;
    if (!ack.ok) {
      notFound.value = ack.error.code === 'not_found';
      joinError.value = ack.error.message;
      return;
    }
    joinError.value = null;
    details.value = ack.room;
    presence.value = ack.presence;
    roomsStore.setOnlineCount(name, ack.presence.count);
    joined.value = true;
    await messages.catchUp(name, ack.missed, ack.missedMore);
    messages.setJoined(name, true);
  }

  const onConnect = (socket: ChatSocket) => () => void join(socket);
  const onDisconnect = () => {
    joined.value = false;
    messages.setJoined(room.value, false);
  };
  const onMessage = (message: Message) => {
    if (!sameRoom(message.room, room.value)) return;
    messages.receive(message.room, [message]);
    forget(message.author.id);
  };
  const onPresence = (update: Presence) => {
    if (!sameRoom(update.room, room.value)) return;
    presence.value = update;
    roomsStore.setOnlineCount(update.room, update.count);
  };
  const onTyping = (event: TypingEvent) => {
    if (sameRoom(event.room, room.value)) sawTyping(event.user);
  };
  const onDeleted = (event: RoomDeletedEvent) => {
    if (sameRoom(event.room, room.value)) deleted.value = true;
  };

  function bind(socket: ChatSocket): () => void {
    const connectHandler = onConnect(socket);
    socket.on('connect', connectHandler);
    socket.on('disconnect', onDisconnect);
    socket.on('message:new', onMessage);
    socket.on('presence', onPresence);
    socket.on('typing', onTyping);
    socket.on('room:deleted', onDeleted);
    if (socket.connected) void join(socket);
    return () => {
      socket.off('connect', connectHandler);
      socket.off('disconnect', onDisconnect);
      socket.off('message:new', onMessage);
      socket.off('presence', onPresence);
      socket.off('typing', onTyping);
      socket.off('room:deleted', onDeleted);
    };
  }

  function leave(socket: ChatSocket | null, name: string): void {
    if (socket?.connected) void leaveRoom(socket, { room: name });
    joined.value = false;
    messages.setJoined(name, false);
    presence.value = null;
    clearAll();
  }

  let unbind: (() => void) | null = null;
  const stopWatching = watch(
    [() => connection.socket, room],
    ([socket], previous) => {
      unbind?.();
      unbind = null;
      const [previousSocket, previousRoom] = previous ?? [null, ''];
      if (previousRoom && previousSocket === socket) leave(socket, previousRoom);
      notFound.value = false;
      deleted.value = false;
      details.value = null;
      if (socket) unbind = bind(socket);
    },
    { immediate: true },
  );

  /** Tells the others this user is typing; at most once every few seconds. */
  function notifyTyping(): void {
    const socket = connection.socket;
    const now = Date.now();
    if (!socket?.connected || !joined.value || now - lastTypingSent < TYPING_THROTTLE_MS) return;
    lastTypingSent = now;
    void sendTyping(socket, { room: room.value });
  }

  onScopeDispose(() => {
    stopWatching();
    unbind?.();
    leave(connection.socket, room.value);
  });

  return { details, presence, joined, joinError, notFound, deleted, typingNames, notifyTyping };
}
