import 'reflect-metadata';
import { InvalidEnvironmentError, parseEnv } from './env';

const SECRET = 's'.repeat(32);

function problemOf(raw: Record<string, string | undefined>): string {
  try {
    parseEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return (error as Error).message;
  }
  throw new Error('parseEnv accepted the environment');
}

describe('parseEnv', () => {
  it('fills every contract limit with its documented default', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      SEND_BURST: 30,
      SEND_PER_SECOND: 10,
      LOGIN_MAX_FAILURES: 10,
      LOGIN_WINDOW_SECONDS: 900,
      REST_PER_MINUTE: 600,
      WEB_DIST: 'dist/apps/web',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
  });

  it('turns numeric variables into numbers and keeps strings', () => {
    const env = parseEnv({
      PORT: '8080',
      SEND_PER_SECOND: '0.5',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(env.PORT).toBe(8080);
    expect(env.SEND_PER_SECOND).toBe(0.5);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('treats an empty variable as unset and ignores variables it does not know', () => {
    const env = parseEnv({ PORT: '', REST_PER_MINUTE: '', HOME: '/root', PATH: '/bin' });
    expect(env.PORT).toBe(3000);
    expect(env.REST_PER_MINUTE).toBe(600);
    expect(env).not.toHaveProperty('HOME');
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['SEND_BURST', '0', /SEND_BURST/],
    ['SEND_BURST', '2.5', /SEND_BURST/],
    ['LOGIN_MAX_FAILURES', '-1', /LOGIN_MAX_FAILURES/],
    ['REST_PER_MINUTE', 'lots', /REST_PER_MINUTE/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['NODE_ENV', 'staging', /NODE_ENV/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
  ])('rejects %s=%p with a message naming it', (key, value, expected) => {
    const message = problemOf({ [key]: value });
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toMatch(expected);
  });

  it('lists every problem at once', () => {
    const message = problemOf({ PORT: 'x', SEND_BURST: '0' });
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/SEND_BURST/);
  });

  it('requires JWT_SECRET in production, and accepts production with one', () => {
    expect(problemOf({ NODE_ENV: 'production' })).toMatch(/JWT_SECRET is required in production/);
    expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET }).JWT_SECRET).toBe(SECRET);
    expect(parseEnv({ NODE_ENV: 'development' }).JWT_SECRET).toBeUndefined();
  });
});
