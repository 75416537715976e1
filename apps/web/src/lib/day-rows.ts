import type { Message } from '@chat/contract';
import { dayKey, dayLabel } from './dates';
import { continuesGroup, type PendingMessage } from './messages';

/** One row of the message log; `day` is set on the first row of each calendar day. */
export type LogRow =
  | {
      kind: 'message';
      key: string;
      message: Message;
      grouped: boolean;
      mine: boolean;
      day: string | null;
    }
  | { kind: 'pending'; key: string; item: PendingMessage; day: string | null };

/**
 * The log as rows: committed messages, then the user's pending ones, each day opened by its
 * label ("Today", "Yesterday", a date) and messages grouped under one header within a day.
 */
export function dayRows(
  messages: readonly Message[],
  pending: readonly PendingMessage[],
  currentUserId: string | undefined,
  now: number,
): LogRow[] {
  const rows: LogRow[] = [];
  let previous: Message | undefined;
  let previousDay = '';
  const opensDay = (iso: string): string | null => {
    const day = dayKey(iso);
    if (day === previousDay) return null;
    previousDay = day;
    return dayLabel(iso, now);
  };
  for (const message of messages) {
    const day = opensDay(message.createdAt);
    rows.push({
      kind: 'message',
      key: `m${message.id}`,
      message,
      grouped: day === null && continuesGroup(previous, message),
      mine: message.author.id === currentUserId,
      day,
    });
    previous = message;
  }
  for (const item of pending) {
    rows.push({ kind: 'pending', key: `p${item.clientId}`, item, day: opensDay(item.createdAt) });
  }
  return rows;
}
