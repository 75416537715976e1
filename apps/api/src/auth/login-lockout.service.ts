import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';

/**
 * Failed logins per username, counted in PostgreSQL so every instance agrees. After
 * LOGIN_MAX_FAILURES within LOGIN_WINDOW_SECONDS the username is locked, even for the right
 * password, until the window that began with the first failure has passed.
 */
@Injectable()
export class LoginLockoutService {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async assertNotLocked(username: string): Promise<void> {
    const [row] = await this.db.query<{ failures: number }[]>(
      `SELECT failures FROM login_failures
        WHERE username_key = $1 AND window_started_at > now() - make_interval(secs => $2)`,
      [key(username), this.config.env.LOGIN_WINDOW_SECONDS],
    );
    if (row && row.failures >= this.config.env.LOGIN_MAX_FAILURES) {
      throw new DomainError(
        'rate_limited',
        'too many failed logins for this username, try again later',
      );
    }
  }

  async recordFailure(username: string): Promise<void> {
    await this.db.query(
      `INSERT INTO login_failures (username_key, failures, window_started_at)
       VALUES ($1, 1, now())
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN login_failures.window_started_at > now() - make_interval(secs => $2)
                         THEN login_failures.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_failures.window_started_at > now() - make_interval(secs => $2)
                         THEN login_failures.window_started_at ELSE now() END`,
      [key(username), this.config.env.LOGIN_WINDOW_SECONDS],
    );
  }

  async clear(username: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE username_key = $1', [key(username)]);
  }
}

const key = (username: string) => username.toLowerCase();
