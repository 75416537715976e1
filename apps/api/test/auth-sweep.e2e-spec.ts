import request from 'supertest';
import { DataSource } from 'typeorm';
import { JwtService } from '@nestjs/jwt';
import { AuthSweeper } from '../src/auth/auth-sweeper.service';
import { bearer, login, signup, uniqueName } from './support/factories';
import { useApp } from './support/suite';

/** Issue 9, finding 15: ended sessions and stale login counters do not pile up. */
describe('the auth sweep', () => {
  const t = useApp({ LOGIN_WINDOW_SECONDS: '900' });
  let db: DataSource;
  const sidOf = (token: string) => new JwtService().decode<{ sid: string }>(token).sid;

  beforeAll(() => {
    db = t.app.get(DataSource);
  });

  const sessionExists = async (token: string) =>
    (
      await db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM sessions WHERE id = $1', [
        sidOf(token),
      ])
    )[0]?.n === 1;
  const counterExists = async (key: string) =>
    (
      await db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM login_failures WHERE username_key = $1',
        [key],
      )
    )[0]?.n === 1;
  const failLogin = (username: string) =>
    request(t.url).post('/api/auth/login').send({ username, password: 'not-the-password' });

  it('deletes expired and revoked sessions and passed login windows, and keeps the live ones', async () => {
    const user = await signup(t.url);
    const expired = await login(t.url, user.user.username);
    const loggedOut = await login(t.url, user.user.username);
    await request(t.url).post('/api/auth/logout').set(bearer(loggedOut)).expect(204);
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      sidOf(expired),
    ]);
    const [stale, fresh] = [uniqueName('stale'), uniqueName('fresh')];
    await failLogin(stale).expect(401);
    await failLogin(fresh).expect(401);
    await db.query(
      `UPDATE login_failures SET window_started_at = now() - interval '901 seconds'
        WHERE username_key = $1`,
      [stale],
    );

    const swept = await t.app.get(AuthSweeper).sweep();

    expect(swept.sessions).toBeGreaterThanOrEqual(2);
    expect(swept.loginFailures).toBeGreaterThanOrEqual(1);
    expect(await sessionExists(expired)).toBe(false);
    expect(await sessionExists(loggedOut)).toBe(false);
    expect(await sessionExists(user.token)).toBe(true);
    expect(await counterExists(stale)).toBe(false);
    expect(await counterExists(fresh)).toBe(true);
    await request(t.url).get('/api/auth/me').set(bearer(user.token)).expect(200);
  });

  it('works in bounded batches until nothing is left', async () => {
    const names = Array.from({ length: 7 }, () => uniqueName('batch'));
    for (const name of names) await failLogin(name).expect(401);
    await db.query(
      `UPDATE login_failures SET window_started_at = now() - interval '1 hour'
        WHERE username_key = ANY($1)`,
      [names],
    );
    const swept = await t.app.get(AuthSweeper).sweep(3);
    expect(swept.loginFailures).toBeGreaterThanOrEqual(7);
    for (const name of names) expect(await counterExists(name)).toBe(false);
  });
});
