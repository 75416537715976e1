import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import type { Env } from '../config/env';
import { REDIS, RedisConnections, type MaybeRedis } from '../redis/redis.module';
import type { Budget } from './budget';
import { sendBudget } from './send-budget';

/** Every limit of the API, named by what it counts (and keyed by whom, see each caller). */
export type LimitName =
  | 'sends' // per user, REST and sockets together (a token bucket, see send-budget.ts)
  | 'joins' // room:join and room:leave per socket
  | 'typing' // relayed typing per user and room
  | 'catchUp' // messages carried by room:join acks per user
  | 'restRequests' // REST requests per client address
  | 'signups' // accounts created per client address
  | 'roomCreations'; // rooms created per user

interface Window {
  points: number;
  seconds: number;
  /** In Redis (when there is one), because the same key is counted on several instances. */
  shared: boolean;
  /**
   * Once a key's window is full, refuse it here without asking Redis until the window ends: for
   * the limits that floods hit and that are never refunded (a refund would not lift the block).
   */
  blockLocally?: boolean;
  /**
   * A refused take is given back, so the count holds only what was allowed: for the limits that
   * refund failed actions, where a count inflated by refusals would outlast every refund.
   */
  exact?: boolean;
}

function windows(env: Env): Record<Exclude<LimitName, 'sends'>, Window> {
  return {
    // A socket lives on one instance, so its joins need no shared counter.
    joins: { points: env.JOINS_PER_MINUTE, seconds: 60, shared: false },
    typing: { points: 1, seconds: env.TYPING_INTERVAL_SECONDS, shared: true, blockLocally: true },
    catchUp: { points: env.CATCH_UP_MESSAGES_PER_MINUTE, seconds: 60, shared: true, exact: true },
    restRequests: { points: env.REST_PER_MINUTE, seconds: 60, shared: true, blockLocally: true },
    signups: { points: env.SIGNUPS_PER_HOUR, seconds: 3600, shared: true, exact: true },
    roomCreations: { points: env.ROOMS_PER_HOUR, seconds: 3600, shared: true, exact: true },
  };
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * All limits, on rate-limiter-flexible: fixed windows counted in Redis when REDIS_URL is set,
 * with an in-memory insurance limiter that takes over while Redis is away (each instance then
 * counts for itself), or in memory when there is no Redis. Others ask this service for a limit
 * rather than counting themselves.
 */
@Injectable()
export class RateLimits {
  private readonly budgets: Record<LimitName, Budget>;

  constructor(
    { env }: AppConfig,
    @Inject(REDIS) redis: MaybeRedis,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    const prefix = `${env.REDIS_KEY_PREFIX}limit:`;
    const window = windows(env);
    const fixed = (name: Exclude<LimitName, 'sends'>) =>
      fixedWindow(window[name], window[name].shared ? redis : null, prefix + name);
    this.budgets = {
      sends: sendBudget(
        env.SEND_BURST,
        env.SEND_PER_SECOND,
        redis && connections.duplicate(redis),
        `${prefix}sends`,
      ),
      joins: fixed('joins'),
      typing: fixed('typing'),
      catchUp: fixed('catchUp'),
      restRequests: fixed('restRequests'),
      signups: fixed('signups'),
      roomCreations: fixed('roomCreations'),
    };
  }

  /** Takes `points` from `key`'s budget, or says when to try again. */
  async take(name: LimitName, key: string, points = 1): Promise<Verdict> {
    try {
      await this.budgets[name].consume(key, points);
      return { allowed: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        return { allowed: false, retryAfterMs: refusal.msBeforeNext };
      }
      throw refusal;
    }
  }

  /** Gives back what a take took, for an action that then did not happen. */
  async refund(name: LimitName, key: string, points = 1): Promise<void> {
    await this.budgets[name].reward(key, points);
  }

  /** Takes as many of `wanted` points as are left (maybe none); returns how many it took. */
  async takeUpTo(name: LimitName, key: string, wanted: number): Promise<number> {
    const budget = this.budgets[name];
    const used = (await budget.get(key))?.consumedPoints ?? 0;
    const points = Math.min(wanted, Math.max(0, budget.points - used));
    if (points === 0) return 0;
    // Another take may have come in between; then this one takes nothing rather than too much.
    return (await this.take(name, key, points)).allowed ? points : 0;
  }
}

function fixedWindow(window: Window, redis: Redis | null, keyPrefix: string): Budget {
  const options = { points: window.points, duration: window.seconds, keyPrefix };
  const memory = new RateLimiterMemory(options);
  const limiter = redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
        inMemoryBlockOnConsumed: window.blockLocally ? window.points : 0,
      })
    : memory;
  const consume = (key: string, n: number) => limiter.consume(key, n);
  return {
    points: window.points,
    consume: window.exact ? giveBackRefusals(limiter, window.points) : consume,
    reward: (key, n) => limiter.reward(key, n),
    get: (key) => limiter.get(key),
  };
}

/** A fixed window counts a refused take too (its counter passes `points`); this undoes that. */
function giveBackRefusals(limiter: RateLimiterMemory | RateLimiterRedis, points: number) {
  return async (key: string, n: number): Promise<RateLimiterRes> => {
    try {
      return await limiter.consume(key, n);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes && refusal.consumedPoints > points) {
        await limiter.reward(key, n);
      }
      throw refusal;
    }
  };
}
