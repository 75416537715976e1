import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DataSource } from 'typeorm';

export const REPO_ROOT = resolve(__dirname, '../../../..');
const PROCESS_SCRIPT = join(__dirname, 'embedded-database-process.ts');

/** Runs a TypeScript file of this repository in a process of its own (PGlite cannot start in Jest). */
export function tsNodeArgs(script: string, ...args: string[]): string[] {
  return ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', script, ...args];
}

export const TS_NODE_ENV = {
  TS_NODE_TRANSPILE_ONLY: 'true',
  TS_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
  TS_NODE_COMPILER_OPTIONS: '{"rootDir":"."}',
};

export interface EmbeddedProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  socketFolder: string;
  /** Stops the database (its stdin closes) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** The embedded database on `dataDir`, in a process of its own, as a running API holds it. */
export function startEmbeddedProcess(
  dataDir: string,
  maxConnections = 3,
): Promise<EmbeddedProcess> {
  const child = spawn(
    process.execPath,
    tsNodeArgs(PROCESS_SCRIPT, dataDir, String(maxConnections)),
    { cwd: REPO_ROOT, env: { ...process.env, ...TS_NODE_ENV } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<number | null>((done) => {
      if (child.exitCode !== null) return done(child.exitCode);
      child.once('exit', (code) => done(code));
      child.stdin.end();
    });
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { url, socketFolder } = JSON.parse(line) as { url: string; socketFolder: string };
      done({ child, url, socketFolder, stop });
    });
    child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
}

/** Whether this run's database is the embedded one (global-setup started it) or a server. */
export function runIsEmbedded(url = process.env.DATABASE_URL ?? ''): boolean {
  return url.includes('@%2F');
}

export interface FreshDatabase {
  /** A database no other test has touched, not migrated yet. */
  url: string;
  /** With the embedded database: the DATA_DIR it lives in (held by a process of its own). */
  dataDir?: string;
  drop(): Promise<void>;
}

/**
 * An empty database of the run's kind: a new database on the PostgreSQL server of DATABASE_URL,
 * or a new embedded one on a DATA_DIR of its own. For what only a new database shows (the first
 * account; the last admin).
 */
export async function freshDatabase(maxConnections = 12): Promise<FreshDatabase> {
  const runUrl = process.env.DATABASE_URL;
  if (!runUrl) throw new Error('DATABASE_URL is set by the global setup');
  if (runIsEmbedded(runUrl)) {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'chat-fresh-')), 'data');
    const embedded = await startEmbeddedProcess(dataDir, maxConnections);
    return {
      url: embedded.url,
      dataDir,
      async drop() {
        await embedded.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `fresh_${randomBytes(6).toString('hex')}`;
  const adminUrl = new URL(runUrl);
  adminUrl.pathname = '/postgres';
  await asAdmin(adminUrl.toString(), `CREATE DATABASE ${name}`);
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(adminUrl.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function asAdmin(url: string, sql: string): Promise<void> {
  const admin = await new DataSource({ type: 'postgres', url, extra: { max: 1 } }).initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}
