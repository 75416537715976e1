import { MESSAGES_PAGE_DEFAULT, MESSAGES_PAGE_MAX, type Message } from '@chat/contract';
import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { api } from '../api/http';
import { sendMessage } from '../api/socket';
import { mergeMessages, withoutConfirmed, type PendingMessage } from '../lib/messages';
import { useConnectionStore } from './connection';

export interface RoomMessages {
  messages: Message[];
  pending: PendingMessage[];
  loaded: boolean;
  loading: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  error: string | null;
  /** The socket is in the room now, so sends can go out. */
  joined: boolean;
}

function emptyRoom(): RoomMessages {
  return {
    messages: [],
    pending: [],
    loaded: false,
    loading: false,
    hasOlder: false,
    loadingOlder: false,
    error: null,
    joined: false,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}

/** Every room's history, live messages and not-yet-acknowledged sends; keyed by room name. */
export const useMessagesStore = defineStore('messages', () => {
  const rooms = reactive(new Map<string, RoomMessages>());

  function roomState(room: string): RoomMessages {
    const key = room.toLowerCase();
    const known = rooms.get(key);
    if (known) return known;
    const created = reactive(emptyRoom());
    rooms.set(key, created);
    return created;
  }

  function receive(room: string, incoming: readonly Message[]): void {
    if (incoming.length === 0) return;
    const state = roomState(room);
    state.messages = mergeMessages(state.messages, incoming);
    state.pending = withoutConfirmed(state.pending, incoming);
  }

  function lastSeenId(room: string): string | undefined {
    return roomState(room).messages.at(-1)?.id;
  }

  async function loadLatest(room: string): Promise<void> {
    const state = roomState(room);
    state.loading = true;
    try {
      const page = await api.listMessages(room, { limit: MESSAGES_PAGE_DEFAULT });
      receive(room, page);
      state.hasOlder = page.length === MESSAGES_PAGE_DEFAULT;
      state.loaded = true;
      state.error = null;
    } catch (error) {
      state.error = describe(error);
    } finally {
      state.loading = false;
    }
  }

  async function loadOlder(room: string): Promise<void> {
    const state = roomState(room);
    const oldest = state.messages[0];
    if (!oldest || !state.hasOlder || state.loadingOlder) return;
    state.loadingOlder = true;
    try {
      const page = await api.listMessages(room, {
        before: oldest.id,
        limit: MESSAGES_PAGE_DEFAULT,
      });
      receive(room, page);
      state.hasOlder = page.length === MESSAGES_PAGE_DEFAULT;
    } catch (error) {
      state.error = describe(error);
    } finally {
      state.loadingOlder = false;
    }
  }

  /** Merges what a re-join reported as missed, then pages on over REST while more was missed. */
  async function catchUp(
    room: string,
    missed: readonly Message[],
    missedMore: boolean,
  ): Promise<void> {
    receive(room, missed);
    let more = missedMore;
    while (more) {
      const after = lastSeenId(room) ?? '0';
      const page = await api.listMessages(room, { after, limit: MESSAGES_PAGE_MAX });
      receive(room, page);
      more = page.length === MESSAGES_PAGE_MAX;
    }
  }

  async function deliver(room: string, item: PendingMessage): Promise<void> {
    const socket = useConnectionStore().socket;
    if (!socket?.connected || !roomState(room).joined) {
      item.status = 'queued';
      return;
    }
    Object.assign(item, { status: 'sending', error: null, unanswered: false });
    const ack = await sendMessage(socket, { room, content: item.content, clientId: item.clientId });
    if (ack.ok) {
      receive(room, [ack.message]);
      return;
    }
    const current = roomState(room).pending.find((p) => p.clientId === item.clientId);
    if (current) {
      Object.assign(current, {
        status: 'failed',
        error: ack.error.message,
        unanswered: 'timedOut' in ack,
      });
    }
  }

  /** The channel reports whether the socket is in the room; once it is, waiting sends go out. */
  function setJoined(room: string, joined: boolean): void {
    const state = roomState(room);
    state.joined = joined;
    if (!joined) return;
    for (const item of state.pending) {
      if (item.status === 'queued' || (item.status === 'failed' && item.unanswered)) {
        void deliver(room, item);
      }
    }
  }

  /** Shows the message at once as pending; the acknowledged message replaces it. */
  function send(room: string, content: string): Promise<void> {
    const item: PendingMessage = {
      clientId: crypto.randomUUID(),
      content,
      createdAt: new Date().toISOString(),
      status: 'sending',
      error: null,
      unanswered: false,
    };
    roomState(room).pending.push(item);
    return deliver(room, item);
  }

  /** Sends a failed message again under the same clientId, so the server stores it at most once. */
  function retry(room: string, clientId: string): Promise<void> {
    const item = roomState(room).pending.find((p) => p.clientId === clientId);
    if (!item || item.status !== 'failed') return Promise.resolve();
    return deliver(room, item);
  }

  return {
    rooms,
    roomState,
    receive,
    lastSeenId,
    loadLatest,
    loadOlder,
    catchUp,
    send,
    retry,
    setJoined,
  };
});
