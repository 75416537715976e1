import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { EnvOverrides } from '../../src/app.factory';
import { dataSourceOptions } from '../../src/database/data-source';
import { startApp, type TestApp } from './app';
import { closeAll, connect, joinRoom, signup, type ChatClient, type TestUser } from './factories';

/** `[T, T, …]`, `N` long: what `members(3)` destructures into without unchecked indexes. */
export type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N
  ? R
  : Tuple<T, N, [...R, T]>;

/** The suite's app, started before its tests; its members are read inside tests and hooks. */
export interface SuiteApp {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly app: NestExpressApplication;
  /**
   * A connected socket of the user (or of a bare token), joined to `room` when one is named.
   * Opened in a test, it is closed when the test ends; opened in a `beforeAll`, with the suite.
   */
  open(who: TestUser | string, room?: string): Promise<ChatClient>;
  /** Closes a socket opened some other way (own client options) as `open`'s are. */
  track(socket: ChatClient): ChatClient;
  /** `count` new plain members (see `signupMembers`). */
  members<N extends number>(count: N): Promise<TestUser[] & Tuple<TestUser, N>>;
}

/**
 * Registers the hooks of an e2e suite: one app for the describe block (see `startApp` for why
 * one per file), sockets closed with the scope that opened them, the app closed last. Call it
 * at the top of the `describe`, before the suite's own hooks, which then find the app started.
 */
export function useApp(overrides: EnvOverrides = {}): SuiteApp {
  let running: TestApp | undefined;
  const suiteSockets: ChatClient[] = [];
  const testSockets: ChatClient[] = [];
  let inTest = false;

  beforeAll(async () => {
    running = await startApp(overrides);
  });
  beforeEach(() => {
    inTest = true;
  });
  afterEach(() => {
    inTest = false;
    closeAll(testSockets);
  });
  afterAll(async () => {
    closeAll(suiteSockets);
    await running?.close();
  });

  const started = (): TestApp => {
    if (!running) throw new Error('the suite’s app is not started yet: use it in a test or hook');
    return running;
  };
  const track = (socket: ChatClient): ChatClient => {
    (inTest ? testSockets : suiteSockets).push(socket);
    return socket;
  };
  return {
    get url() {
      return started().url;
    },
    get app() {
      return started().app;
    },
    track,
    async open(who, room) {
      const socket = track(await connect(started().url, typeof who === 'string' ? who : who.token));
      if (room !== undefined) await joinRoom(socket, room);
      return socket;
    },
    members: (count) => signupMembers(started().url, count),
  };
}

/**
 * `count` new accounts, signed up together after a bystander. On a new database the first
 * account becomes the site's admin (who may do what members may not); the bystander's signup
 * has finished before these start, so none of them can be that first one.
 */
export async function signupMembers<N extends number>(
  url: string,
  count: N,
): Promise<TestUser[] & Tuple<TestUser, N>> {
  await signup(url);
  const people = await Promise.all(Array.from({ length: count }, () => signup(url)));
  if (!hasLength(people, count)) throw new Error(`signed up ${people.length}, not ${count}`);
  return people;
}

function hasLength<T, N extends number>(list: T[], length: N): list is T[] & Tuple<T, N> {
  return list.length === length;
}

/** What a suite asks of the database directly, behind the API's back. */
export interface OwnConnection {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/**
 * A connection of the suite's own to the run's database, apart from the app's pool: what the
 * test does there (moving a time into the past, holding a lock) never waits for a connection
 * the app is using, nor takes one from it.
 */
export function useOwnConnection(): OwnConnection {
  let db: DataSource | undefined;
  beforeAll(async () => {
    db = await new DataSource(
      dataSourceOptions({ url: process.env.DATABASE_URL ?? '', poolSize: 1 }),
    ).initialize();
  });
  afterAll(() => db?.destroy());
  return {
    query<T>(sql: string, parameters?: unknown[]) {
      if (!db) throw new Error('the connection is not open yet: use it in a test or hook');
      return db.query<T>(sql, parameters);
    },
  };
}
