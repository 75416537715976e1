import { compareMessageIds, REPLY_PREVIEW_LENGTH, type Message } from '@chat/contract';

/**
 * sending: awaits its ack. waiting: for the connection (or the room's join). throttled: the
 * server said `rate_limited`; it goes again by itself. failed: refused for good (see problem);
 * the user retries or discards it.
 */
export type PendingStatus = 'sending' | 'waiting' | 'throttled' | 'failed';

/** A message the user sent that the server has not acknowledged (yet). */
export interface PendingMessage {
  clientId: string;
  content: string;
  createdAt: string;
  status: PendingStatus;
  /** Why it failed, as a sentence; null unless failed. */
  problem: string | null;
  /** The message this one answers, as shown while it waits. */
  replyTo?: Message['replyTo'];
}

/** Of two copies of one message, the one to keep: a tombstone for good, else the larger seq. */
function newer(held: Message | undefined, incoming: Message): Message {
  if (!held) return incoming;
  if (held.deleted) return held;
  if (incoming.deleted) return incoming;
  return compareMessageIds(incoming.seq, held.seq) > 0 ? incoming : held;
}

/** A reply's quote as its original now is (a change to the original gives the reply no seq). */
function quoteOf(original: Message): NonNullable<Message['replyTo']> {
  return {
    id: original.id,
    author: original.author,
    content: original.deleted ? '' : [...original.content].slice(0, REPLY_PREVIEW_LENGTH).join(''),
    deleted: original.deleted,
  };
}

/**
 * Merges pages, live messages and changes into one list: unique by id, ordered by id as big
 * integers, each message the copy with the larger `seq`, tombstones kept (so an older copy
 * arriving late cannot bring a deleted message back; views leave them out). Replies quote their
 * original as it now is.
 */
export function mergeMessages(
  existing: readonly Message[],
  incoming: readonly Message[],
): Message[] {
  const byId = new Map<string, Message>();
  for (const message of existing) byId.set(message.id, message);
  const changed = new Set<string>();
  for (const message of incoming) {
    const kept = newer(byId.get(message.id), message);
    if (kept !== byId.get(message.id)) changed.add(message.id);
    byId.set(message.id, kept);
  }
  if (changed.size > 0) {
    for (const [id, message] of byId) {
      const original = message.replyTo && byId.get(message.replyTo.id);
      if (!original || message.deleted || !changed.has(original.id)) continue;
      byId.set(id, { ...message, replyTo: quoteOf(original) });
    }
  }
  return [...byId.values()].sort((a, b) => compareMessageIds(a.id, b.id));
}

/** The room's change cursor: the largest `seq` among the messages held (tombstones included). */
export function cursorOf(messages: readonly Message[]): string | undefined {
  let cursor: string | undefined;
  for (const message of messages) {
    if (cursor === undefined || compareMessageIds(message.seq, cursor) > 0) cursor = message.seq;
  }
  return cursor;
}

/** What the log shows: deleted messages leave it. */
export function liveMessages(messages: readonly Message[]): Message[] {
  return messages.filter((message) => !message.deleted);
}

const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** Consecutive messages of one author, close in time, are shown under one header. */
export function continuesGroup(previous: Message | undefined, message: Message): boolean {
  if (!previous || previous.author.id !== message.author.id) return false;
  const gap = Date.parse(message.createdAt) - Date.parse(previous.createdAt);
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}
