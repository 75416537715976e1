import request from 'supertest';
import type { AdminUser, AuditEntry, AuthResponse } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { signupAdmin } from './support/admins';
import {
  bearer,
  connectError,
  login,
  nextDisconnect,
  PASSWORD,
  signup,
  uniqueName,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

describe('site administration: roles, deactivation, the audit log', () => {
  const t = useApp();
  let admin: TestUser;
  beforeAll(async () => {
    admin = await signupAdmin(t.url);
  });

  const get = (path: string, token: string) => request(t.url).get(path).set(bearer(token));
  const patch = (token: string, username: string, body: unknown) =>
    request(t.url)
      .patch(`/api/admin/users/${username}`)
      .set(bearer(token))
      .send(body as object);
  const usersPage = async (query: Record<string, string | number>) =>
    (await get('/api/admin/users', admin.token).query(query).expect(200)).body as AdminUser[];
  /** The newest audit entries about `target` (up to 100). */
  const auditOf = async (targetId: string) =>
    (
      (await get('/api/admin/audit?limit=100', admin.token).expect(200)).body as AuditEntry[]
    ).filter((entry) => entry.target?.id === targetId);
  const me = (token: string) => get('/api/auth/me', token);

  it('answers User.role on signup and me', async () => {
    const member = await signup(t.url);
    expect(member.user.role).toBe('member');
    expect((await me(admin.token).expect(200)).body).toMatchObject({ role: 'admin' });
  });

  describe('refused to anyone but an admin', () => {
    it('401 without a token, 403 for a member on every admin route, and no audit entry', async () => {
      const member = await signup(t.url);
      const target = await signup(t.url);
      for (const path of ['/api/admin/users', '/api/admin/audit']) {
        expectApiError(await request(t.url).get(path), 401);
        expectApiError(await get(path, member.token), 403);
      }
      const refused = await patch(member.token, target.user.username, { deactivated: true });
      expect(expectApiError(refused, 403)).toBe('only an admin can do this');
      expectApiError(await patch(member.token, member.user.username, { role: 'admin' }), 403);
      expect(await auditOf(target.user.id)).toEqual([]);
      expect(await auditOf(member.user.id)).toEqual([]);
      await me(target.token).expect(200);
    });
  });

  describe('GET /api/admin/users', () => {
    it('finds accounts by username prefix, sorted case-insensitively, in pages after a username', async () => {
      const stem = uniqueName('Pg');
      const names = [`${stem}_b`, `${stem}_A`, `${stem}_c`];
      const made = [];
      for (const name of names) made.push(await signup(t.url, name));
      const all = await usersPage({ query: stem.toLowerCase() });
      expect(all.map((user) => user.username)).toEqual([`${stem}_A`, `${stem}_b`, `${stem}_c`]);
      expect(all[0]).toEqual({
        id: made[1]?.user.id,
        username: `${stem}_A`,
        role: 'member',
        createdAt: made[1]?.user.createdAt,
        deactivatedAt: null,
      });
      const first = await usersPage({ query: stem, limit: 2 });
      expect(first.map((user) => user.username)).toEqual([`${stem}_A`, `${stem}_b`]);
      const next = await usersPage({ query: stem, limit: 2, after: `${stem}_B` });
      expect(next.map((user) => user.username)).toEqual([`${stem}_c`]);
    });

    it('refuses a bad limit, after or query (400)', async () => {
      for (const query of [{ limit: 0 }, { limit: 101 }, { after: 'a b' }, { query: '%' }]) {
        expectApiError(await get('/api/admin/users', admin.token).query(query), 400);
      }
    });
  });

  describe('PATCH /api/admin/users/:username {role}', () => {
    it('makes an admin (who may act at once) and records who did it', async () => {
      const bea = await signup(t.url);
      const res = await patch(admin.token, bea.user.username.toUpperCase(), { role: 'admin' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: bea.user.id, role: 'admin', deactivatedAt: null });
      await get('/api/admin/users', bea.token).expect(200);
      const [entry] = await auditOf(bea.user.id);
      expect(entry).toEqual({
        id: expect.stringMatching(/^[1-9][0-9]*$/) as string,
        at: expect.any(String) as string,
        actor: { id: admin.user.id, username: admin.user.username },
        action: 'user.role_changed',
        room: null,
        target: { id: bea.user.id, username: bea.user.username },
        detail: 'member → admin',
      });
      // Unmade again, the token that worked a moment ago is refused.
      await patch(admin.token, bea.user.username, { role: 'member' }).expect(200);
      expectApiError(await get('/api/admin/users', bea.token), 403);
    });

    it('changes nothing and records nothing when the role is already that', async () => {
      const cal = await signup(t.url);
      const res = await patch(admin.token, cal.user.username, { role: 'member' }).expect(200);
      expect(res.body).toMatchObject({ role: 'member' });
      expect(await auditOf(cal.user.id)).toEqual([]);
    });

    it('answers 404 for an unknown account and 400 for a bad body', async () => {
      expectApiError(await patch(admin.token, uniqueName('nobody'), { role: 'admin' }), 404);
      const dee = await signup(t.url);
      for (const body of [{ role: 'owner' }, { deactivated: 'yes' }, { role: 'admin', extra: 1 }]) {
        expectApiError(await patch(admin.token, dee.user.username, body), 400);
      }
      expect(await auditOf(dee.user.id)).toEqual([]);
    });
  });

  describe('deactivation', () => {
    it('ends every session at once, sockets included; login then says so after the right password', async () => {
      const eve = await signup(t.url);
      const agent = request.agent(t.url);
      const browser = (
        await agent
          .post('/api/auth/login')
          .send({ username: eve.user.username, password: PASSWORD })
      ).body as AuthResponse;
      const tokens = [eve.token, browser.accessToken, await login(t.url, eve.user.username)];
      const eveSockets = await Promise.all(tokens.map((token) => t.open(token)));
      const bystander = await signup(t.url);
      const bystanderSocket = await t.open(bystander.token);
      const disconnected = eveSockets.map((socket) => nextDisconnect(socket));

      const res = await patch(admin.token, eve.user.username, { deactivated: true }).expect(200);
      expect((res.body as AdminUser).deactivatedAt).toEqual(expect.any(String));
      expect(await Promise.all(disconnected)).toEqual(tokens.map(() => 'io server disconnect'));
      for (const token of tokens) expectApiError(await me(token), 401);
      expect((await connectError(t.url, { auth: { token: eve.token } })).message).toBe(
        'unauthorized',
      );
      const refreshed = agent.post('/api/auth/refresh').set('Content-Type', 'application/json');
      expectApiError(await refreshed.send('{}'), 401);
      expect(bystanderSocket.connected).toBe(true);

      const wrong = { username: eve.user.username, password: 'not the password' };
      expect(expectApiError(await request(t.url).post('/api/auth/login').send(wrong), 401)).toBe(
        'invalid username or password',
      );
      const right = { username: eve.user.username, password: PASSWORD };
      expect(expectApiError(await request(t.url).post('/api/auth/login').send(right), 403)).toBe(
        'account deactivated',
      );
      const [entry] = await auditOf(eve.user.id);
      expect(entry).toMatchObject({ action: 'user.deactivated', actor: { id: admin.user.id } });
    });

    it('reactivation lets the person log in again; the ended sessions stay ended', async () => {
      const fay = await signup(t.url);
      await patch(admin.token, fay.user.username, { deactivated: true }).expect(200);
      const res = await patch(admin.token, fay.user.username, { deactivated: false }).expect(200);
      expect(res.body).toMatchObject({ deactivatedAt: null });
      expectApiError(await me(fay.token), 401);
      const token = await login(t.url, fay.user.username);
      await me(token).expect(200);
      expect((await auditOf(fay.user.id)).map((entry) => entry.action)).toEqual([
        'user.reactivated',
        'user.deactivated',
      ]);
    });
  });

  describe('GET /api/admin/audit', () => {
    it('pages newest first with before, and refuses bad cursors', async () => {
      const gus = await signup(t.url);
      await patch(admin.token, gus.user.username, { role: 'admin' }).expect(200);
      await patch(admin.token, gus.user.username, { role: 'member' }).expect(200);
      await patch(admin.token, gus.user.username, { deactivated: true }).expect(200);
      const [newest, middle, oldest] = await auditOf(gus.user.id);
      expect([newest?.action, middle?.detail, oldest?.detail]).toEqual([
        'user.deactivated',
        'admin → member',
        'member → admin',
      ]);
      const page = (
        await get(`/api/admin/audit?before=${newest?.id}&limit=2`, admin.token).expect(200)
      ).body as AuditEntry[];
      expect(page).toHaveLength(2);
      expect(BigInt(page[0]?.id ?? 0)).toBeLessThan(BigInt(newest?.id ?? 0));
      expect(BigInt(page[1]?.id ?? 0)).toBeLessThan(BigInt(page[0]?.id ?? 0));
      for (const query of ['before=0', 'before=x', 'limit=0', 'limit=101']) {
        expectApiError(await get(`/api/admin/audit?${query}`, admin.token), 400);
      }
    });
  });
});
