import {
  compareMessageIds,
  type Membership,
  type MentionEvent,
  type Message,
  type ReadEvent,
  type Room,
  type RoomActivityEvent,
  type RoomAddedEvent,
  type RoomDeletedEvent,
  type RoomRemovedEvent,
  type RoomRoleEvent,
  type RoomTimeoutEvent,
} from '@chat/contract';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { api } from '../api/http';
import { request } from '../api/socket';
import { useSocketListeners } from '../composables/useSocketListeners';
import { useConnectionStore } from './connection';
import { roomKey } from './room-states';
import { useSessionStore } from './session';

/** The name a person sees for a room: a direct room is named by the other person. */
export function displayName(room: Room, viewerId: string | undefined): string {
  if (room.kind !== 'direct') return room.name;
  const other = room.members?.find((member) => member.id !== viewerId);
  return other?.username ?? room.name;
}

/** `general, unread, 2 mentions`: the contract's accessible name of a sidebar link. */
export function linkName(name: string, membership: Membership): string {
  let text = name;
  if (membership.unread) text += ', unread';
  const n = membership.mentionCount;
  if (n > 0) text += `, ${n} ${n === 1 ? 'mention' : 'mentions'}`;
  return text;
}

const later = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : compareMessageIds(a, b) >= 0 ? a : b;

/**
 * The viewer's rooms (`GET /api/me/rooms`), kept live by the socket: `room:added`,
 * `room:removed`, `room:deleted`, `room:activity`, `message:new` of joined rooms, `mention`,
 * `read` (which also carries a marker moved in another tab), `room:timeout` and `room:role`. Loaded at sign-in and after each
 * reconnect (events may have been missed meanwhile); never polled.
 */
export const useMembershipsStore = defineStore('memberships', () => {
  const session = useSessionStore();
  const connection = useConnectionStore();
  const list = ref<Membership[]>([]);
  const loaded = ref(false);
  /** Rooms the viewer was removed from (by key) while this tab was open. */
  const removed = ref<Set<string>>(new Set());
  let loading: Promise<void> | null = null;
  /** Asked for while a load was in flight: that load may predate what prompted it. */
  let stale = false;

  const byKey = (name: string) => list.value.find((m) => roomKey(m.room.name) === roomKey(name));
  const mentionTotal = computed(() => list.value.reduce((sum, m) => sum + m.mentionCount, 0));
  const rooms = computed(() => list.value.filter((m) => m.room.kind !== 'direct'));
  const direct = computed(() => list.value.filter((m) => m.room.kind === 'direct'));

  /**
   * Loads the list again. Asked while a load is in flight, it loads once more after it: the
   * answer in flight may have been read before the event that asked (a message in a direct room
   * just added, say), and that room would stay read.
   */
  function refresh(): Promise<void> {
    if (loading) {
      stale = true;
      return loading;
    }
    loading = api
      .myRooms()
      .then((memberships) => {
        list.value = memberships;
        loaded.value = true;
      })
      .catch(() => undefined)
      .finally(() => {
        loading = null;
        if (stale) {
          stale = false;
          void refresh();
        }
      });
    return loading;
  }

  function sortByActivity(): void {
    list.value = [...list.value].sort((a, b) => {
      if (a.lastMessageAt !== b.lastMessageAt) {
        if (a.lastMessageAt === null) return 1;
        if (b.lastMessageAt === null) return -1;
        return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
      }
      return a.room.name.toLowerCase() < b.room.name.toLowerCase() ? -1 : 1;
    });
  }

  function forget(name: string): void {
    list.value = list.value.filter((m) => roomKey(m.room.name) !== roomKey(name));
  }

  function noteActivity(name: string, lastMessageId: string, byOther: boolean): void {
    const membership = byKey(name);
    if (!membership) {
      void refresh();
      return;
    }
    membership.lastMessageId = later(membership.lastMessageId, lastMessageId);
    membership.lastMessageAt = new Date().toISOString();
    if (byOther && compareMessageIds(lastMessageId, membership.lastReadId) > 0) {
      membership.unread = true;
      membership.unreadCount = Math.max(1, membership.unreadCount);
    }
    sortByActivity();
  }

  /** Applies a marker (ours, or another tab's through `read`). */
  function applyRead(name: string, lastReadId: string): void {
    const membership = byKey(name);
    if (!membership || compareMessageIds(lastReadId, membership.lastReadId) <= 0) return;
    membership.lastReadId = lastReadId;
    if (
      membership.lastMessageId === null ||
      compareMessageIds(lastReadId, membership.lastMessageId) >= 0
    ) {
      membership.unread = false;
      membership.unreadCount = 0;
      membership.mentionCount = 0;
    } else {
      // Read part of the way: only the server knows what is left.
      void refresh();
    }
  }

  /** Moves the viewer's marker of a room forward to `id` (what they have seen). */
  function markRead(name: string, id: string): void {
    const membership = byKey(name);
    if (membership && compareMessageIds(id, membership.lastReadId) <= 0) return;
    applyRead(name, id);
    const socket = connection.socket;
    const done = socket?.connected
      ? request(socket, 'room:read', { room: name, lastReadId: id }).then((ack) => ack.ok)
      : Promise.resolve(false);
    void done.then((ok) => (ok ? undefined : api.markRead(name, id).catch(() => undefined)));
  }

  const onAdded = ({ room }: RoomAddedEvent) => {
    removed.value.delete(roomKey(room.name));
    if (byKey(room.name)) return;
    void refresh();
  };
  const onRemoved = ({ room }: RoomRemovedEvent) => {
    forget(room);
    removed.value = new Set([...removed.value, roomKey(room)]);
  };
  const onDeleted = ({ room }: RoomDeletedEvent) => forget(room);
  const onActivity = ({ room, lastMessageId }: RoomActivityEvent) =>
    noteActivity(room, lastMessageId, true);
  const onMessage = (message: Message) =>
    noteActivity(message.room, message.id, message.author.id !== session.user?.id);
  const onMention = ({ room, message }: MentionEvent) => {
    const membership = byKey(room);
    if (!membership) return void refresh();
    if (compareMessageIds(message.id, membership.lastReadId) > 0) membership.mentionCount += 1;
    noteActivity(room, message.id, true);
  };
  const onRead = ({ room, lastReadId }: ReadEvent) => applyRead(room, lastReadId);
  const onTimeout = ({ room, until }: RoomTimeoutEvent) => {
    const membership = byKey(room);
    if (membership) membership.timedOutUntil = until;
    else void refresh();
  };
  const onRole = ({ room, role }: RoomRoleEvent) => {
    const membership = byKey(room);
    if (membership) membership.role = role;
    else void refresh();
  };
  const onConnect = () => void refresh();

  useSocketListeners((on) => {
    on('connect', onConnect);
    on('room:added', onAdded);
    on('room:removed', onRemoved);
    on('room:deleted', onDeleted);
    on('room:activity', onActivity);
    on('message:new', onMessage);
    on('mention', onMention);
    on('read', onRead);
    on('room:timeout', onTimeout);
    on('room:role', onRole);
  });
  // No socket is no session: nothing is known. A new session's socket: its rooms are loaded.
  watch(
    () => connection.socket,
    (socket) => {
      if (!socket) {
        list.value = [];
        loaded.value = false;
        removed.value = new Set();
      } else if (session.isSignedIn) {
        void refresh();
      }
    },
    { immediate: true },
  );

  return {
    list,
    rooms,
    direct,
    loaded,
    removed,
    mentionTotal,
    byKey,
    refresh,
    forget,
    markRead,
  };
});
