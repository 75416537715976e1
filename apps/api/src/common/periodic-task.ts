import type { Logger } from '@nestjs/common';

/**
 * Background work an instance repeats (a sweep, a heartbeat): once started, `run` every
 * `intervalMs`, on a timer that does not keep the process alive. A failed run is logged as a
 * warning and the next one tried as usual: the work is only ever late, never given up.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly logger: Logger,
    private readonly name: string,
    private readonly run: () => Promise<void>,
  ) {}

  start(intervalMs: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.runLogged(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async runLogged(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      this.logger.warn(`${this.name} failed: ${(error as Error).message}`);
    }
  }
}
