import request from 'supertest';
import { expectApiError } from './support/api-error';
import { PASSWORD, signup, uniqueName, type TestUser } from './support/factories';
import { useApp } from './support/suite';

const MAX_FAILURES = 10;

/** Issue 9, findings 2 and 3: the lockout holds against concurrency and Unicode look-alikes. */
describe('login lockout under attack (LOGIN_MAX_FAILURES=10)', () => {
  const t = useApp({
    LOGIN_MAX_FAILURES: String(MAX_FAILURES),
    LOGIN_WINDOW_SECONDS: '900',
  });

  const login = (username: string, password: string) =>
    request(t.url).post('/api/auth/login').send({ username, password });

  it('lets at most 10 of 100 concurrent guesses reach the password check, the right one included', async () => {
    const victim = await signup(t.url);
    const guesses = Array.from({ length: 100 }, (_, i) =>
      i === 98 ? PASSWORD : `wrong-guess-${i}`,
    );
    const statuses = (
      await Promise.all(guesses.map((password) => login(victim.user.username, password)))
    ).map((res) => res.status);

    const checked = statuses.filter((status) => status !== 429);
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
      100 - MAX_FAILURES,
    );
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
  }, 30_000);

  describe('Unicode variants of a real name', () => {
    let victim: TestUser;
    const variant = (name: string) => name.replace('i', '\u0130'); // "İ", LATIN CAPITAL I WITH DOT

    beforeEach(async () => {
      victim = await signup(t.url, uniqueName('admin'));
    });

    it('never reaches the real account, not even with its password', async () => {
      const res = await login(variant(victim.user.username), PASSWORD);
      expect(expectApiError(res, 401)).toMatch(/invalid username or password/);
    });

    it('gives the locked real name no way in through its own counter', async () => {
      for (let i = 0; i < MAX_FAILURES; i += 1) {
        expectApiError(await login(victim.user.username, `wrong-${i}-pass`), 401);
      }
      expectApiError(await login(victim.user.username, PASSWORD), 429);
      const res = await login(variant(victim.user.username), PASSWORD);
      expect(res.status).not.toBe(200);
      expectApiError(await login(victim.user.username.toUpperCase(), PASSWORD), 429);
    });

    it('does not let failures on the variant lock the real name', async () => {
      for (let i = 0; i < MAX_FAILURES + 2; i += 1) {
        await login(variant(victim.user.username), `wrong-${i}-pass`);
      }
      await login(victim.user.username, PASSWORD).expect(200);
    });
  });
});
