import { connect, connectError, signup, type TestUser } from './support/factories';
import { useApp } from './support/suite';

/**
 * Browsers send `Origin`; a page on a foreign site must not open a socket with a stolen token.
 * One app per file: passport strategies are process-wide, so a second app in this worker would
 * take over the first one's REST authentication.
 */
describe('socket handshake origin', () => {
  const friendly = 'http://friend.example:8080';
  const t = useApp({ CORS_ORIGINS: `http://a.example, ${friendly}` });
  let alice: TestUser;
  const refusal = (origin: string) =>
    connectError(t.url, { auth: { token: alice.token }, extraHeaders: { origin } });

  beforeAll(async () => {
    alice = await signup(t.url);
  });

  it.each(['http://evil.example', 'http://friend.example', 'https://friend.example:8080', 'null'])(
    'refuses a handshake from %s, even with a valid token',
    async (origin) => {
      await expect(refusal(origin)).resolves.toBeInstanceOf(Error);
    },
  );

  it.each([
    ['the API’s own origin', () => t.url],
    ['an origin listed in CORS_ORIGINS', () => friendly],
  ])('accepts a handshake from %s', async (_label, origin) => {
    const socket = t.track(
      await connect(t.url, alice.token, { extraHeaders: { origin: origin() } }),
    );
    expect(socket.connected).toBe(true);
  });

  it('accepts a client that sends no Origin at all (not a browser)', async () => {
    const socket = await t.open(alice.token);
    expect(socket.connected).toBe(true);
  });
});
