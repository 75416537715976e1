import type { Message } from '@chat/contract';
import type { OutboxRecord } from '../lib/outbox-db';
import { asSentence } from './errors';
import { api, ApiRequestError } from './http';
import { isNoAnswer, request, type ChatSocket } from './socket';

/**
 * What became of one attempt to send: stored (the message), throttled (`rate_limited`: try again
 * later), unanswered (it may or may not have landed: try again under the same clientId), or
 * refused for good (the reason, as a sentence).
 */
export type SendOutcome =
  | { kind: 'sent'; message: Message }
  | { kind: 'throttled' }
  | { kind: 'unanswered' }
  | { kind: 'failed'; problem: string };

/**
 * Sends one outbox record over the socket (its room joined), or over REST when `socket` is null
 * (REST needs no join), always under its clientId.
 */
export async function sendRecord(
  socket: ChatSocket | null,
  record: OutboxRecord,
): Promise<SendOutcome> {
  const payload = {
    content: record.content,
    clientId: record.clientId,
    ...(record.replyTo ? { replyTo: record.replyTo.id } : {}),
  };
  if (socket) {
    const ack = await request(socket, 'message:send', { room: record.room, ...payload });
    if (ack.ok) return { kind: 'sent', message: ack.message };
    if (isNoAnswer(ack)) return { kind: 'unanswered' };
    if (ack.error.code === 'rate_limited') return { kind: 'throttled' };
    return { kind: 'failed', problem: asSentence(ack.error.message) || 'The server refused it.' };
  }
  try {
    return { kind: 'sent', message: await api.sendMessage(record.room, payload) };
  } catch (error) {
    if (!(error instanceof ApiRequestError)) return { kind: 'unanswered' };
    if (error.code === 'rate_limited') return { kind: 'throttled' };
    // A 401 is the session's to mend (it renews the token); the message waits meanwhile.
    if (error.unreachable || error.code === 'unauthorized') return { kind: 'unanswered' };
    return { kind: 'failed', problem: error.message };
  }
}
