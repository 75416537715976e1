import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { AppConfig } from '../config/app-config';
import { addressChannel, userChannel } from '../realtime/channels';
import { REDIS, type MaybeRedis } from '../redis/redis.module';

/** Asked of every other instance: how many of your sockets are in each of these channels. */
const COUNT_SOCKETS = 'limits:count-sockets';
/** An instance that has not answered by then is counted as having none. */
const COUNT_TIMEOUT_MS = 2000;

export type Admission = { admitted: true; done(): void } | { admitted: false };

/**
 * SOCKETS_PER_USER and SOCKETS_PER_ADDRESS, checked at the handshake. Every socket is in its
 * user's and its address's channel, so the count is the size of those channels: this
 * instance's from its adapter, the others' asked over the Redis adapter (serverSideEmit with
 * an answer). The sockets themselves are the count, so nothing drifts or leaks when an instance
 * crashes (unlike a counter in Redis), and an answer is two numbers per instance (unlike
 * fetchSockets, which ships every socket's handshake: up to 200 of them per address).
 * Handshakes under way on this instance are counted too, so a burst of them cannot all pass.
 */
@Injectable()
export class SocketCaps {
  private readonly logger = new Logger(SocketCaps.name);
  private namespace?: Namespace;
  /** Admitted handshakes whose socket has not joined its channels yet, per channel. */
  private readonly arriving = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: MaybeRedis,
  ) {}

  /** The gateway hands over its namespace at start-up; from then on other instances may ask. */
  bind(namespace: Namespace): void {
    this.namespace = namespace;
    if (!this.redis) return;
    namespace.on(COUNT_SOCKETS, (channels: unknown, answer: unknown) => {
      if (!Array.isArray(channels) || typeof answer !== 'function') return;
      (answer as (counts: number[]) => void)(
        channels.map((channel) => (typeof channel === 'string' ? this.localCount(channel) : 0)),
      );
    });
  }

  /**
   * Admits one more socket for the user and the address, or refuses it. An admitted socket
   * joins both channels (userChannel, addressChannel), then calls `done()`.
   */
  async admit(userId: string, address: string): Promise<Admission> {
    const { SOCKETS_PER_USER, SOCKETS_PER_ADDRESS } = this.config.env;
    const channels = [userChannel(userId), addressChannel(address)];
    channels.forEach((channel) => this.shift(channel, 1));
    const done = () => channels.forEach((channel) => this.shift(channel, -1));
    const [forUser = 0, forAddress = 0] = await this.count(channels);
    if (forUser > SOCKETS_PER_USER || forAddress > SOCKETS_PER_ADDRESS) {
      done();
      return { admitted: false };
    }
    return { admitted: true, done };
  }

  /** Sockets in each channel on every instance, this handshake included. */
  private async count(channels: string[]): Promise<number[]> {
    const counts = channels.map((channel) => this.localCount(channel));
    if (!this.redis || !this.namespace) return counts;
    for (const answer of await this.askOthers(this.namespace, channels)) {
      if (!Array.isArray(answer)) continue;
      answer.forEach((n: unknown, i) => {
        const count = counts[i];
        if (typeof n === 'number' && count !== undefined) counts[i] = count + n;
      });
    }
    return counts;
  }

  private async askOthers(namespace: Namespace, channels: string[]): Promise<unknown[]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<unknown[]>((resolve) => {
      timer = setTimeout(() => resolve([]), COUNT_TIMEOUT_MS);
    });
    try {
      const answers: unknown[] = await Promise.race([
        namespace.serverSideEmitWithAck(COUNT_SOCKETS, channels),
        late,
      ]);
      return answers;
    } catch (error) {
      // Redis is away or an instance did not answer: count what this instance knows.
      this.logger.warn(`socket counts of other instances unavailable: ${(error as Error).message}`);
      const partial = (error as { responses?: unknown }).responses;
      return Array.isArray(partial) ? (partial as unknown[]) : [];
    } finally {
      clearTimeout(timer);
    }
  }

  private localCount(channel: string): number {
    const joined = this.namespace?.adapter.rooms.get(channel)?.size ?? 0;
    return joined + (this.arriving.get(channel) ?? 0);
  }

  private shift(channel: string, by: number): void {
    const n = (this.arriving.get(channel) ?? 0) + by;
    if (n > 0) this.arriving.set(channel, n);
    else this.arriving.delete(channel);
  }
}
