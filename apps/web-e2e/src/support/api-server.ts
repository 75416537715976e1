// Playwright loads these files as CommonJS here (no "type": "module"), hence __dirname.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const STARTUP_TIMEOUT_MS = 90_000;

/**
 * Each spec file's API gets its own port: base + offset. WEB_E2E_PORT_BASE moves them all, for a
 * machine where the default ports are someone else's.
 */
export function apiPort(offset: number): number {
  return Number(process.env.WEB_E2E_PORT_BASE ?? 3110) + offset;
}

/**
 * The built API as a child process on its own port and a fresh data folder, so a test can stop
 * and start it again in the middle of a conversation (the data folder outlives a restart).
 */
export class ApiServer {
  readonly url: string;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'chat-web-e2e-'));
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly port: number,
    /** Environment for this spec's API only, e.g. lower limits. */
    private readonly overrides: NodeJS.ProcessEnv = {},
  ) {
    this.url = `http://localhost:${port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
      cwd: WORKSPACE_ROOT,
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    await this.waitUntilHealthy();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(forced);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The embedded database in a fresh folder: no external PostgreSQL or Redis from the caller. */
  private environment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'warn',
      REST_PER_MINUTE: '100000',
      // Every browser of the run signs up and connects from this machine's address.
      SIGNUPS_PER_HOUR: '100000',
      SOCKETS_PER_ADDRESS: '100000',
      ROOMS_PER_HOUR: '100000',
      JWT_SECRET: 'web-e2e-secret-that-is-long-enough-0123456789',
      WEB_DIST: join(WORKSPACE_ROOT, 'dist/apps/web'),
      ...this.overrides,
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    return env;
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) {
        throw new Error(`API exited during startup:\n${this.output}`);
      }
      try {
        const response = await fetch(`${this.url}/api/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error(`API not healthy after ${STARTUP_TIMEOUT_MS} ms:\n${this.output}`);
  }
}
