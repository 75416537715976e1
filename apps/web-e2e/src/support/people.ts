import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import type { ConsoleWatch } from './console-watch';

export const PASSWORD = 'correct horse battery';

export const DESKTOP = { width: 1280, height: 800 };
/** A phone held upright, touched rather than clicked. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
/** A viewport size, or the options of a whole device such as PHONE. */
export type Device = { width: number; height: number } | BrowserContextOptions;

let counter = 0;
/** A username no other test (nor an earlier run against the same data) has used. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).slice(-5)}${counter}`;
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

export interface PersonOptions {
  /** Defaults to a fresh name made from `who`. */
  username?: string;
  device?: Device;
}

/**
 * The people of one test, each in a browser of their own (a fresh context: no cookie or storage
 * shared), against the spec's API, every page watched for console errors. The console watch
 * closes them all when the test ends.
 */
export class People {
  constructor(
    private readonly browser: Browser,
    private readonly baseURL: string,
    private readonly consoleWatch: ConsoleWatch,
  ) {}

  /** Someone with a browser open and nothing done yet; `who` names them in console errors. */
  async open(who: string, device: Device = DESKTOP): Promise<Page> {
    const options = 'width' in device ? { viewport: device } : device;
    const context = await this.browser.newContext({ baseURL: this.baseURL, ...options });
    const page = await context.newPage();
    this.consoleWatch.watch(page, who);
    return page;
  }

  /** Someone signed up, on the Rooms page. */
  async signedUp(who: string, options: PersonOptions = {}): Promise<Page> {
    const page = await this.open(who, options.device);
    await signUp(page, options.username ?? uniqueName(who));
    return page;
  }

  /** Someone signed up and in `room`, which the first of them to enter creates. */
  async inRoom(who: string, room: string, options: PersonOptions = {}): Promise<Page> {
    const page = await this.signedUp(who, options);
    await enterRoom(page, room);
    return page;
  }
}
