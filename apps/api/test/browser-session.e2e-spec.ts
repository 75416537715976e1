import request, { type Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { AuthResponse } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { bearer, nextDisconnect, PASSWORD, uniqueName } from './support/factories';
import { useApp } from './support/suite';

const COOKIE = 'chat_refresh';

interface SetCookie {
  value: string;
  attributes: Map<string, string>;
}

/** The refresh cookie a response sets, parsed; undefined when it sets none. */
function refreshCookieOf(res: Response): SetCookie | undefined {
  const header: unknown = res.headers['set-cookie'];
  const lines = Array.isArray(header) ? header.map(String) : [];
  const line = lines.find((candidate) => candidate.startsWith(`${COOKIE}=`));
  if (!line) return undefined;
  const [pair = '', ...attributes] = line.split(/;\s*/);
  return {
    value: decodeURIComponent(pair.slice(COOKIE.length + 1)),
    attributes: new Map(
      attributes.map((attribute) => {
        const [name = '', ...rest] = attribute.split('=');
        return [name.toLowerCase(), rest.join('=')] as const;
      }),
    ),
  };
}

const sessionIdOf = (credential: string) => credential.split('.')[0] ?? '';

describe('browser sessions: the refresh cookie', () => {
  const t = useApp({ TRUST_PROXY: '1' });

  const signupRes = () =>
    request(t.url)
      .post('/api/auth/signup')
      .send({ username: uniqueName('browser'), password: PASSWORD })
      .expect(201);
  const refresh = (cookie?: string) => {
    const req = request(t.url).post('/api/auth/refresh').set('Content-Type', 'application/json');
    return (cookie === undefined ? req : req.set('Cookie', `${COOKIE}=${cookie}`)).send('{}');
  };
  const me = (token: string) => request(t.url).get('/api/auth/me').set(bearer(token));

  /** Signs up and returns the answer and its cookie's credential. */
  async function browserSignup(): Promise<{ body: AuthResponse; credential: string }> {
    const res = await signupRes();
    const cookie = refreshCookieOf(res);
    if (!cookie) throw new Error('signup set no refresh cookie');
    return { body: res.body as AuthResponse, credential: cookie.value };
  }

  it('is set by signup and login: HttpOnly, SameSite=Strict, only for /api/auth, long-lived', async () => {
    const res = await signupRes();
    const cookie = refreshCookieOf(res);
    expect(cookie?.attributes.has('httponly')).toBe(true);
    expect(cookie?.attributes.get('samesite')).toBe('Strict');
    expect(cookie?.attributes.get('path')).toBe('/api/auth');
    // Plain HTTP: not Secure, or the browser would drop it on a local install.
    expect(cookie?.attributes.has('secure')).toBe(false);
    const expires = Date.parse(cookie?.attributes.get('expires') ?? '');
    expect(expires - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);

    const body = res.body as AuthResponse;
    const login = await request(t.url)
      .post('/api/auth/login')
      .send({ username: body.user.username, password: PASSWORD })
      .expect(200);
    expect(refreshCookieOf(login)?.value).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/);
    expect(refreshCookieOf(login)?.value).not.toBe(cookie?.value);
  });

  it('comes with a short-lived access token and its expiry', async () => {
    const { body } = await browserSignup();
    const lifetime = Date.parse(body.expiresAt) - Date.now();
    expect(body.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
  });

  it('is marked Secure when the request came over TLS through a trusted proxy', async () => {
    const res = await request(t.url)
      .post('/api/auth/signup')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: uniqueName('tls'), password: PASSWORD })
      .expect(201);
    expect(refreshCookieOf(res)?.attributes.has('secure')).toBe(true);
  });

  it('is exchanged by POST /api/auth/refresh for a new access token and a new credential', async () => {
    const { body, credential } = await browserSignup();
    const res = await refresh(credential).expect(200);
    const renewed = res.body as AuthResponse;
    expect(renewed.user).toEqual(body.user);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThanOrEqual(Date.parse(body.expiresAt));
    await me(renewed.accessToken).expect(200);
    const next = refreshCookieOf(res)?.value;
    expect(next).toBeDefined();
    expect(next).not.toBe(credential);
    expect(sessionIdOf(next ?? '')).toBe(sessionIdOf(credential));
    await refresh(next).expect(200);
  });

  it('answers 401 unauthorized without a cookie, or with one that is not ours, and clears it', async () => {
    expect(expectApiError(await refresh(), 401)).toMatch(/log in again/);
    const forged = `${sessionIdOf((await browserSignup()).credential)}.${'A'.repeat(43)}`;
    for (const bad of ['garbage', forged]) {
      const res = await refresh(bad);
      expectApiError(res, 401);
      expect(refreshCookieOf(res)?.value).toBe('');
    }
  });

  it('refuses a refresh not sent as JSON (415), so no cross-site form can trigger it', async () => {
    const { credential } = await browserSignup();
    const form = await request(t.url)
      .post('/api/auth/refresh')
      .set('Cookie', `${COOKIE}=${credential}`)
      .type('form')
      .send('a=b');
    expectApiError(form, 415);
    await refresh(credential).expect(200);
  });

  it('ends the whole session when a replaced credential is replayed later', async () => {
    const { body, credential } = await browserSignup();
    const socket = await t.open(body.accessToken);
    const rotated = refreshCookieOf(await refresh(credential).expect(200))?.value ?? '';
    // Later than the grace given to two tabs racing: age the rotation instead of waiting.
    await t.app
      .get(DataSource)
      .query(`UPDATE sessions SET refreshed_at = now() - interval '1 minute' WHERE id = $1`, [
        sessionIdOf(credential),
      ]);
    const cut = nextDisconnect(socket);

    expectApiError(await refresh(credential), 401);

    await expect(cut).resolves.toBe('io server disconnect');
    expectApiError(await refresh(rotated), 401);
    expectApiError(await me(body.accessToken), 401);
  });

  it('gives two tabs refreshing with one cookie at once a token each, and one new cookie', async () => {
    const { credential } = await browserSignup();
    const answers = await Promise.all([refresh(credential), refresh(credential)]);
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    const cookies = answers.map(refreshCookieOf).filter((cookie) => cookie !== undefined);
    expect(cookies).toHaveLength(1);
    for (const res of answers) await me((res.body as AuthResponse).accessToken).expect(200);
    await refresh(cookies[0]?.value).expect(200);
  });

  it('is cleared by logout, after which it no longer refreshes', async () => {
    const { body, credential } = await browserSignup();
    const res = await request(t.url)
      .post('/api/auth/logout')
      .set(bearer(body.accessToken))
      .set('Cookie', `${COOKIE}=${credential}`)
      .expect(204);
    const cleared = refreshCookieOf(res);
    expect(cleared?.value).toBe('');
    expect(Date.parse(cleared?.attributes.get('expires') ?? '')).toBeLessThan(Date.now());
    expectApiError(await refresh(credential), 401);
  });

  it('leaves Bearer tokens as they were for clients that keep no cookies', async () => {
    const { body } = await browserSignup();
    await me(body.accessToken).expect(200);
    await request(t.url).post('/api/auth/logout').set(bearer(body.accessToken)).expect(204);
    expectApiError(await me(body.accessToken), 401);
  });
});
