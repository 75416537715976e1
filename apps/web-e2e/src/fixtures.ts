import {
  test as base,
  expect,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
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

export const DESKTOP = { width: 1280, height: 800 };
/** A phone held upright, touched rather than clicked. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

export async function openPerson(
  browser: Browser,
  baseURL: string,
  watch: ConsoleWatch,
  who: string,
  device: { width: number; height: number } | BrowserContextOptions = DESKTOP,
): Promise<Page> {
  const options = 'width' in device ? { viewport: device } : device;
  const context = await browser.newContext({ baseURL, ...options });
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

/** The room list beside the chat (or in the phone's drawer). */
export function yourRooms(page: Page) {
  return page.getByRole('navigation', { name: 'Your rooms' });
}

export function messageBox(page: Page) {
  return page.getByRole('textbox', { name: 'Message' });
}

/** Writes and sends with the Send button (Enter sends on a desktop, not on a touch screen). */
export async function say(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
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
export function apiServerForSpec(offset: number, env: NodeJS.ProcessEnv = {}): ApiServer {
  const server = new ApiServer(apiPort(offset), env);
  test.beforeAll(() => server.start());
  test.afterAll(() => server.dispose());
  return server;
}

/**
 * Someone else in the conversation, over REST only (no browser): signs up and sends messages.
 * Cheaper than a second browser where only the other side's words matter.
 */
export async function restPerson(baseURL: string, username: string) {
  const call = async <T = { accessToken: string }>(path: string, body: unknown, token?: string) => {
    const response = await fetch(`${baseURL}/api${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const { accessToken } = await call('/auth/signup', { username, password: PASSWORD });
  return {
    username,
    say: (room: string, content: string) =>
      call(`/rooms/${encodeURIComponent(room)}/messages`, { content }, accessToken),
    /** Starts (or finds) the direct room with `other`; its name. */
    direct: async (other: string) =>
      (await call<{ name: string }>('/direct', { username: other }, accessToken)).name,
  };
}
