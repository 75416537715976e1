import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiServer, apiPort } from './api-server';

export const SCREENSHOT_DIR = resolve(__dirname, '../screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

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

export const test = base.extend<{ consoleWatch: ConsoleWatch }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  consoleWatch: async ({}, use) => {
    const watch = new ConsoleWatch();
    await use(watch);
    // Closing the people's browsers also takes them off the online lists of later tests.
    for (const page of watch.pages) await page.context().close();
    expect(watch.unexpected(), 'console errors').toEqual([]);
  },
});
export { expect };

let counter = 0;
/** A username no other test (nor an earlier run against the same data) has used. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).slice(-5)}${counter}`;
}

export const PASSWORD = 'correct horse battery';

export async function openPerson(
  browser: Browser,
  baseURL: string,
  watch: ConsoleWatch,
  who: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport });
  const page = await context.newPage();
  watch.watch(page, who);
  return page;
}

export async function signUp(page: Page, username: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(username);
}

export async function logIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

/** Creates the room, or enters it when it exists, through the Rooms page form. */
export async function enterRoom(page: Page, room: string): Promise<void> {
  await page.getByRole('link', { name: 'Rooms', exact: true }).first().click();
  await page.getByLabel('Room name').fill(room);
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByRole('heading', { name: room, level: 1 })).toBeVisible();
}

export function messageLog(page: Page) {
  return page.getByRole('list', { name: 'Messages' });
}

export function onlineUsers(page: Page) {
  return page.getByRole('list', { name: 'Online users' });
}

export function messageBox(page: Page) {
  return page.getByRole('textbox', { name: 'Message' });
}

export async function say(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press('Enter');
  await expect(messageBox(page)).toHaveValue('');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** True when the page is wider than its viewport, i.e. scrolls sideways. */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** The spec file's own API (port base + offset), started before its tests and disposed after. */
export function apiServerForSpec(offset: number): ApiServer {
  const server = new ApiServer(apiPort(offset));
  test.beforeAll(() => server.start());
  test.afterAll(() => server.dispose());
  return server;
}
