import request from 'supertest';
import type { Membership, Room } from '@chat/contract';
import { bearer, createRoom, signup, uniqueName, type TestUser } from './factories';
import { signupMembers, type SuiteApp, type Tuple } from './suite';

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

/** Sets a member's room role as `token`'s holder; the caller expects the status. */
export function setRole(url: string, token: string, room: string, username: string, role: unknown) {
  return request(url)
    .patch(`/api/rooms/${room}/members/${username}`)
    .set(bearer(token))
    .send({ role });
}

/**
 * A room of a new owner with `count` new people in it: a public room they joined on sockets of
 * theirs, or a private one the owner added them to. The first `moderators` of them are made
 * moderators by the owner.
 */
export async function roomWith<N extends number>(
  t: SuiteApp,
  count: N,
  { moderators = 0, kind = 'public' }: { moderators?: number; kind?: 'public' | 'private' } = {},
): Promise<{ owner: TestUser; room: Room; people: TestUser[] & Tuple<TestUser, N> }> {
  // The people first: their bystander makes sure the owner is not the site's first account.
  const people = await signupMembers(t.url, count);
  const owner = await signup(t.url);
  const room = await (kind === 'private'
    ? createPrivateRoom(t.url, owner.token)
    : createRoom(t.url, owner.token));
  for (const person of people) {
    if (kind === 'private') await addMember(t.url, owner.token, room.name, person.user.username);
    else await t.open(person, room.name);
  }
  for (const person of people.slice(0, moderators)) {
    await setRole(t.url, owner.token, room.name, person.user.username, 'moderator').expect(200);
  }
  return { owner, room, people };
}
