import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { MESSAGES_PAGE_MAX, type Message } from '@chat/contract';
import { emitWithAck, sleep, type AckOf, type ChatClient } from '../../support/factories';
import { nth } from '../../support/nth';
import { until } from '../../support/waits';

/** The shared factory's join: fails loudly on anything but success. */
export { joinRoom } from '../../support/factories';

export function sendOnce(
  socket: ChatClient,
  room: string,
  content: string,
  timeoutMs = 8000,
): Promise<AckOf<'message:send'>> {
  return emitWithAck(socket, 'message:send', { room, content, clientId: randomUUID() }, timeoutMs);
}

/**
 * A client sending every `intervalMs` without waiting for the previous ack (several sends are in
 * flight at once, like a busy room), recording what the server acknowledged.
 */
export class SendLoop {
  readonly acked: Message[] = [];
  readonly refused: string[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private sent = 0;

  constructor(
    private readonly socket: ChatClient,
    private readonly room: string,
    intervalMs: number,
    private readonly label = 'msg',
  ) {
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  get attempts(): number {
    return this.sent;
  }

  /** Resolves once `count` of the loop's sends in all have been acknowledged. */
  ackedAtLeast(count: number, timeoutMs = 10_000): Promise<void> {
    return until(() => this.acked.length >= count, `${count} acked sends`, timeoutMs);
  }

  /**
   * Resolves once every send the loop had acknowledged is among what `received` returns (a
   * client's messages so far): the broadcasts of the last acks are on their way when `stop` ends.
   */
  deliveredTo(received: () => Message[], timeoutMs = 10_000): Promise<void> {
    const acked = idsOf(this.acked);
    return until(
      () => {
        const ids = new Set(idsOf(received()));
        return acked.every((id) => ids.has(id));
      },
      `the ${acked.length} acked messages delivered`,
      timeoutMs,
    );
  }

  /** Stops sending and waits for every send already made to be answered (or to time out). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.pending]);
  }

  private tick(): void {
    if (!this.socket.connected) return;
    this.sent += 1;
    const send = sendOnce(this.socket, this.room, `${this.label}-${this.sent}`)
      .then((ack) => {
        if (ack.ok) this.acked.push(ack.message);
        else this.refused.push(ack.error.code);
      })
      .catch((error: unknown) => void this.refused.push((error as Error).message))
      .finally(() => this.pending.delete(send));
    this.pending.add(send);
  }
}

/** Every stored message with id > `after`, oldest first, paging as a reconnecting client does. */
export async function messagesAfter(
  url: string,
  token: string,
  room: string,
  after = '0',
): Promise<Message[]> {
  const all: Message[] = [];
  let cursor = after;
  for (;;) {
    const res = await request(url)
      .get(`/api/rooms/${room}/messages?after=${cursor}&limit=${MESSAGES_PAGE_MAX}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const page = res.body as Message[];
    all.push(...page);
    if (page.length < MESSAGES_PAGE_MAX) return all;
    cursor = nth(page, -1).id;
  }
}

export function idsOf(messages: Message[]): string[] {
  return messages.map((message) => message.id);
}

/** Polls `probe` until it returns true; resolves with the elapsed milliseconds. */
export async function waitFor(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe()) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}
