import type { Ack, Message } from '@chat/contract';
import { asSentence, errorText } from './errors';
import { api } from './http';
import { isNoAnswer, request, type ChatSocket, type NoAnswer } from './socket';

/** What became of a change to a message: the message as it now is, or why not, as a sentence. */
export type ChangeOutcome = { ok: true; message: Message | null } | { ok: false; problem: string };

/** A change to a message: over the room's socket when it is joined, else over REST. */
export interface MessageChange {
  socket(socket: ChatSocket): Promise<ChangeOutcome>;
  rest(): Promise<Message | null>;
}

async function viaRest(call: () => Promise<Message | null>): Promise<ChangeOutcome> {
  try {
    return { ok: true, message: await call() };
  } catch (error) {
    return { ok: false, problem: errorText(error, 'It did not work.') };
  }
}

function fromAck(ack: Ack<{ message?: Message }> | NoAnswer): ChangeOutcome {
  if (ack.ok) return { ok: true, message: ack.message ?? null };
  if (isNoAnswer(ack)) return { ok: false, problem: 'No answer from the server. Try again.' };
  return { ok: false, problem: asSentence(ack.error.message) || 'The server refused it.' };
}

/** Runs the change over the socket when the room is joined on a live connection, else REST. */
export async function applyChange(
  socket: ChatSocket | null,
  change: MessageChange,
): Promise<ChangeOutcome> {
  return socket?.connected ? change.socket(socket) : viaRest(() => change.rest());
}

export const changes = {
  edit: (room: string, id: string, content: string): MessageChange => ({
    socket: async (s) => fromAck(await request(s, 'message:edit', { room, id, content })),
    rest: () => api.editMessage(room, id, content),
  }),
  delete: (room: string, id: string): MessageChange => ({
    socket: async (s) => fromAck(await request(s, 'message:delete', { room, id })),
    rest: async () => {
      await api.deleteMessage(room, id);
      return null;
    },
  }),
  react: (room: string, id: string, emoji: string, add: boolean): MessageChange => ({
    socket: async (s) =>
      fromAck(
        await request(s, add ? 'reaction:add' : 'reaction:remove', {
          room,
          messageId: id,
          emoji,
        }),
      ),
    rest: () => (add ? api.addReaction(room, id, emoji) : api.removeReaction(room, id, emoji)),
  }),
};
