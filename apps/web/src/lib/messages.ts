import { compareMessageIds, type Message } from '@chat/contract';

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
}

/** Merges pages and live messages into one list: unique by id, ordered by id as big integers. */
export function mergeMessages(
  existing: readonly Message[],
  incoming: readonly Message[],
): Message[] {
  const byId = new Map<string, Message>();
  for (const message of existing) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => compareMessageIds(a.id, b.id));
}

const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** Consecutive messages of one author, close in time, are shown under one header. */
export function continuesGroup(previous: Message | undefined, message: Message): boolean {
  if (!previous || previous.author.id !== message.author.id) return false;
  const gap = Date.parse(message.createdAt) - Date.parse(previous.createdAt);
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}
