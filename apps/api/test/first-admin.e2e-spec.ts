import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AdminUser, AuditEntry, AuthResponse } from '@chat/contract';
import { PasswordHasher } from '../src/auth/password-hasher';
import { runAdminCommand } from '../src/cli/admin-command';
import { dataSourceOptions } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrate';
import { SiteRolesAndAudit1765200000000 } from '../src/database/migrations/1765200000000-site-roles-and-audit';
import { UsersService } from '../src/users/users.service';
import { expectApiError } from './support/api-error';
import { startApp, type TestApp } from './support/app';
import { bearer, login, PASSWORD, signup, uniqueName } from './support/factories';
import {
  freshDatabase,
  REPO_ROOT,
  startEmbeddedProcess,
  TS_NODE_ENV,
  tsNodeArgs,
  type FreshDatabase,
} from './support/fresh-database';
import { useUpgradeDatabase } from './support/upgrade-database';

/** The command line, in this process (on DATABASE_URL), with what it printed. */
async function admin(url: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdminCommand(
    args,
    { DATABASE_URL: url },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The command line as the operator runs it, in a process of its own, on a DATA_DIR. */
function adminProcess(dataDir: string, ...args: string[]) {
  const child = spawn(process.execPath, tsNodeArgs('apps/api/src/cli/admin.ts', ...args), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...TS_NODE_ENV, DATABASE_URL: '', DATA_DIR: dataDir },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise<{ code: number | null; out: string; err: string }>((done) =>
    child.once('exit', (code) => done({ code, out, err })),
  );
}

const users = async (t: TestApp, token: string) =>
  (await request(t.url).get('/api/admin/users').set(bearer(token)).expect(200)).body as AdminUser[];
const audit = async (t: TestApp, token: string) =>
  (await request(t.url).get('/api/admin/audit').set(bearer(token)).expect(200))
    .body as AuditEntry[];
const patch = (t: TestApp, token: string, username: string, body: object) =>
  request(t.url).patch(`/api/admin/users/${username}`).set(bearer(token)).send(body);

describe('a new database: its first account is the admin', () => {
  let db: FreshDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await freshDatabase();
    t = await startApp({ DATABASE_URL: db.url });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('makes exactly one of several signups at the same moment the admin, later ones members', async () => {
    // Straight to the signup transaction, hashes made beforehand: over HTTP the password hash
    // (~0.1 s each) spreads the signups out, and the race would rarely be run at all.
    const accounts = t.app.get(UsersService);
    const hash = await new PasswordHasher().hash(PASSWORD);
    const names = Array.from({ length: 8 }, () => uniqueName('first'));
    const firsts = await Promise.all(names.map((name) => accounts.create(name, hash)));
    expect(firsts.filter((user) => user.role === 'admin')).toHaveLength(1);
    const later = await signup(t.url);
    expect(later.user.role).toBe('member');
    const adminName = firsts.find((user) => user.role === 'admin')?.username ?? '';
    const listed = await users(t, await login(t.url, adminName));
    expect(listed.filter((user) => user.role === 'admin')).toHaveLength(1);
    const me = await request(t.url).get('/api/auth/me').set(bearer(later.token)).expect(200);
    expect(me.body).toMatchObject({ role: 'member' });
  });

  describe('the last active admin', () => {
    let ada: { token: string; name: string };
    let bob: { token: string; name: string };
    beforeAll(async () => {
      const [listedAdmin] = (await users(t, await adminToken())).filter((u) => u.role === 'admin');
      if (!listedAdmin) throw new Error('no admin');
      ada = { name: listedAdmin.username, token: await login(t.url, listedAdmin.username) };
      const other = await signup(t.url, uniqueName('bob'));
      bob = { name: other.user.username, token: other.token };
    });
    async function adminToken(): Promise<string> {
      const res = await admin(db.url, 'users');
      const name = /^(\S+)\s+admin\s+active/m.exec(res.out)?.[1];
      if (!name) throw new Error(`no active admin in ${res.out}`);
      return login(t.url, name);
    }

    it('cannot be demoted or deactivated (409), and the refusal leaves no audit entry', async () => {
      const before = await audit(t, ada.token);
      expectApiError(await patch(t, ada.token, ada.name, { role: 'member' }), 409);
      expectApiError(await patch(t, ada.token, ada.name, { deactivated: true }), 409);
      expect(await audit(t, ada.token)).toEqual(before);
      expect((await admin(db.url, 'demote', ada.name)).code).toBe(1);
    });

    it('of two admins demoting each other at the same moment, one is refused', async () => {
      await patch(t, ada.token, bob.name, { role: 'admin' }).expect(200);
      const answers = await Promise.all([
        patch(t, ada.token, bob.name, { role: 'member' }),
        patch(t, bob.token, ada.name, { role: 'member' }),
      ]);
      // The other is refused: 409 under the lock, or 403 when its request began after the demotion.
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const winner = answers[0]?.status === 200 ? ada : bob;
      const admins = (await users(t, winner.token)).filter((u) => u.role === 'admin');
      expect(admins.map((u) => u.username)).toEqual([winner.name]);
    });
  });

  describe('the command line on DATABASE_URL', () => {
    it('lists, promotes, demotes and resets a password (printed once)', async () => {
      const carol = await signup(t.url, uniqueName('carol'));
      const name = carol.user.username;
      expect((await admin(db.url, 'users')).out).toMatch(
        new RegExp(`^${name}\\s+member\\s+active`, 'm'),
      );
      expect(await admin(db.url, 'promote', name)).toMatchObject({ code: 0 });
      expect((await admin(db.url, 'users')).out).toMatch(
        new RegExp(`^${name}\\s+admin\\s+active`, 'm'),
      );
      expect(await admin(db.url, 'demote', name)).toMatchObject({ code: 0 });
      const reset = await admin(db.url, 'reset-password', name);
      expect(reset.code).toBe(0);
      const password = /New password for \S+: (\S+)/.exec(reset.out)?.[1];
      if (!password) throw new Error(reset.out);
      // Old sessions ended; the old password no longer works, the new one does.
      await request(t.url).get('/api/auth/me').set(bearer(carol.token)).expect(401);
      await request(t.url)
        .post('/api/auth/login')
        .send({ username: name, password: PASSWORD })
        .expect(401);
      const res = await request(t.url)
        .post('/api/auth/login')
        .send({ username: name, password })
        .expect(200);
      expect((res.body as AuthResponse).user).toMatchObject({ username: name, role: 'member' });
    });

    it('answers plainly for an unknown account or command', async () => {
      expect(await admin(db.url, 'promote', 'nobody_here')).toMatchObject({
        code: 1,
        err: 'There is no account named nobody_here.',
      });
      expect(await admin(db.url, 'promote')).toMatchObject({ code: 2 });
      expect((await admin(db.url, 'delete-everything')).err).toMatch(/^usage: npm run admin/);
    });
  });
});

describe('the command line on the embedded data folder', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'chat-admin-cli-')), 'data');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses while a running API holds the folder, and works once it stopped', async () => {
    const running = await startEmbeddedProcess(dataDir);
    try {
      const db = await new DataSource(
        dataSourceOptions({ url: running.url, poolSize: 2 }),
      ).initialize();
      await runMigrations(db);
      await db.query(
        `INSERT INTO users (username, password_hash, role) VALUES ('zed', 'x', 'admin')`,
      );
      await db.destroy();
      const refused = await adminProcess(dataDir, 'users');
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/is in use by a running API\. Stop the API first/);
      expect(refused.out).toBe('');
    } finally {
      expect(await running.stop()).toBe(0);
    }
    const listed = await adminProcess(dataDir, 'users');
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.out).toMatch(/^zed\s+admin\s+active/m);
  }, 90_000);
});

describe('the upgrade of a v1 database with accounts', () => {
  const upgrade = useUpgradeDatabase(SiteRolesAndAudit1765200000000);

  it('makes the oldest account the admin and the others members; down undoes it', async () => {
    const v1 = await upgrade.before();
    await runMigrations(v1);
    await v1.query(
      `INSERT INTO users (username, password_hash, created_at) VALUES
         ('newer', 'x', '2026-02-01T00:00:00Z'), ('oldest', 'x', '2026-01-01T00:00:00Z'),
         ('newest', 'x', '2026-03-01T00:00:00Z')`,
    );
    await v1.destroy();

    // Up to this migration, so undoing the last one undoes it (later ones may follow it).
    const v2 = await upgrade.upToIt();
    await runMigrations(v2);
    const rows = await v2.query<{ username: string; role: string; deactivated_at: null }[]>(
      'SELECT username, role, deactivated_at FROM users ORDER BY created_at',
    );
    expect(rows).toEqual([
      { username: 'oldest', role: 'admin', deactivated_at: null },
      { username: 'newer', role: 'member', deactivated_at: null },
      { username: 'newest', role: 'member', deactivated_at: null },
    ]);
    await v2.undoLastMigration({ transaction: 'all' });
    const [left] = await v2.query<{ tables: number; columns: number }[]>(
      `SELECT (SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'audit_entries') AS tables,
              (SELECT count(*)::int FROM information_schema.columns
                WHERE table_name = 'users' AND column_name IN ('role', 'deactivated_at')) AS columns`,
    );
    expect(left).toEqual({ tables: 0, columns: 0 });
    await v2.destroy();
  });
});
