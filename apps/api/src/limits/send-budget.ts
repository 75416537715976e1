import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Budget } from './budget';

/*
 * The send budget is a token bucket: SEND_BURST tokens, refilled at SEND_PER_SECOND, so the
 * contract's "a burst of 30, then 10 a second" holds at every instant (a tenth of a second of
 * quiet earns one send back). rate-limiter-flexible counts fixed windows, and no pair of windows
 * (BurstyRateLimiter) refills like that, so the bucket is handed to the library through its
 * extension points: in Redis as RateLimiterRedis's increment script (atomic, on Redis's clock,
 * so instances with skewed clocks agree), in memory as a RateLimiterMemory that counts tokens
 * instead of a window, which is also the Redis limiter's insurance while Redis is away.
 */

/**
 * RateLimiterRedis runs this with ARGV = [points to take, key seconds, points, duration]; the
 * limiter is built with points = burst and duration = burst / rate, the seconds a drained bucket
 * takes to fill. It answers as the library expects, {consumed, ms before next}: `consumed` above
 * `points` means refused. A refused take changes nothing; a negative take (a refund) always fits.
 */
const TAKE_TOKENS = `
local cost = tonumber(ARGV[1])
local burst = tonumber(ARGV[3])
local rate = burst / tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) / 1000 * rate)
if cost > tokens then
  return {burst + 1, math.ceil((cost - tokens) / rate * 1000)}
end
tokens = math.min(burst, tokens - cost)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return {math.floor(burst - tokens), math.max(0, math.ceil((1 - tokens) / rate * 1000))}`;

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before the full ones (which hold no information) are dropped. */
const MAX_BUCKETS = 10_000;

/**
 * The same bucket in this process, on `Date.now()` (jest's fake timers drive it in specs). A
 * RateLimiterMemory (the library exports no abstract base) with its counting replaced.
 */
export class MemoryTokenBucket extends RateLimiterMemory {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    super({ points: burst, duration: burst / perSecond });
  }

  override consume(key: string | number, points = 1): Promise<RateLimiterRes> {
    const id = String(key);
    const now = Date.now();
    const tokens = this.tokensAt(id, now);
    if (points > tokens) {
      const wait = Math.ceil(((points - tokens) / this.perSecond) * 1000);
      // The library's protocol: a refusal rejects with the RateLimiterRes, not an Error.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(new RateLimiterRes(0, wait, this.burst + 1, false));
    }
    const left = Math.min(this.burst, tokens - points);
    this.buckets.set(id, { tokens: left, at: now });
    if (this.buckets.size > MAX_BUCKETS) this.forgetFull(now);
    const wait = Math.max(0, Math.ceil(((1 - left) / this.perSecond) * 1000));
    return Promise.resolve(new RateLimiterRes(Math.floor(left), wait, this.burst - left, false));
  }

  /** A refund: tokens back, never above the burst. */
  override reward(key: string | number, points = 1): Promise<RateLimiterRes> {
    return this.consume(key, -points);
  }

  override get(key: string | number): Promise<RateLimiterRes | null> {
    const id = String(key);
    if (!this.buckets.has(id)) return Promise.resolve(null);
    const tokens = this.tokensAt(id, Date.now());
    return Promise.resolve(new RateLimiterRes(Math.floor(tokens), 0, this.burst - tokens, false));
  }

  override delete(key: string | number): Promise<boolean> {
    return Promise.resolve(this.buckets.delete(String(key)));
  }

  private tokensAt(id: string, now: number): number {
    const bucket = this.buckets.get(id);
    if (!bucket) return this.burst;
    const refilled = (Math.max(0, now - bucket.at) / 1000) * this.perSecond;
    return Math.min(this.burst, bucket.tokens + refilled);
  }

  private forgetFull(now: number): void {
    for (const id of [...this.buckets.keys()]) {
      if (this.tokensAt(id, now) >= this.burst) this.buckets.delete(id);
    }
  }
}

/**
 * The send budget of every user: in Redis when there is one (shared by all instances), else in
 * this process. `redis` must be a connection of its own: the library registers its script on
 * the client under one fixed name, so this script would replace the fixed-window one of the
 * other limiters sharing a client.
 */
export function sendBudget(
  burst: number,
  perSecond: number,
  redis: Redis | null,
  keyPrefix: string,
): Budget {
  const memory = new MemoryTokenBucket(burst, perSecond);
  if (!redis) return memory;
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: burst,
    duration: burst / perSecond,
    customIncrTtlLuaScript: TAKE_TOKENS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
  // The library runs its script only for a key lifetime of at least a second; the script sets
  // the real lifetime itself, so any whole number of seconds will do.
  const script = { customDuration: Math.max(1, Math.ceil(burst / perSecond)) };
  return {
    points: burst,
    consume: (key, points) => limiter.consume(key, points, script),
    reward: (key, points) => limiter.reward(key, points, script),
    get: (key) => limiter.get(key),
  };
}
