import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

/** The shared Redis client, or null when REDIS_URL is unset (one instance, state in memory). */
export const REDIS = Symbol('REDIS');
export type MaybeRedis = Redis | null;

/**
 * Every Redis connection of the app, closed together at the very end of a stop: after the
 * sockets and the HTTP server, so a broadcast from a request still in flight never meets a
 * closed connection.
 */
export class RedisConnections {
  private readonly logger = new Logger('Redis');
  private readonly clients: Redis[] = [];

  open(url: string, options: RedisOptions = {}): Redis {
    const client = new Redis(url, options);
    client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.clients.push(client);
    return client;
  }

  duplicate(client: Redis): Redis {
    const copy = client.duplicate();
    copy.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.clients.push(copy);
    return copy;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.quit().catch(() => undefined)));
  }
}

const redisProvider = {
  provide: REDIS,
  inject: [AppConfig, RedisConnections],
  useFactory: ({ env }: AppConfig, connections: RedisConnections): MaybeRedis =>
    env.REDIS_URL
      ? // Fail fast instead of queueing while Redis is away: callers degrade rather than hang.
        connections.open(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
      : null,
};

@Global()
@Module({
  providers: [RedisConnections, redisProvider],
  exports: [RedisConnections, redisProvider],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(RedisConnections) private readonly connections: RedisConnections) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connections.closeAll();
  }
}
