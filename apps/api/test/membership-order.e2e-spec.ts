import request from 'supertest';
import type { RoomDetail } from '@chat/contract';
import { startApp, type TestApp } from './support/app';
import {
  bearer,
  closeAll,
  connect,
  createRoom,
  emitWithAck,
  signup,
  type ChatClient,
} from './support/factories';

describe('a socket joining and leaving in quick succession', () => {
  let t: TestApp;
  const sockets: ChatClient[] = [];
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => {
    closeAll(sockets);
    await t.close();
  });

  it('ends as its last event says: a leave sent right after joins leaves no ghost online', async () => {
    const owner = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const socket = await connect(t.url, owner.token);
    sockets.push(socket);

    const acks = await Promise.all([
      emitWithAck(socket, 'room:join', { room: room.name }),
      emitWithAck(socket, 'room:join', { room: room.name }),
      emitWithAck(socket, 'room:leave', { room: room.name }),
    ]);
    expect(acks.every((ack) => ack.ok)).toBe(true);

    const res = await request(t.url).get(`/api/rooms/${room.name}`).set(bearer(owner.token));
    const detail = res.body as RoomDetail;
    expect(detail.online).toEqual([]);
    expect(detail.onlineCount).toBe(0);
  });
});
