import type { Message } from '@chat/contract';
import { defineStore } from 'pinia';
import { watch } from 'vue';
import { sendRecord } from '../api/send-message';
import type { PendingMessage } from '../lib/messages';
import { openOutboxStorage, type OutboxRecord, type OutboxStorage } from '../lib/outbox-db';
import { useConnectionStore } from './connection';
import { roomKey, useRoomStatesStore, type RoomState } from './room-states';
import { useSessionStore } from './session';

/** After `rate_limited`, the room's queue waits this long before the same message goes again. */
export const THROTTLED_DELAYS_MS = [1000, 2000, 4000, 8000];
/** After no answer on a live connection (a slow server), the same message goes again after… */
export const UNANSWERED_DELAYS_MS = [2000, 5000, 10_000, 30_000];

/** A storage write that fails (a full disk) leaves the message in memory: it still goes out. */
function kept(write: Promise<void>): void {
  write.catch((error: unknown) => console.warn('The outbox could not write to IndexedDB.', error));
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const step = (delays: readonly number[], attempt: number) =>
  delays[Math.min(attempt, delays.length - 1)] ?? 1000;

/**
 * The durable outbox: a message is in IndexedDB from the moment Send is pressed until its ack,
 * so a reload or a crashed tab sends it again — under the same clientId, so it cannot be stored
 * twice — and each room's messages go out one after the other, in the order they were written.
 * It alone writes the rooms' `pending` lists.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const session = useSessionStore();
  const connection = useConnectionStore();
  const states = useRoomStatesStore();
  const records = new Map<string, OutboxRecord>();
  const running = new Set<string>();
  const runAgain = new Set<string>();
  let storage: OutboxStorage | null = null;
  let userId: string | null = null;
  let lastOrder = 0;

  const store = () => (storage ??= openOutboxStorage());

  function nextOrder(): number {
    lastOrder = Math.max(Date.now(), lastOrder + 1);
    return lastOrder;
  }

  function show(record: OutboxRecord): void {
    const pending = states.get(record.room).pending;
    const item: PendingMessage = {
      clientId: record.clientId,
      content: record.content,
      createdAt: record.createdAt,
      status: record.failure ? 'failed' : 'waiting',
      problem: record.failure,
      replyTo: record.replyTo ?? null,
    };
    const later = pending.findIndex((p) => (records.get(p.clientId)?.order ?? 0) > record.order);
    if (later === -1) pending.push(item);
    else pending.splice(later, 0, item);
  }

  /** Forgets a record that was acknowledged (or discarded), everywhere. */
  function settle(clientId: string): void {
    const record = records.get(clientId);
    if (!record) return;
    records.delete(clientId);
    const state = states.get(record.room);
    state.pending = state.pending.filter((p) => p.clientId !== clientId);
    kept(store().remove(clientId));
  }

  async function load(id: string): Promise<void> {
    const stored = await store().list(id);
    if (userId !== id) return;
    for (const record of stored) {
      if (records.has(record.clientId)) continue;
      records.set(record.clientId, record);
      lastOrder = Math.max(lastOrder, record.order);
      show(record);
    }
    flushAll();
  }

  function unload(): void {
    records.clear();
    for (const state of states.rooms.values()) state.pending = [];
  }

  function routeFor(state: RoomState): 'socket' | 'rest' | null {
    if (state.status === 'joined' && connection.socket?.connected) return 'socket';
    // A room no page has open (a reload restored its sends): REST needs no join.
    if (state.status === 'idle' && connection.status === 'online') return 'rest';
    return null;
  }

  function fail(item: PendingMessage, record: OutboxRecord, problem: string): void {
    item.status = 'failed';
    item.problem = problem;
    record.failure = problem;
    kept(store().put(record));
  }

  /** Sends a room's waiting messages one by one, in order, until none is left or it must wait. */
  async function pump(state: RoomState): Promise<void> {
    let throttled = 0;
    let unanswered = 0;
    for (;;) {
      const item = state.pending.find((p) => p.status !== 'failed');
      const record = item && records.get(item.clientId);
      if (!item || !record) return;
      if (state.messages.some((m) => m.clientId === record.clientId)) {
        settle(record.clientId);
        continue;
      }
      if (state.status === 'not_found' || state.status === 'deleted') {
        fail(item, record, 'The room no longer exists.');
        continue;
      }
      const route = routeFor(state);
      if (!route) {
        for (const p of state.pending) if (p.status !== 'failed') p.status = 'waiting';
        return;
      }
      item.status = 'sending';
      const outcome = await sendRecord(route === 'socket' ? connection.socket : null, record);
      if (!records.has(record.clientId)) continue;
      if (outcome.kind === 'sent') {
        throttled = unanswered = 0;
        states.receive(outcome.message.room, [outcome.message]);
      } else if (outcome.kind === 'failed') {
        fail(item, record, outcome.problem);
      } else if (outcome.kind === 'throttled') {
        for (const p of state.pending) if (p.status !== 'failed') p.status = 'throttled';
        await wait(step(THROTTLED_DELAYS_MS, throttled++));
      } else {
        item.status = 'waiting';
        if (connection.status !== 'online') return;
        await wait(step(UNANSWERED_DELAYS_MS, unanswered++));
      }
    }
  }

  /** Starts (or re-runs) the room's queue; one runs per room at a time. */
  function flush(room: string): void {
    const key = roomKey(room);
    if (running.has(key)) {
      runAgain.add(key);
      return;
    }
    running.add(key);
    void pump(states.get(room)).finally(() => {
      running.delete(key);
      if (runAgain.delete(key)) flush(room);
    });
  }

  function flushAll(): void {
    for (const room of new Set([...records.values()].map((r) => r.room))) flush(room);
  }

  /** Shows the message at once as pending, keeps it in IndexedDB, then sends it. */
  async function send(
    room: string,
    content: string,
    replyTo: NonNullable<Message['replyTo']> | null = null,
  ): Promise<void> {
    if (!userId) return;
    const record: OutboxRecord = {
      clientId: crypto.randomUUID(),
      userId,
      room,
      content,
      createdAt: new Date().toISOString(),
      order: nextOrder(),
      failure: null,
      replyTo,
    };
    records.set(record.clientId, record);
    show(record);
    // In IndexedDB before it leaves: a tab that dies now still has it after a reload.
    await store()
      .put(record)
      .catch(() => undefined);
    flush(room);
  }

  /** Sends a failed message again, under its clientId, so the server stores it at most once. */
  function retry(room: string, clientId: string): void {
    const record = records.get(clientId);
    const item = states.get(room).pending.find((p) => p.clientId === clientId);
    if (!record || item?.status !== 'failed') return;
    Object.assign(item, { status: 'waiting', problem: null });
    record.failure = null;
    kept(store().put(record));
    flush(room);
  }

  /** Drops a message that is not on its way right now; it will not be sent. */
  function discard(room: string, clientId: string): void {
    const item = states.get(room).pending.find((p) => p.clientId === clientId);
    if (item && item.status !== 'sending') settle(clientId);
  }

  // Whatever way a message of ours arrives (its ack, the broadcast, a catch-up page), it is done.
  states.$onAction(({ name, args, after }) => {
    if (name !== 'receive') return;
    after(() => {
      for (const message of args[1]) {
        if (message.clientId && records.has(message.clientId)) settle(message.clientId);
      }
    });
  });

  watch(
    () => session.user?.id ?? null,
    (id) => {
      if (id === userId) return;
      userId = id;
      unload();
      if (id)
        load(id).catch((error: unknown) => console.warn('The outbox could not be read.', error));
    },
    { immediate: true },
  );

  watch(
    () => connection.status,
    (status) => {
      if (status === 'online') flushAll();
    },
  );

  return { send, retry, discard, flush };
});
