import request from 'supertest';
import type { RoomDetail } from '@chat/contract';
import { bearer, createRoom, emitWithAck, signup } from './support/factories';
import { useApp } from './support/suite';

describe('a socket joining and leaving in quick succession', () => {
  const t = useApp();

  it('ends as its last event says: a leave sent right after joins leaves no ghost online', async () => {
    const owner = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const socket = await t.open(owner.token);

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
