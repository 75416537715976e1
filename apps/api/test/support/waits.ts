import type { Message } from '@chat/contract';
import { emitRaw, nextEvent, sendMessage, uniqueName, type ChatClient } from './factories';

/**
 * Resolves once every packet the server wrote to this socket before now has arrived: one round
 * trip on the socket (an event the server does not know, which it answers `invalid`). The
 * server writes a socket's packets in order, so its answer comes after everything it sent the
 * socket before reading the question. The barrier for "this socket did not get X": X would have
 * been written before the answer.
 */
export async function drained(socket: ChatClient): Promise<void> {
  await emitRaw(socket, 'test:barrier', {});
}

/** Polls `probe` (a few milliseconds apart) until it holds; fails after `timeoutMs`. */
export async function until(
  probe: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The barrier for "nothing else arrived" across sockets: `sender` sends a sentinel message to
 * `room` (joined, or a room of the sender's own), and it must reach each of `observers` (the
 * sender alone when none are named). Events from one instance reach a socket in order, and
 * instances relay one another's through one Redis channel in order, so whatever was emitted to
 * an observer before that send has arrived by the time the sentinel does.
 */
export async function sentinel(
  sender: ChatClient,
  room: string,
  observers: ChatClient[] = [sender],
): Promise<Message> {
  const content = uniqueName('sentinel');
  const arrived = observers.map((s) => nextEvent(s, 'message:new', (m) => m.content === content));
  const message = await sendMessage(sender, room, content);
  await Promise.all(arrived);
  return message;
}
