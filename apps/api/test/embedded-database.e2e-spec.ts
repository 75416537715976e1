import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';

const REPO_ROOT = resolve(__dirname, '../../..');
const PROCESS_SCRIPT = join(__dirname, 'support/embedded-database-process.ts');
/** `nobody`: any OS user but the API's. The tests run as root (as CI does here), which may act as it. */
const OTHER_USER = 65534;

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  socketFolder: string;
}

function startEmbedded(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', PROCESS_SCRIPT, dataDir], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TS_NODE_TRANSPILE_ONLY: 'true',
      TS_NODE_PROJECT: 'apps/api/tsconfig.app.json',
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { url, socketFolder } = JSON.parse(line) as { url: string; socketFolder: string };
      done({ child, url, socketFolder });
    });
    child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((done) => {
    child.once('exit', (code) => done(code));
    child.stdin.end();
  });
}

/** What another OS user gets when it tries to reach the database's socket and files. */
function asOtherUser(paths: { socket: string; files: string[] }): Record<string, string> {
  const probe = `
    const net = require('node:net'); const fs = require('node:fs');
    const [socket, ...files] = process.argv.slice(1);
    const seen = {};
    for (const file of files) {
      try { fs.readFileSync(file); seen[file] = 'read'; } catch (e) { seen[file] = e.code; }
    }
    const s = net.connect(socket);
    s.once('connect', () => { seen[socket] = 'connected'; s.destroy(); print(); });
    s.once('error', (e) => { seen[socket] = e.code; print(); });
    function print() { process.stdout.write(JSON.stringify(seen)); }
  `;
  const result = spawnSync(process.execPath, ['-e', probe, paths.socket, ...paths.files], {
    uid: OTHER_USER,
    gid: OTHER_USER,
    cwd: '/',
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return JSON.parse(result.stdout) as Record<string, string>;
}

/** Every path under `root`, with its permission bits. */
function modesUnder(root: string): Map<string, { mode: number; kind: string }> {
  const modes = new Map<string, { mode: number; kind: string }>();
  const visit = (path: string) => {
    const stat = lstatSync(path);
    const kind = stat.isDirectory() ? 'dir' : stat.isSocket() ? 'socket' : 'file';
    modes.set(path, { mode: stat.mode & 0o777, kind });
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(root);
  return modes;
}

/** Issue 9, finding 7: the embedded database is reachable by the API's OS user alone. */
describe('the embedded database on a DATA_DIR', () => {
  let dataDir: string;
  let started: Started;

  beforeAll(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'chat-embedded-')), 'data');
    started = await startEmbedded(dataDir);
  }, 90_000);
  afterAll(async () => {
    if (started) await stop(started.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on a Unix socket in DATA_DIR/run, with no TCP port', () => {
    expect(started.socketFolder).toBe(join(dataDir, 'run'));
    expect(started.url).toBe(
      `postgres://postgres@${encodeURIComponent(started.socketFolder)}/postgres`,
    );
    expect(new URL(started.url).port).toBe('');
  });

  it('serves the API (its own OS user) through its usual configuration', async () => {
    const db = await new DataSource(
      dataSourceOptions({ url: started.url, poolSize: 1 }),
    ).initialize();
    const rows = await db.query<{ answer: number }[]>('SELECT 41 + 1 AS answer');
    await db.destroy();
    expect(rows).toEqual([{ answer: 42 }]);
  });

  it('keeps DATA_DIR, the database folder and the socket folder 0700, every file 0600', () => {
    const modes = modesUnder(dataDir);
    expect(modes.get(join(dataDir, 'pg', 'PG_VERSION'))?.mode).toBe(0o600);
    expect(modes.get(join(dataDir, 'jwt-secret'))?.mode).toBe(0o600);
    const loose = [...modes]
      .filter(([, { mode, kind }]) => mode !== (kind === 'dir' ? 0o700 : 0o600))
      .map(([path, { mode }]) => `${path} ${mode.toString(8)}`);
    expect(loose).toEqual([]);
    expect(modes.size).toBeGreaterThan(100);
  });

  it('refuses another OS user: no connection, no file read', () => {
    const socket = join(started.socketFolder, '.s.PGSQL.5432');
    const files = [join(dataDir, 'pg', 'PG_VERSION'), join(dataDir, 'jwt-secret')];
    expect(asOtherUser({ socket, files })).toEqual({
      [socket]: 'EACCES',
      [files[0] ?? '']: 'EACCES',
      [files[1] ?? '']: 'EACCES',
    });
  });

  it('refuses a second process on the same DATA_DIR instead of corrupting it', async () => {
    await expect(startEmbedded(dataDir)).rejects.toThrow(/in use by another process/);
  }, 30_000);
});
