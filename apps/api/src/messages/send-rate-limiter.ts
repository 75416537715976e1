import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Message sends per user, REST and sockets together: a token bucket holding SEND_BURST tokens,
 * refilled at SEND_PER_SECOND.
 */
@Injectable()
export class SendRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly config: AppConfig) {}

  /** Takes one token; false when the user has none left. */
  tryTake(userId: string, now = Date.now()): Promise<boolean> {
    const { SEND_BURST: burst, SEND_PER_SECOND: rate } = this.config.env;
    const bucket = this.buckets.get(userId) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(userId, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return Promise.resolve(allowed);
  }

  /** A full bucket holds no information; dropping it keeps memory bounded by active senders. */
  private forgetFull(now: number): void {
    const { SEND_BURST: burst, SEND_PER_SECOND: rate } = this.config.env;
    for (const [userId, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate >= burst) this.buckets.delete(userId);
    }
  }
}
