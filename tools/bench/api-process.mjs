// @ts-check
// The built API as a child process for the REST timing scripts (rooms-list.mjs, my-rooms.mjs):
// its own port and temporary DATA_DIR (embedded database) or DATABASE_URL, limits out of the way.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './servers.mjs';
import { sleep, summarize } from './stats.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const DEFAULT_API = join(ROOT, 'dist/apps/api/main.js');

/** @param {string} name a prefix for the temporary folder @param {string} [apiPath] */
export async function startApi(name, apiPath = DEFAULT_API) {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  // BENCH_PORT_BASE as for run.mjs (--port-base): a session keeps to its own range of ports.
  const base = Number(process.env.BENCH_PORT_BASE ?? 3190);
  const port = await freePort(base, base + 100, new Set());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [apiPath], {
    cwd: ROOT,
    // The API's own log would bury the figures; its warnings go to stderr.
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: join(dataDir, 'data'),
      LOG_LEVEL: 'warn',
      REST_PER_MINUTE: '10000000',
      SIGNUPS_PER_HOUR: '10000000',
      ROOMS_PER_HOUR: '10000000',
      JWT_SECRET: `${name}-bench-secret-0123456789abcdef`,
      WEB_DIST: join(dataDir, 'no-web'),
    },
  });

  /** @param {string} path @param {RequestInit} [init] */
  async function timed(path, init) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, init);
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return { ms: performance.now() - started, bytes: body.byteLength, body };
  }

  /** Three unrecorded requests, then `runs` timed ones, one at a time. */
  async function series(/** @type {string} */ path, /** @type {number} */ runs, init = {}) {
    for (let i = 0; i < 3; i++) await timed(path, init);
    const samples = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const run = await timed(path, init);
      samples.push(run.ms);
      bytes = run.bytes;
    }
    return { ...summarize(samples), bytes };
  }

  async function waitForHealth() {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error('the API did not become healthy');
  }

  async function stop() {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    // A stop must not hang the script: the API abandons what is left after 10 s anyway.
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
    rmSync(dataDir, { recursive: true, force: true });
  }

  /** @param {string} username @param {string} password @returns {Promise<{ accessToken: string, user: { id: string } }>} */
  async function signup(username, password) {
    const res = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`signup ${username}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  try {
    await waitForHealth();
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    timed,
    series,
    signup,
    stop,
    /** The database the API uses: DATABASE_URL, or the embedded one's socket in DATA_DIR/run. */
    databaseUrl:
      process.env.DATABASE_URL ??
      `postgres://postgres@${encodeURIComponent(join(dataDir, 'data', 'run'))}/postgres`,
    where: process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite',
  };
}
