import request from 'supertest';
import type { AuditEntry } from '@chat/contract';
import { runAdminCommand } from '../../src/cli/admin-command';
import { bearer, signup, type TestUser } from './factories';

/** Makes the account an admin as the operator would (`npm run admin -- promote`), on the run's database. */
export async function promote(username: string, url = process.env.DATABASE_URL): Promise<void> {
  const printed: string[] = [];
  const output = {
    out: (line: string) => printed.push(line),
    err: (line: string) => printed.push(line),
  };
  const code = await runAdminCommand(['promote', username], { DATABASE_URL: url }, output);
  if (code !== 0) throw new Error(`promote ${username}: ${printed.join(' ')}`);
}

/** A new account, made an admin; its token resolves to the admin role from the next request on. */
export async function signupAdmin(apiUrl: string): Promise<TestUser> {
  const admin = await signup(apiUrl);
  await promote(admin.user.username);
  return { ...admin, user: { ...admin.user, role: 'admin' } };
}

/** The audit log's entries about one room, newest first, as an admin reads them. */
export async function roomAudit(apiUrl: string, admin: TestUser, room: string) {
  const res = await request(apiUrl)
    .get('/api/admin/audit?limit=100')
    .set(bearer(admin.token))
    .expect(200);
  return (res.body as AuditEntry[]).filter((entry) => entry.room === room);
}
