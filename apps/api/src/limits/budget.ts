import type { RateLimiterRes } from 'rate-limiter-flexible';

/** What RateLimits needs of a rate-limiter-flexible limiter. */
export interface Budget {
  readonly points: number;
  /** Resolves when `points` fit in `key`'s budget; rejects with a RateLimiterRes when not. */
  consume(key: string, points: number): Promise<RateLimiterRes>;
  reward(key: string, points: number): Promise<unknown>;
  get(key: string): Promise<RateLimiterRes | null>;
}
