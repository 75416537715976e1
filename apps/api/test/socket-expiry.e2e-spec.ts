import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import {
  createRoom,
  emitRaw,
  emitWithAck,
  joinRoom,
  login,
  nextDisconnect,
  signup,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

/** A known key, so the tests can mint tokens of a real session with any expiry. */
const SECRET = 'socket-expiry-test-secret-long-enough-0123456789';

interface Claims {
  sub: string;
  sid: string;
}

/** Issue 9, finding 11: a socket lives no longer than its token (or its session). */
describe('sockets and the life of their token', () => {
  const t = useApp({ JWT_SECRET: SECRET });
  let alice: TestUser;
  const jwt = new JwtService({ secret: SECRET });
  const claimsOf = (token: string): Claims => {
    const { sub, sid } = jwt.verify<Claims>(token);
    return { sub, sid };
  };
  /** A token of `claims`' session that expires `seconds` from now (whole seconds, as JWTs do). */
  const tokenFor = (claims: Claims, seconds: number) =>
    jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + seconds });
  const expiryOf = (token: string) => jwt.decode<{ exp: number }>(token).exp * 1000;

  beforeAll(async () => {
    alice = await signup(t.url);
  });

  it('disconnects a socket when its token expires', async () => {
    const token = tokenFor(claimsOf(alice.token), 2);
    const socket = await t.open(token);
    const cut = nextDisconnect(socket, 6000);
    await expect(cut).resolves.toBe('io server disconnect');
    expect(Date.now()).toBeGreaterThanOrEqual(expiryOf(token));
  });

  it('keeps a socket that moved onto a newer token of its session in time', async () => {
    const claims = claimsOf(alice.token);
    const refreshed = await t.open(tokenFor(claims, 2));
    // Expires a second after `refreshed` would have: once it is cut, `refreshed` would be too.
    const witness = await t.open(tokenFor(claims, 3));
    const newer = tokenFor(claims, 120);

    const ack = await emitWithAck(refreshed, 'auth:refresh', { token: newer });
    expect(ack).toEqual({ ok: true, expiresAt: new Date(expiryOf(newer)).toISOString() });

    await expect(nextDisconnect(witness, 7000)).resolves.toBe('io server disconnect');
    expect(refreshed.connected).toBe(true);
    const room = await createRoom(t.url, alice.token);
    await expect(joinRoom(refreshed, room.name)).resolves.toMatchObject({ missed: [] });
  }, 15_000);

  it('refuses a token of another session or user, or none at all, and keeps the socket', async () => {
    const socket = await t.open(alice.token);
    const otherSession = await login(t.url, alice.user.username);
    const bob = await signup(t.url);
    for (const token of [otherSession, bob.token, 'not-a-token']) {
      const ack = await emitWithAck(socket, 'auth:refresh', { token });
      expect(ack).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(await emitRaw(socket, 'auth:refresh', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(socket.connected).toBe(true);
  });

  it('disconnects at the session end when that comes before the token expiry', async () => {
    const token = await login(t.url, alice.user.username);
    const { sid } = claimsOf(token);
    await t.app
      .get(DataSource)
      .query(`UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE id = $1`, [sid]);
    const socket = await t.open(tokenFor(claimsOf(token), 600));
    const ack = await emitWithAck(socket, 'auth:refresh', {
      token: tokenFor(claimsOf(token), 900),
    });
    if (!ack.ok) throw new Error(`auth:refresh refused: ${ack.error.code}`);
    // The refreshed token lives 15 minutes; the socket still ends with its session.
    expect(Date.parse(ack.expiresAt) - Date.now()).toBeLessThan(2500);
    await expect(nextDisconnect(socket, 6000)).resolves.toBe('io server disconnect');
  });
});
