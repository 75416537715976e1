import request from 'supertest';
import {
  bearer,
  connectError,
  createRoom,
  login,
  nextDisconnect,
  signup,
} from '../support/factories';
import { expectOutOfRoomOnB } from './support/out-of-room';
import { TwoInstances } from './support/two-instances';

/** Deactivations and bans across two instances: sockets are cut on both. */
describe('moderation across instances', () => {
  const pair = TwoInstances.forDescribe([3481, 3482]);
  // The scratch database is new: its first account is the admin.
  let adminToken: string;
  beforeAll(async () => {
    const admin = await signup(pair.a.url);
    if (admin.user.role !== 'admin') throw new Error('the first account is not the admin');
    adminToken = admin.token;
  });

  it('a deactivation through A disconnects the person’s sockets on A and on B', async () => {
    const eve = await signup(pair.b.url);
    const onA = await pair.socketOn(pair.a, eve.token);
    const onB = await pair.socketOn(pair.b, await login(pair.b.url, eve.user.username));
    const cut = [nextDisconnect(onA), nextDisconnect(onB)];
    await request(pair.a.url)
      .patch(`/api/admin/users/${eve.user.username}`)
      .set(bearer(adminToken))
      .send({ deactivated: true })
      .expect(200);
    expect(await Promise.all(cut)).toEqual(['io server disconnect', 'io server disconnect']);
    const refused = await connectError(pair.b.url, { auth: { token: eve.token } });
    expect(refused.message).toBe('unauthorized');
    await request(pair.b.url).get('/api/auth/me').set(bearer(eve.token)).expect(401);
  });

  it('a ban through A takes the person’s socket on B out of the room before the answer', async () => {
    const owner = await signup(pair.a.url);
    const eve = await signup(pair.b.url);
    const room = (await createRoom(pair.a.url, owner.token)).name;
    await expectOutOfRoomOnB(pair, { owner, person: eve, room }, () =>
      request(pair.a.url)
        .put(`/api/rooms/${room}/bans/${eve.user.username}`)
        .set(bearer(owner.token))
        .send({ reason: 'flooding' })
        .expect(204),
    );
  });
});
