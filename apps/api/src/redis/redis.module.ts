import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';

/** The shared Redis client, or null when REDIS_URL is unset (one instance, state in memory). */
export const REDIS = Symbol('REDIS');
export type MaybeRedis = Redis | null;

const redisProvider = {
  provide: REDIS,
  inject: [AppConfig],
  useFactory: ({ env }: AppConfig): MaybeRedis => {
    if (!env.REDIS_URL) return null;
    const logger = new Logger('Redis');
    // Fail fast instead of queueing while Redis is away: callers degrade rather than hang.
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
    return redis;
  },
};

@Global()
@Module({ providers: [redisProvider], exports: [redisProvider] })
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: MaybeRedis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
