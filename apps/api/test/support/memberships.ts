import request from 'supertest';
import type { Membership, Room } from '@chat/contract';
import { bearer, nextEvent, sendMessage, uniqueName, type ChatClient } from './factories';

/** Membership helpers for e2e and scale specs. */
export async function createPrivateRoom(url: string, token: string, name = uniqueName('priv')) {
  const res = await request(url)
    .post('/api/rooms')
    .set(bearer(token))
    .send({ name, kind: 'private' })
    .expect(201);
  return res.body as Room;
}

export async function addMember(url: string, token: string, room: string, username: string) {
  await request(url)
    .post(`/api/rooms/${room}/members`)
    .set(bearer(token))
    .send({ username })
    .expect(201);
}

export async function myRooms(url: string, token: string): Promise<Membership[]> {
  const res = await request(url).get('/api/me/rooms').set(bearer(token)).expect(200);
  return res.body as Membership[];
}

export async function membershipOf(url: string, token: string, room: string) {
  return (await myRooms(url, token)).find((m) => m.room.name === room);
}

export async function openDirect(url: string, token: string, username: string) {
  return request(url).post('/api/direct').set(bearer(token)).send({ username });
}

/**
 * A sentinel for "nothing else arrived": the user sends to a room of their own and waits for
 * it on `socket`. Events from one instance reach a socket in order, so anything emitted to the
 * socket before that send has arrived by the time the sentinel does.
 */
export async function settle(socket: ChatClient, ownRoom: string): Promise<void> {
  const content = uniqueName('sentinel');
  const arrival = nextEvent(socket, 'message:new', (m) => m.content === content);
  await sendMessage(socket, ownRoom, content);
  await arrival;
}
