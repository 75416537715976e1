import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { UNAUTHORIZED_HANDSHAKE } from '@chat/contract';
import {
  connectError,
  createRoom,
  joinRoom,
  login,
  nextDisconnect,
  nextEvent,
  sendMessage,
  signup,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

describe('socket handshake', () => {
  const t = useApp();
  let alice: TestUser;

  beforeAll(async () => {
    alice = await signup(t.url);
  });

  describe('authentication', () => {
    it('connects with a valid token', async () => {
      const socket = await t.open(alice.token);
      expect(socket.connected).toBe(true);
    });

    it('refuses a handshake without a token', async () => {
      const error = await connectError(t.url, {});
      expect(error.message).toBe(UNAUTHORIZED_HANDSHAKE);
    });

    it.each([
      ['an empty string', ''],
      ['garbage', 'not-a-jwt'],
      ['a number', 42],
      ['an object', { token: 'x' }],
    ])('refuses %s as the token', async (_label, token) => {
      const error = await connectError(t.url, { auth: { token } });
      expect(error.message).toBe(UNAUTHORIZED_HANDSHAKE);
    });

    it('refuses a well-formed token signed with another secret', async () => {
      const forged = sign({ sub: alice.user.id, sid: randomUUID() }, 'x'.repeat(48), {
        algorithm: 'HS256',
        expiresIn: 3600,
      });
      const error = await connectError(t.url, { auth: { token: forged } });
      expect(error.message).toBe(UNAUTHORIZED_HANDSHAKE);
    });

    it('refuses an unsigned ("alg: none") token', async () => {
      const unsigned = sign({ sub: alice.user.id, sid: randomUUID() }, '', { algorithm: 'none' });
      const error = await connectError(t.url, { auth: { token: unsigned } });
      expect(error.message).toBe(UNAUTHORIZED_HANDSHAKE);
    });

    it('refuses the token of a session that has logged out', async () => {
      const bob = await signup(t.url);
      await request(t.url)
        .post('/api/auth/logout')
        .set('Authorization', `Bearer ${bob.token}`)
        .expect(204);
      const error = await connectError(t.url, { auth: { token: bob.token } });
      expect(error.message).toBe(UNAUTHORIZED_HANDSHAKE);
    });
  });

  describe('logout', () => {
    it('disconnects the sockets of that session only, which leave their rooms', async () => {
      const user = await signup(t.url);
      const otherSession = await login(t.url, user.user.username);
      const room = await createRoom(t.url, alice.token);
      const [loggingOut, sameSession, otherDevice, watcher] = await Promise.all([
        t.open(user),
        t.open(user),
        t.open(otherSession),
        t.open(alice),
      ]);
      for (const socket of [watcher, loggingOut]) await joinRoom(socket, room.name);
      const cut = [nextDisconnect(loggingOut), nextDisconnect(sameSession)];
      const presence = nextEvent(watcher, 'presence');

      await request(t.url)
        .post('/api/auth/logout')
        .set('Authorization', `Bearer ${user.token}`)
        .expect(204);

      await expect(Promise.all(cut)).resolves.toEqual([
        'io server disconnect',
        'io server disconnect',
      ]);
      await expect(presence).resolves.toEqual({
        room: room.name,
        online: [{ id: alice.user.id, username: alice.user.username }],
        count: 1,
      });
      expect(otherDevice.connected).toBe(true);
      await joinRoom(otherDevice, room.name);
      await expect(sendMessage(otherDevice, room.name, 'still here')).resolves.toMatchObject({
        content: 'still here',
      });
      const error = await connectError(t.url, { auth: { token: user.token } });
      expect(error.message).toBe(UNAUTHORIZED_HANDSHAKE);
    }, 15_000);
  });
});
