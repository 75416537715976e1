import { emitRaw, type ChatClient } from './factories';

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
