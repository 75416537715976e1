import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp, type EnvOverrides } from '../../src/app.factory';
import { GENEROUS_LIMITS } from './generous-limits';

export interface TestApp {
  app: NestExpressApplication;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** Generous defaults so suites are not throttled by each other; tests of limits override them. */
const TEST_DEFAULTS: EnvOverrides = { ...GENEROUS_LIMITS, DATABASE_POOL_SIZE: '5' };

/**
 * Boots the real app on an ephemeral port against the test database. One app per test file:
 * passport keeps strategies in a process-wide registry, so the last app created handles REST
 * auth for every app in the worker, and closing it breaks the others.
 */
export async function startApp(overrides: EnvOverrides = {}): Promise<TestApp> {
  // Apps of one run share CI's Redis: each gets its own keys, as separate deployments would.
  const keyPrefix = `test:${randomUUID()}:`;
  const app = await createApp({ ...TEST_DEFAULTS, REDIS_KEY_PREFIX: keyPrefix, ...overrides });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
