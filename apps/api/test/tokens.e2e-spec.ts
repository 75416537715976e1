import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { expectApiError } from './support/api-error';
import { bearer, signup, type TestUser } from './support/factories';
import { useApp } from './support/suite';

/** A known key, so the tests can sign tokens exactly as the app does and change one thing. */
const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

interface Claims {
  sub: string;
  sid: string;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('auth: tokens the API must refuse', () => {
  const t = useApp({ JWT_SECRET: SECRET });
  let account: TestUser;
  let claims: Claims;
  const jwt = new JwtService({ secret: SECRET });
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const me = (token: string) => request(t.url).get('/api/auth/me').set(bearer(token));

  beforeAll(async () => {
    account = await signup(t.url);
    const { sub, sid } = jwt.verify<Claims>(account.token);
    claims = { sub, sid };
  });

  it('accepts a token re-signed with the app secret (so the refusals below are about one change)', async () => {
    const token = jwt.sign({ ...claims, exp: nowSeconds() + 60 });
    expect((await me(token).expect(200)).body).toEqual(account.user);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = jwt.sign(
      { ...claims, exp: nowSeconds() + 60 },
      { secret: `${SECRET}-but-not-really` },
    );
    expectApiError(await me(forged), 401);
  });

  it('refuses an expired token', async () => {
    const expired = jwt.sign({ ...claims, iat: nowSeconds() - 120, exp: nowSeconds() - 60 });
    expectApiError(await me(expired), 401);
  });

  it('refuses an unsigned `alg: none` token', async () => {
    const header = base64url({ alg: 'none', typ: 'JWT' });
    const payload = base64url({ ...claims, iat: nowSeconds(), exp: nowSeconds() + 60 });
    expectApiError(await me(`${header}.${payload}.`), 401);
  });

  it('refuses a validly signed token whose claims were swapped to another user', async () => {
    const victim = await signup(t.url);
    const token = jwt.sign({ sub: victim.user.id, sid: claims.sid, exp: nowSeconds() + 60 });
    expectApiError(await me(token), 401);
  });

  it('refuses a well-signed token that is not one of the app sessions', async () => {
    const token = jwt.sign({
      sub: claims.sub,
      sid: '00000000-0000-4000-8000-000000000000',
      exp: nowSeconds() + 60,
    });
    expectApiError(await me(token), 401);
  });
});
