import type { Page } from '@playwright/test';

/** Console errors and uncaught exceptions a page produced, minus the ones a test expects. */
export class ConsoleWatch {
  readonly errors: string[] = [];
  readonly pages: Page[] = [];
  private readonly allowed: RegExp[] = [];

  watch(page: Page, who: string): void {
    this.pages.push(page);
    page.on('console', (message) => {
      if (message.type() === 'error') this.record(`${who}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.record(`${who}: uncaught ${error.message}`));
  }

  /** Some tests cause errors on purpose (a server down, a revoked token). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  unexpected(): string[] {
    return this.errors.filter((text) => !this.allowed.some((pattern) => pattern.test(text)));
  }

  private record(text: string): void {
    this.errors.push(text);
  }
}
