import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { LoginLockoutService } from './login-lockout.service';
import { SessionsService } from './sessions.service';

/** How often each instance sweeps (every instance may; the deletes do not conflict). */
export const SWEEP_INTERVAL_MS = 10 * 60_000;
/** Rows per DELETE, so a sweep never holds long locks or builds one huge transaction. */
export const SWEEP_BATCH = 1000;
/** Batches per table per sweep: a backlog larger than this is finished by the next sweeps. */
const SWEEP_MAX_BATCHES = 50;

export interface SweepResult {
  sessions: number;
  loginFailures: number;
}

/**
 * Deletes what the auth tables no longer need: sessions that expired or were revoked (their
 * tokens are refused either way) and login-failure counters whose window has passed. Without
 * it both tables grow with every login and every guessed username.
 */
@Injectable()
export class AuthSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthSweeper.name);
  private readonly task = new PeriodicTask(this.logger, 'auth sweep', async () => {
    const swept = await this.sweep();
    this.logger.debug(`swept ${swept.sessions} sessions, ${swept.loginFailures} login counters`);
  });

  constructor(
    private readonly sessions: SessionsService,
    private readonly lockout: LoginLockoutService,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  async sweep(batch = SWEEP_BATCH): Promise<SweepResult> {
    return {
      sessions: await drain((limit) => this.sessions.deleteEnded(limit), batch),
      loginFailures: await drain((limit) => this.lockout.deleteExpired(limit), batch),
    };
  }
}

/** Repeats a bounded delete until a batch comes back short (or the batch budget is spent). */
async function drain(deleteBatch: (limit: number) => Promise<number>, batch: number) {
  let total = 0;
  for (let i = 0; i < SWEEP_MAX_BATCHES; i += 1) {
    const deleted = await deleteBatch(batch);
    total += deleted;
    if (deleted < batch) break;
  }
  return total;
}
