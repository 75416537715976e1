import { RATE_LIMITED_HANDSHAKE } from '@chat/contract';
import { connectError, signup } from '../support/factories';
import { TwoInstances } from './support/two-instances';

const PER_USER = 3;

/**
 * SOCKETS_PER_USER counts a user's sockets on every instance: the instance a handshake reaches
 * asks the others (over the Redis adapter) how many of that user's sockets they hold.
 */
describe('sockets per user are counted across instances', () => {
  const pair = TwoInstances.forDescribe([3451, 3452], { SOCKETS_PER_USER: String(PER_USER) });

  it(`refuses a user's socket number ${PER_USER + 1} on either instance, and admits one once a socket closes`, async () => {
    const user = await signup(pair.a.url);
    const onA = await pair.socketOn(pair.a, user.token);
    await pair.socketOn(pair.a, user.token);
    await pair.socketOn(pair.b, user.token);

    for (const api of [pair.a, pair.b]) {
      await expect(connectError(api.url, { auth: { token: user.token } })).resolves.toMatchObject({
        message: RATE_LIMITED_HANDSHAKE,
      });
    }
    // Another user still connects anywhere.
    const other = await signup(pair.b.url);
    await expect(pair.socketOn(pair.b, other.token)).resolves.toMatchObject({ connected: true });

    onA.close();
    // B learns of the closed socket on A when it asks again: poll until a handshake is admitted.
    const admittedOnB = () =>
      pair.socketOn(pair.b, user.token).then(
        () => true,
        (refusal: Error) => {
          if (refusal.message !== RATE_LIMITED_HANDSHAKE) throw refusal;
          return false;
        },
      );
    for (let attempt = 0; !(await admittedOnB()); attempt++) {
      expect(attempt).toBeLessThan(50);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
