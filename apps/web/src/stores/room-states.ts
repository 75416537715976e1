import {
  CHANGES_PAGE_MAX,
  compareMessageIds,
  MESSAGES_PAGE_DEFAULT,
  type Message,
  type Presence,
  type Room,
  type RoomJoinResult,
  type UserSummary,
} from '@chat/contract';
import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';
import { errorText } from '../api/errors';
import { api, ApiRequestError } from '../api/http';
import { cursorOf, mergeMessages, type PendingMessage } from '../lib/messages';
import { useSessionStore } from './session';

/**
 * Where the socket stands with a room, as one value. idle: no page has it open. joining: a
 * join is on its way. joined: live. waiting: open, but the connection is down. not_found /
 * deleted: nothing to join. failed: the join was refused; see `problem`.
 */
export type RoomStatus =
  'idle' | 'joining' | 'joined' | 'waiting' | 'not_found' | 'deleted' | 'failed';

/** Where the reader was in a room's history, to come back to it. */
export interface ScrollMemory {
  atBottom: boolean;
  /** The message at the top of the view, and how far below the view's top it was. */
  anchorId: string | null;
  anchorOffset: number;
}

/**
 * Everything the SPA knows of one room, in one object (later: unread and mention counts, members,
 * reactions and edits ride on `messages` and beside them).
 */
export interface RoomState {
  /** The name as the server spells it once known (the address may differ in case). */
  name: string;
  status: RoomStatus;
  /** Why the join or the history failed, as a sentence. */
  problem: string | null;
  /** The room as the last join reported it (owner included). */
  details: Room | null;
  /** Who is online; null while unknown (not joined, or disconnected). */
  presence: Presence | null;
  /**
   * Committed messages, unique by id, in id order, each the copy with the largest `seq` seen;
   * deleted ones stay as tombstones (the log leaves them out) so nothing brings them back.
   */
  messages: Message[];
  history: { loaded: boolean; loading: boolean; hasOlder: boolean; loadingOlder: boolean };
  /** Sends not acknowledged yet, in the order they were made; written by the outbox alone. */
  pending: PendingMessage[];
  /** Who is typing now (their channel forgets them a few seconds after the last keystroke). */
  typing: UserSummary[];
  scroll: ScrollMemory | null;
}

function emptyRoom(name: string): RoomState {
  return {
    name,
    status: 'idle',
    problem: null,
    details: null,
    presence: null,
    messages: [],
    history: { loaded: false, loading: false, hasOlder: false, loadingOlder: false },
    pending: [],
    typing: [],
    scroll: null,
  };
}

function describe(error: unknown): string {
  return errorText(error, 'Something went wrong.');
}

export function roomKey(name: string): string {
  return name.toLowerCase();
}

/** Every room's state, keyed by lower-cased name. Channels and the outbox write; views read. */
export const useRoomStatesStore = defineStore('room-states', () => {
  const rooms = reactive(new Map<string, RoomState>());
  const session = useSessionStore();

  // Another user signing in on this tab sees nothing of the one before.
  watch(
    () => session.user?.id,
    (id, previous) => {
      if (previous !== undefined && id !== previous) rooms.clear();
    },
  );

  function get(name: string): RoomState {
    const key = roomKey(name);
    const known = rooms.get(key);
    if (known) return known;
    rooms.set(key, emptyRoom(name));
    // The map's reactive proxy of the object just stored, so writes through it are seen.
    return rooms.get(key) ?? emptyRoom(name);
  }

  /** Every committed message that reaches the room comes through here (the outbox listens). */
  function receive(name: string, incoming: readonly Message[]): void {
    if (incoming.length === 0) return;
    const state = get(name);
    state.messages = mergeMessages(state.messages, incoming);
  }

  /**
   * Changes (`changed`, `…/changes` pages, `message:updated`): applied to the messages held and to
   * those newer than all of them; a change to a message older than the loaded history is left for
   * when that history is loaded (it then comes as it is), so the log never shows a message with a
   * gap of unloaded ones before it.
   */
  function applyChanges(name: string, changes: readonly Message[]): void {
    const oldest = get(name).messages[0]?.id;
    receive(
      name,
      oldest === undefined ? changes : changes.filter((m) => compareMessageIds(m.id, oldest) >= 0),
    );
  }

  /** The room's change cursor: the largest `seq` seen there. */
  function cursor(name: string): string | undefined {
    return cursorOf(get(name).messages);
  }

  /** The newest page over REST; false when the room does not exist. */
  async function loadLatest(name: string): Promise<boolean> {
    const state = get(name);
    state.history.loading = true;
    try {
      const page = await api.listMessages(name, { limit: MESSAGES_PAGE_DEFAULT });
      receive(name, page);
      state.history.hasOlder = page.length === MESSAGES_PAGE_DEFAULT;
      state.history.loaded = true;
      state.problem = null;
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'not_found') {
        state.status = 'not_found';
        return false;
      }
      state.problem = `Could not load the messages. ${describe(error)}`;
      return true;
    } finally {
      state.history.loading = false;
    }
  }

  async function loadOlder(name: string): Promise<void> {
    const state = get(name);
    const oldest = state.messages[0];
    if (!oldest || !state.history.hasOlder || state.history.loadingOlder) return;
    state.history.loadingOlder = true;
    try {
      const page = await api.listMessages(name, {
        before: oldest.id,
        limit: MESSAGES_PAGE_DEFAULT,
      });
      receive(name, page);
      state.history.hasOlder = page.length === MESSAGES_PAGE_DEFAULT;
    } catch (error) {
      state.problem = `Could not load older messages. ${describe(error)}`;
    } finally {
      state.history.loadingOlder = false;
    }
  }

  /**
   * Merges what a re-join at cursor `since` reported as missed and changed; while it said there
   * is more, pages `…/changes` from that cursor (not from the largest seq in the ack: a cut-off
   * `changed` may hold smaller ones) until a page is shorter than its limit.
   */
  async function catchUp(name: string, ack: RoomJoinResult, since?: string): Promise<void> {
    receive(name, ack.missed);
    applyChanges(name, ack.changed);
    let after = since;
    let pagesLeft = ack.missedMore || ack.changedMore;
    while (pagesLeft && after !== undefined) {
      const page = await api.listChanges(name, after, CHANGES_PAGE_MAX);
      applyChanges(name, page);
      after = page.at(-1)?.seq ?? after;
      pagesLeft = page.length === CHANGES_PAGE_MAX;
    }
  }

  /**
   * Loads older pages until the message is held (a reply's quote was clicked); false when it is
   * not in this room's history (deleted, or never there).
   */
  async function loadUntil(name: string, id: string): Promise<boolean> {
    const state = get(name);
    const has = () => state.messages.some((m) => m.id === id && !m.deleted);
    while (!has() && state.history.hasOlder) {
      const before = state.messages[0]?.id;
      await loadOlder(name);
      if (state.messages[0]?.id === before) break;
    }
    return has();
  }

  function joined(name: string, ack: RoomJoinResult): void {
    const state = get(name);
    Object.assign(state, {
      name: ack.room.name,
      status: 'joined',
      problem: null,
      details: ack.room,
      presence: ack.presence,
    });
  }

  /** Sets the channel's status; presence and typing are unknown unless joined. */
  function setStatus(name: string, status: RoomStatus, problem: string | null = null): void {
    const state = get(name);
    state.status = status;
    state.problem = problem;
    if (status !== 'joined') {
      state.presence = null;
      state.typing = [];
    }
  }

  function setPresence(presence: Presence): void {
    get(presence.room).presence = presence;
  }

  function sawTyping(name: string, user: UserSummary): void {
    const state = get(name);
    if (!state.typing.some((t) => t.id === user.id)) state.typing = [...state.typing, user];
  }

  function stoppedTyping(name: string, userId: string): void {
    const state = get(name);
    if (state.typing.some((t) => t.id === userId)) {
      state.typing = state.typing.filter((t) => t.id !== userId);
    }
  }

  function rememberScroll(name: string, scroll: ScrollMemory): void {
    get(name).scroll = scroll;
  }

  return {
    rooms,
    get,
    receive,
    applyChanges,
    cursor,
    loadLatest,
    loadOlder,
    loadUntil,
    catchUp,
    joined,
    setStatus,
    setPresence,
    sawTyping,
    stoppedTyping,
    rememberScroll,
  };
});
