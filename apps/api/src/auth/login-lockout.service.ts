import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { usernameKey } from '@chat/contract';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';

/**
 * Login attempts per username, counted in PostgreSQL so every instance agrees, and counted
 * *before* the password is checked: each attempt takes a ticket in one atomic upsert, and only
 * the first LOGIN_MAX_FAILURES tickets of a window get as far as the (slow) password check.
 * Concurrent guesses therefore cannot all slip in while the counter is still low. A success
 * clears the counter, so only failures accumulate. The window begins with its first attempt.
 * The key is `usernameKey`, the same folding the user look-up uses.
 */
@Injectable()
export class LoginLockoutService {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Counts this attempt; throws `rate_limited` when the username has used up its window. */
  async admit(username: string): Promise<void> {
    const { LOGIN_MAX_FAILURES, LOGIN_WINDOW_SECONDS } = this.config.env;
    const [row] = await this.db.query<{ attempts: number }[]>(
      `INSERT INTO login_failures AS f (username_key, failures, window_started_at)
       VALUES ($1, 1, now())
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN f.window_started_at > now() - make_interval(secs => $2)
                         THEN f.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN f.window_started_at > now() - make_interval(secs => $2)
                                  THEN f.window_started_at ELSE now() END
       RETURNING failures AS attempts`,
      [usernameKey(username), LOGIN_WINDOW_SECONDS],
    );
    if (!row || row.attempts > LOGIN_MAX_FAILURES) {
      throw new DomainError(
        'rate_limited',
        'too many failed logins for this username, try again later',
      );
    }
  }

  async clear(username: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE username_key = $1', [
      usernameKey(username),
    ]);
  }

  /** Deletes up to `limit` counters whose window has passed; returns how many. */
  async deleteExpired(limit: number): Promise<number> {
    const [, count] = await this.db.query<[unknown[], number]>(
      `DELETE FROM login_failures WHERE username_key IN (
         SELECT username_key FROM login_failures
          WHERE window_started_at < now() - make_interval(secs => $2) LIMIT $1)`,
      [limit, this.config.env.LOGIN_WINDOW_SECONDS],
    );
    return count;
  }
}
