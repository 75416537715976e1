import { RATE_LIMITED_HANDSHAKE } from '@chat/contract';
import {
  connect,
  connectError,
  signup,
  uniqueAddress,
  type ChatClient,
  type TestUser,
} from './support/factories';
import { nth } from './support/nth';
import { useApp } from './support/suite';

const PER_USER = 3;
const PER_ADDRESS = 5;

const from = (address: string) => ({ extraHeaders: { 'X-Forwarded-For': address } });

/** SOCKETS_PER_USER and SOCKETS_PER_ADDRESS, refused at the handshake with `rate_limited`. */
describe(`open sockets per user (${PER_USER}) and per address (${PER_ADDRESS})`, () => {
  const t = useApp({
    TRUST_PROXY: '1',
    SOCKETS_PER_USER: String(PER_USER),
    SOCKETS_PER_ADDRESS: String(PER_ADDRESS),
  });
  const open = async (user: TestUser, address: string) =>
    t.track(await connect(t.url, user.token, from(address)));
  const refusal = (user: TestUser, address: string) =>
    connectError(t.url, { auth: { token: user.token }, ...from(address) });

  /** Connects once the server has let go of a closed socket (its disconnect is handled apart). */
  async function openOnceFreed(user: TestUser, address: string): Promise<ChatClient> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await open(user, address);
      } catch (error) {
        if (attempt >= 50 || (error as Error).message !== RATE_LIMITED_HANDSHAKE) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  it(`refuses a user's socket number ${PER_USER + 1}, from any address, and admits one again once a socket closes`, async () => {
    const user = await signup(t.url);
    const own = await Promise.all(
      Array.from({ length: PER_USER }, () => open(user, uniqueAddress())),
    );
    await expect(refusal(user, uniqueAddress())).resolves.toMatchObject({
      message: RATE_LIMITED_HANDSHAKE,
    });
    // Another user is not affected.
    await expect(open(await signup(t.url), uniqueAddress())).resolves.toMatchObject({
      connected: true,
    });
    nth(own, 0).close();
    await expect(openOnceFreed(user, uniqueAddress())).resolves.toMatchObject({ connected: true });
  });

  it(`refuses socket number ${PER_ADDRESS + 1} from one address, whoever opens it`, async () => {
    const address = uniqueAddress();
    const users = await Promise.all(Array.from({ length: PER_ADDRESS + 1 }, () => signup(t.url)));
    for (const user of users.slice(0, PER_ADDRESS)) await open(user, address);
    await expect(refusal(nth(users, PER_ADDRESS), address)).resolves.toMatchObject({
      message: RATE_LIMITED_HANDSHAKE,
    });
    await expect(open(nth(users, PER_ADDRESS), uniqueAddress())).resolves.toMatchObject({
      connected: true,
    });
  });

  it('lets through no more than the cap when handshakes arrive at once', async () => {
    const user = await signup(t.url);
    const address = uniqueAddress();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => open(user, address)),
    );
    const admitted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
    expect(admitted).toHaveLength(PER_USER);
    expect(refused.map((error) => error.message)).toEqual(
      Array<string>(10 - PER_USER).fill(RATE_LIMITED_HANDSHAKE),
    );
  });
});
