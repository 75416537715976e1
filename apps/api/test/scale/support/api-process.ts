import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GENEROUS_LIMITS } from '../../support/generous-limits';

const REPO_ROOT = resolve(__dirname, '../../../../..');
const API_MAIN = join(REPO_ROOT, 'dist/apps/api/main.js');
/** Every instance signs and checks tokens with this, so a token from A works on B. */
const SHARED_JWT_SECRET = 'scale-tests-shared-jwt-secret-0123456789';
const BOOT_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** `Date.now()` when the process exited. */
  at: number;
}

export interface ApiProcess {
  /** e.g. http://127.0.0.1:3401 */
  readonly url: string;
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, SIGKILL if still running after 15 s; safe to call twice. */
  stop(): Promise<ProcessExit>;
  /** The end of the process's own output, to explain a failure. */
  logTail(): string;
}

export interface ApiOptions {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
}

/** Kills whatever a failed test file left running, so a port is never held into the next file. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function apiEnv({ port, databaseUrl, env }: ApiOptions, dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: SHARED_JWT_SECRET,
    LOG_LEVEL: 'warn',
    ...GENEROUS_LIMITS,
    DATABASE_POOL_SIZE: '5',
    DATA_DIR: dataDir,
    WEB_DIST: join(dataDir, 'no-spa'),
    ...env,
  };
}

function watchExit(child: ChildProcess): Promise<ProcessExit> {
  return new Promise((done) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      done({ code, signal, at: Date.now() });
    });
  });
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitUntilHealthy(api: ApiProcess, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`API on ${api.url} exited while booting:\n${api.logTail()}`);
    }
    if (await answersHealth(api.url)) return;
    await new Promise((wake) => setTimeout(wake, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`API on ${api.url} not healthy within ${BOOT_TIMEOUT_MS} ms:\n${api.logTail()}`);
}

/** Starts `node dist/apps/api/main.js` and resolves once `/api/health` answers 200. */
export async function startApi(options: ApiOptions): Promise<ApiProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-scale-'));
  const logFile = join(dataDir, 'api.log');
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: apiEnv(options, dataDir),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  running.add(child);
  const readTail = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '');
  let finalTail: string | undefined;
  const exited = watchExit(child).then((exit) => {
    finalTail = readTail();
    rmSync(dataDir, { recursive: true, force: true });
    return exit;
  });
  const api: ApiProcess = {
    url: `http://127.0.0.1:${options.port}`,
    pid: child.pid ?? -1,
    exited,
    signal: (signal) => void child.kill(signal),
    logTail: () => finalTail ?? readTail(),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
  await waitUntilHealthy(api, child);
  return api;
}

/** Stops every given instance (already-stopped ones included) in parallel. */
export async function stopAll(apis: (ApiProcess | undefined)[]): Promise<void> {
  await Promise.all(apis.flatMap((api) => (api ? [api.stop()] : [])));
}
