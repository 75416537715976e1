import { compareMessageIds, type Message } from '@chat/contract';

/** A message the user sent that the server has not acknowledged (yet). */
export interface PendingMessage {
  clientId: string;
  content: string;
  createdAt: string;
  /** queued: waits for the room to be (re-)joined; sending: awaits its ack; failed: see error. */
  status: 'queued' | 'sending' | 'failed';
  error: string | null;
  /** It failed for want of an answer (a dropped connection): sent again after re-joining. */
  unanswered: boolean;
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

/** Sent messages that the server confirmed are no longer pending. */
export function withoutConfirmed(
  pending: readonly PendingMessage[],
  confirmed: readonly Message[],
): PendingMessage[] {
  const confirmedIds = new Set(confirmed.map((message) => message.clientId).filter(Boolean));
  return pending.filter((item) => !confirmedIds.has(item.clientId));
}

const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** Consecutive messages of one author, close in time, are shown under one header. */
export function continuesGroup(previous: Message | undefined, message: Message): boolean {
  if (!previous || previous.author.id !== message.author.id) return false;
  const gap = Date.parse(message.createdAt) - Date.parse(previous.createdAt);
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
