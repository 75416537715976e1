import request from 'supertest';
import type { AuthResponse, User } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { bearer, signup, PASSWORD, uniqueName } from './support/factories';
import { useApp } from './support/suite';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('auth: signup, login, me, logout', () => {
  const t = useApp();

  const post = (path: string, body: object) => request(t.url).post(`/api/auth/${path}`).send(body);
  const me = (token: string) => request(t.url).get('/api/auth/me').set(bearer(token));

  describe('signup', () => {
    it('creates the account and returns a working token and the user', async () => {
      const username = uniqueName('Ada');
      const res = await post('signup', { username, password: PASSWORD }).expect(201);
      const body = res.body as AuthResponse;
      expect(body.accessToken).toEqual(expect.any(String));
      const { id, createdAt, ...rest } = body.user;
      expect(id).toMatch(UUID);
      expect(createdAt).toMatch(ISO_UTC);
      // The run's very first signup is the admin (first-admin.e2e-spec); every other a member.
      expect(rest).toEqual({ username, role: expect.stringMatching(/^(admin|member)$/) as string });
      expect(res.text).not.toMatch(/hash|argon/i);
      expect((await me(body.accessToken).expect(200)).body).toEqual(body.user);
    });

    it('keeps the casing given at signup for display', async () => {
      const username = `MiXeD.${uniqueName('Case')}`;
      const { token, user } = await signup(t.url, username);
      expect(user.username).toBe(username);
      expect((await me(token).expect(200)).body as User).toMatchObject({ username });
    });

    it.each([
      ['too short', 'ab'],
      ['too long', 'a'.repeat(33)],
      ['a space', 'has space'],
      ['a slash', 'a/b/c'],
      ['markup', '<b>bold</b>'],
      ['an emoji', 'smile😀'],
    ])('refuses a username with %s (400)', async (_case, username) => {
      const res = await post('signup', { username, password: PASSWORD });
      expect(expectApiError(res, 400)).toMatch(/username must be 3 to 32 letters/);
    });

    it.each([
      ['too short', () => 'short7!'],
      ['too long', () => 'p'.repeat(129)],
      ['all digits', () => '123456789012'],
      ['all digits of another script', () => '١٢٣٤٥٦٧٨'],
      ['only spaces', () => ' '.repeat(8)],
      ['only white space of any kind', () => ' \t \u00a0\u3000  \n'],
      ['the username', (name: string) => name],
      ['the username in other casing', (name: string) => name.toUpperCase()],
    ])('refuses a password that is %s (400)', async (_case, makePassword) => {
      const username = uniqueName('pw');
      const res = await post('signup', { username, password: makePassword(username) });
      expect(expectApiError(res, 400)).toMatch(/password must/);
      await post('login', { username, password: makePassword(username) }).expect(401);
    });

    it.each(['password', 'Password1', 'iloveyou', 'qwertyuiop', '12345678a'])(
      'refuses the commonly used password %p (400)',
      async (password) => {
        const username = uniqueName('common');
        const res = await post('signup', { username, password });
        expect(expectApiError(res, 400)).toMatch(/too common/);
        await post('login', { username, password }).expect(401);
      },
    );

    it('accepts passwords of exactly 8 and 128 characters', async () => {
      await post('signup', { username: uniqueName('p8'), password: 'abcdefg8' }).expect(201);
      await post('signup', { username: uniqueName('p128'), password: 'x'.repeat(128) }).expect(201);
    });

    it('refuses missing or non-string fields (400)', async () => {
      expectApiError(await post('signup', { username: uniqueName() }), 400);
      expectApiError(await post('signup', { username: 12345, password: PASSWORD }), 400);
      expectApiError(await post('signup', { username: uniqueName(), password: ['a', 'b'] }), 400);
    });

    it('refuses a name taken in another casing (409) and keeps the first account', async () => {
      const original = await signup(t.url, uniqueName('Taken'));
      const res = await post('signup', {
        username: original.user.username.toUpperCase(),
        password: 'another-pass-1',
      });
      expect(expectApiError(res, 409)).toMatch(/taken|exists/i);
      const login = await post('login', {
        username: original.user.username,
        password: PASSWORD,
      }).expect(200);
      expect((login.body as AuthResponse).user.id).toBe(original.user.id);
    });
  });

  describe('login', () => {
    it('logs in with the username in any casing and returns the same user', async () => {
      const { user } = await signup(t.url, uniqueName('Grace'));
      for (const username of [
        user.username,
        user.username.toUpperCase(),
        user.username.toLowerCase(),
      ]) {
        const res = await post('login', { username, password: PASSWORD }).expect(200);
        const body = res.body as AuthResponse;
        expect(body.user).toEqual(user);
        expect((await me(body.accessToken).expect(200)).body).toEqual(user);
      }
    });

    it('answers an unknown user and a wrong password with the same 401 message', async () => {
      const { user } = await signup(t.url);
      const wrongPassword = await post('login', {
        username: user.username,
        password: 'not-the-password',
      });
      const unknownUser = await post('login', {
        username: uniqueName('ghost'),
        password: PASSWORD,
      });
      const first = expectApiError(wrongPassword, 401);
      expect(expectApiError(unknownUser, 401)).toBe(first);
      expect(first).not.toMatch(/unknown|not found|exist/i);
    });
  });

  describe('me', () => {
    it('answers 401 without a token or with a malformed one', async () => {
      expectApiError(await request(t.url).get('/api/auth/me'), 401);
      expectApiError(await me('not.a.jwt'), 401);
      expectApiError(
        await request(t.url).get('/api/auth/me').set('Authorization', 'Basic abc'),
        401,
      );
    });
  });

  describe('logout', () => {
    it('answers 204, after which that token fails but other sessions keep working', async () => {
      const { token, user, password } = await signup(t.url);
      const other = await post('login', { username: user.username, password }).expect(200);
      await request(t.url).post('/api/auth/logout').set(bearer(token)).expect(204);
      expectApiError(await me(token), 401);
      expectApiError(await request(t.url).post('/api/auth/logout').set(bearer(token)), 401);
      await me((other.body as AuthResponse).accessToken).expect(200);
    });

    it('answers 401 without a token', async () => {
      expectApiError(await request(t.url).post('/api/auth/logout'), 401);
    });
  });
});
