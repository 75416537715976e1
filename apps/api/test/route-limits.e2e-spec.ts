import request from 'supertest';
import type { AuthResponse } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { PASSWORD, bearer, uniqueAddress, uniqueName, type TestUser } from './support/factories';
import { useApp } from './support/suite';

const ROOMS_PER_HOUR = 3;
const SIGNUPS_PER_HOUR = 3;

/** ROOMS_PER_HOUR per user and SIGNUPS_PER_HOUR per client address: only successes count. */
describe(`rooms (${ROOMS_PER_HOUR}) and signups (${SIGNUPS_PER_HOUR}) per hour`, () => {
  const t = useApp({
    TRUST_PROXY: '1',
    ROOMS_PER_HOUR: String(ROOMS_PER_HOUR),
    SIGNUPS_PER_HOUR: String(SIGNUPS_PER_HOUR),
  });

  const signupFrom = (address: string, username = uniqueName(), password = PASSWORD) =>
    request(t.url)
      .post('/api/auth/signup')
      .set('X-Forwarded-For', address)
      .send({ username, password });

  async function member(): Promise<TestUser> {
    const res = await signupFrom(uniqueAddress()).expect(201);
    const body = res.body as AuthResponse;
    return { token: body.accessToken, user: body.user, password: PASSWORD };
  }

  const createRoom = (user: TestUser, name = uniqueName('room')) =>
    request(t.url).post('/api/rooms').set(bearer(user.token)).send({ name });

  it(`answers signup number ${SIGNUPS_PER_HOUR + 1} from one address with 429, and spares other addresses`, async () => {
    const address = uniqueAddress();
    for (let i = 0; i < SIGNUPS_PER_HOUR; i++) await signupFrom(address).expect(201);
    const refused = await signupFrom(address);
    expect(expectApiError(refused, 429)).toMatch(/signups/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    await signupFrom(uniqueAddress()).expect(201);
  });

  it('does not count refused signups (a taken name, a bad password)', async () => {
    const address = uniqueAddress();
    const taken = uniqueName();
    await signupFrom(address, taken).expect(201);
    expectApiError(await signupFrom(address, taken), 409);
    expectApiError(await signupFrom(address, uniqueName(), '12345678'), 400);
    expectApiError(await signupFrom(address, uniqueName(), 'short'), 400);
    for (let i = 1; i < SIGNUPS_PER_HOUR; i++) await signupFrom(address).expect(201);
    expectApiError(await signupFrom(address), 429);
  });

  it(`answers room number ${ROOMS_PER_HOUR + 1} of a user with 429, not counting a taken name`, async () => {
    const [creator, other] = await Promise.all([member(), member()]);
    const first = uniqueName('room');
    await createRoom(creator, first).expect(201);
    expectApiError(await createRoom(creator, first), 409);
    expectApiError(await createRoom(creator, 'not a valid name!'), 400);
    for (let i = 1; i < ROOMS_PER_HOUR; i++) await createRoom(creator).expect(201);
    const refused = await createRoom(creator);
    expect(expectApiError(refused, 429)).toMatch(/too many rooms/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    await createRoom(other).expect(201);
  });

  it('lets no more than the limit through when creations arrive at once', async () => {
    const creator = await member();
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => createRoom(creator).then((res) => res.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(ROOMS_PER_HOUR);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8 - ROOMS_PER_HOUR);
  });
});
