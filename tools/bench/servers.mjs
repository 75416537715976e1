// @ts-check
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  rmSync,
  mkdirSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sleep } from './stats.mjs';

/** @typedef {{ kind: 'api'|'bare', url: string, pid: number, databaseUrl?: string, restart(): Promise<void>, stop(): Promise<void> }} RunningServer */

const ROOT = new URL('../..', import.meta.url).pathname;
const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/** Kills every server still running; safe to call from exit and signal handlers. */
export function killAll() {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

export function buildApiIfMissing() {
  if (existsSync(API_MAIN)) return;
  console.log('dist/apps/api/main.js is missing: building the API');
  const build = spawnSync('npx', ['nx', 'run', 'api:build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npx nx run api:build failed');
}

/**
 * Environment for the API: quiet logs and limits far above the benchmark's load, so the run
 * measures the work per message and not the rate limiter saying no.
 * @param {number} port @param {string} dataDir
 */
function apiEnv(port, dataDir) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    PORT: String(port),
    BENCH_API_MAIN: API_MAIN,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    REST_PER_MINUTE: '1000000',
    SEND_BURST: '1000000',
    SEND_PER_SECOND: '1000000',
    // Thousands of sockets and accounts from this one address, joining and typing at full speed.
    JOINS_PER_MINUTE: '1000000',
    SOCKETS_PER_USER: '1000000',
    SOCKETS_PER_ADDRESS: '1000000',
    ROOMS_PER_HOUR: '1000000',
    SIGNUPS_PER_HOUR: '1000000',
    CATCH_UP_MESSAGES_PER_MINUTE: '1000000',
    JWT_SECRET: process.env.JWT_SECRET ?? 'bench-secret-bench-secret-bench-secret-0123',
    // Sockets are cut when their token expires: the run's tokens must outlive the run.
    JWT_EXPIRES_IN_SECONDS: '86400',
    WEB_DIST: join(dataDir, 'no-web'),
  };
  if (!process.env.DATABASE_URL) env.DATA_DIR = join(dataDir, 'db');
  return env;
}

/**
 * Whether nothing listens on `port` (checked the way the API binds: every interface), so the
 * health check cannot be answered by another run's server.
 * @param {number} port @returns {Promise<boolean>}
 */
function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/**
 * The first free port from `from` up to `to` (inclusive), skipping those in `taken`.
 * @param {number} from @param {number} to @param {Set<number>} taken
 */
export async function freePort(from, to, taken) {
  for (let port = from; port <= to; port++) {
    if (!taken.has(port) && (await portIsFree(port))) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

/**
 * Spawns the server and waits for its health check.
 * @param {'api'|'bare'} kind @param {string[]} nodeArgs @param {NodeJS.ProcessEnv} env
 * @param {string} url @param {string} logFile
 */
async function launch(kind, nodeArgs, env, url, logFile) {
  const script = join(ROOT, `tools/bench/${kind === 'api' ? 'api-entry' : 'bare-server'}.mjs`);
  // The server's own output goes to a file: its warnings explain a failed run afterwards.
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  children.add(child);
  child.once('exit', (code, signal) => {
    if (children.has(child))
      console.error(`${kind} server (pid ${child.pid}) exited: ${signal ?? code}`);
  });
  await waitForHealth(url, child, logFile);
  return child;
}

/**
 * Starts a server; `restart()` replaces its process by a fresh one on the same data (same
 * DATA_DIR or DATABASE_URL, so accounts and tokens stay valid) and updates `pid`.
 * @param {'api'|'bare'} kind @param {number} port
 * @param {{ cpuProfileDir?: string, logFile: string }} options
 * @returns {Promise<RunningServer>}
 */
export async function startServer(kind, port, options) {
  const tempDir = mkdtempSync(join(tmpdir(), `bench-${kind}-`));
  /** @type {string[]} */
  const nodeArgs = [];
  if (options.cpuProfileDir) {
    mkdirSync(options.cpuProfileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  }
  const env = kind === 'api' ? apiEnv(port, tempDir) : { ...process.env, PORT: String(port) };
  mkdirSync(dirname(options.logFile), { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  let child = await launch(kind, nodeArgs, env, url, options.logFile);
  const stopCurrent = async () => {
    children.delete(child);
    await stopChild(child);
  };
  /** @type {RunningServer} */
  const server = {
    kind,
    url,
    pid: /** @type {number} */ (child.pid),
    databaseUrl: kind === 'api' ? process.env.DATABASE_URL : undefined,
    async restart() {
      await stopCurrent();
      child = await launch(kind, nodeArgs, env, url, options.logFile);
      server.pid = /** @type {number} */ (child.pid);
    },
    async stop() {
      await stopCurrent();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * @param {string} url @param {import('node:child_process').ChildProcess} child
 * @param {string} logFile
 */
async function waitForHealth(url, child, logFile) {
  const tail = () => readFileSync(logFile, 'utf8').slice(-3000);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${tail()}`);
    }
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(`${url}/api/health did not answer within 90 s:\n${tail()}`);
}

/**
 * SIGINT first so the API shuts down cleanly (and node writes a --cpu-prof file), then SIGKILL.
 * @param {import('node:child_process').ChildProcess} child
 */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
