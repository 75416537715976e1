import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { REDIS, type MaybeRedis } from '../redis/redis.module';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * The same token bucket in Redis, so every instance draws on one budget per user. Redis's own
 * clock is used, so instances with skewed clocks still agree.
 */
const TAKE_TOKEN = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) / 1000 * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return allowed`;

/**
 * Message sends per user, REST and sockets together: a token bucket holding SEND_BURST tokens,
 * refilled at SEND_PER_SECOND. In Redis when REDIS_URL is set, else in this process.
 */
@Injectable()
export class SendRateLimiter {
  private readonly logger = new Logger(SendRateLimiter.name);
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: MaybeRedis,
  ) {}

  /** Takes one token; false when the user has none left. */
  async tryTake(userId: string): Promise<boolean> {
    if (!this.redis) return this.takeLocal(userId, Date.now());
    const { SEND_BURST, SEND_PER_SECOND, REDIS_KEY_PREFIX } = this.config.env;
    try {
      const allowed = await this.redis.eval(
        TAKE_TOKEN,
        1,
        `${REDIS_KEY_PREFIX}send-rate:${userId}`,
        SEND_BURST,
        SEND_PER_SECOND,
      );
      return allowed === 1;
    } catch (error) {
      // An outage of Redis should not silence the chat: fall back to this instance's budget.
      this.logger.warn(`shared rate limit unavailable: ${(error as Error).message}`);
      return this.takeLocal(userId, Date.now());
    }
  }

  takeLocal(userId: string, now: number): boolean {
    const { SEND_BURST: burst, SEND_PER_SECOND: rate } = this.config.env;
    const bucket = this.buckets.get(userId) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(userId, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return allowed;
  }

  /** A full bucket holds no information; dropping it keeps memory bounded by active senders. */
  private forgetFull(now: number): void {
    const { SEND_BURST: burst, SEND_PER_SECOND: rate } = this.config.env;
    for (const [userId, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate >= burst)
        this.buckets.delete(userId);
    }
  }
}
