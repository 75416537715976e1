import { randomUUID } from 'node:crypto';
import { accessClaims } from './authenticated-user';
import { newRefreshCredential, parseRefreshCredential } from './refresh-credential';

describe('refresh credentials', () => {
  it('are random, bound to their session, and parse back to the same hash', () => {
    const sessionId = randomUUID();
    const first = newRefreshCredential(sessionId);
    const second = newRefreshCredential(sessionId);
    expect(first.value).toMatch(new RegExp(`^${sessionId}\\.[A-Za-z0-9_-]{43}$`));
    expect(second.value).not.toBe(first.value);
    expect(parseRefreshCredential(first.value)).toEqual(first);
    expect(first.hash).toHaveLength(32);
    expect(first.hash.toString('hex')).not.toContain(first.value.split('.')[1]);
  });

  it.each([
    ['a number', 42],
    ['nothing', undefined],
    ['no secret', `${randomUUID()}.`],
    ['a short secret', `${randomUUID()}.abc`],
    ['a session id that is no UUID', `not-a-uuid.${'A'.repeat(43)}`],
    ['three parts', `${randomUUID()}.${'A'.repeat(43)}.x`],
    ['something huge', 'x'.repeat(10_000)],
  ])('refuse %s', (_case, value) => {
    expect(parseRefreshCredential(value)).toBeNull();
  });
});

describe('accessClaims', () => {
  const sub = randomUUID();
  const sid = randomUUID();

  it('takes the claims of a token this API signs', () => {
    expect(accessClaims({ sub, sid, exp: 1_900_000_000, iat: 1 })).toEqual({
      sub,
      sid,
      exp: 1_900_000_000,
    });
  });

  it.each([
    ['no expiry', { sub, sid }],
    ['a string expiry', { sub, sid, exp: '1900000000' }],
    ['a subject that is no UUID', { sub: 'admin', sid, exp: 1 }],
    ['no session', { sub, exp: 1 }],
    ['not an object', 'sub'],
    ['null', null],
  ])('refuses a payload with %s', (_case, payload) => {
    expect(accessClaims(payload)).toBeNull();
  });
});
