import { test as base, expect } from '@playwright/test';
import { ApiServer, apiPort } from './api-server';
import { ConsoleWatch } from './console-watch';
import { People } from './people';

export const test = base.extend<{ consoleWatch: ConsoleWatch; people: People }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  consoleWatch: async ({}, use) => {
    const watch = new ConsoleWatch();
    await use(watch);
    // Closing the people's browsers also takes them off the online lists of later tests.
    for (const page of watch.pages) await page.context().close();
    expect(watch.unexpected(), 'console errors').toEqual([]);
  },
  people: async ({ browser, baseURL, consoleWatch }, use) => {
    if (!baseURL) throw new Error('no baseURL: call apiServerForSpec at the top of the spec file');
    await use(new People(browser, baseURL, consoleWatch));
  },
});
export { expect };

/**
 * The spec file's own API (port base + offset), started before its tests and disposed after;
 * the file's people open their browsers on it.
 */
export function apiServerForSpec(offset: number, env: NodeJS.ProcessEnv = {}): ApiServer {
  const server = new ApiServer(apiPort(offset), env);
  test.use({ baseURL: server.url });
  test.beforeAll(() => server.start());
  test.afterAll(() => server.dispose());
  return server;
}
