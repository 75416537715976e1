import request from 'supertest';
import type { Member, Room } from '@chat/contract';
import { expectApiError } from './support/api-error';
import { roomAudit, signupAdmin } from './support/admins';
import { bearer, nextEvent, postMessage, signup, type TestUser } from './support/factories';
import { roomWith, setRole as setRoleAt } from './support/memberships';
import { useApp } from './support/suite';

/** Room roles: the owner makes moderators and hands the room over; moderators moderate. */
describe('moderators and the hand-over', () => {
  const t = useApp();
  let admin: TestUser;
  beforeAll(async () => {
    admin = await signupAdmin(t.url);
  });

  const setRole = (token: string, room: string, username: string, role: unknown) =>
    setRoleAt(t.url, token, room, username, role);
  const members = async (token: string, room: string) =>
    (await request(t.url).get(`/api/rooms/${room}/members`).set(bearer(token)).expect(200))
      .body as Member[];
  const roleOf = async (room: string, user: TestUser) =>
    (await members(user.token, room)).find((m) => m.user.id === user.user.id)?.role;
  const auditOf = (room: string) => roomAudit(t.url, admin, room);

  it('the owner makes a moderator, who then deletes anyone’s message and removes members', async () => {
    const {
      owner,
      room,
      people: [mod, member, other],
    } = await roomWith(t, 3);
    const res = await setRole(owner.token, room.name, mod.user.username, 'moderator').expect(200);
    expect(res.body).toMatchObject({ user: { id: mod.user.id }, role: 'moderator' });
    const [entry] = await auditOf(room.name);
    expect(entry).toMatchObject({
      action: 'member.role_changed',
      actor: { id: owner.user.id },
      target: { id: mod.user.id },
      detail: 'member → moderator',
    });
    const theirs = await postMessage(t.url, member.token, room.name, 'off topic');
    const owners = await postMessage(t.url, owner.token, room.name, 'house rules');
    for (const id of [theirs.id, owners.id]) {
      await request(t.url)
        .delete(`/api/rooms/${room.name}/messages/${id}`)
        .set(bearer(mod.token))
        .expect(204);
    }
    await request(t.url)
      .delete(`/api/rooms/${room.name}/members/${other.user.username}`)
      .set(bearer(mod.token))
      .expect(204);
    expect(await roleOf(room.name, other)).toBeUndefined();
    expect((await auditOf(room.name)).map((e) => e.action)).toEqual([
      'member.removed',
      'message.deleted',
      'message.deleted',
      'member.role_changed',
    ]);
  });

  it('a moderator may not act on the owner or another moderator, nor set roles; members neither', async () => {
    const {
      owner,
      room,
      people: [mod, peer, member],
    } = await roomWith(t, 3);
    await setRole(owner.token, room.name, mod.user.username, 'moderator').expect(200);
    await setRole(owner.token, room.name, peer.user.username, 'moderator').expect(200);
    const before = await auditOf(room.name);
    for (const target of [owner, peer]) {
      const res = await request(t.url)
        .delete(`/api/rooms/${room.name}/members/${target.user.username}`)
        .set(bearer(mod.token));
      expectApiError(res, 403);
    }
    expectApiError(await setRole(mod.token, room.name, member.user.username, 'moderator'), 403);
    expectApiError(await setRole(member.token, room.name, member.user.username, 'moderator'), 403);
    expectApiError(await setRole(mod.token, room.name, mod.user.username, 'owner'), 403);
    expect(await auditOf(room.name)).toEqual(before);
    expect(await roleOf(room.name, member)).toBe('member');
  });

  it('tells each person whose role changed (room:role), on every socket of theirs', async () => {
    const {
      owner,
      room,
      people: [heir],
    } = await roomWith(t, 1);
    const ownerSocket = await t.open(owner);
    const heirSocket = await t.open(heir);
    const made = nextEvent(heirSocket, 'room:role');
    await setRole(owner.token, room.name, heir.user.username, 'moderator').expect(200);
    expect(await made).toEqual({ room: room.name, role: 'moderator' });
    const [heirHears, ownerHears] = [
      nextEvent(heirSocket, 'room:role'),
      nextEvent(ownerSocket, 'room:role'),
    ];
    await setRole(owner.token, room.name, heir.user.username, 'owner').expect(200);
    expect(await heirHears).toEqual({ room: room.name, role: 'owner' });
    expect(await ownerHears).toEqual({ room: room.name, role: 'moderator' });
  });

  it('hands the room over: the new owner owns it, the old one is a moderator', async () => {
    const {
      owner,
      room,
      people: [heir],
    } = await roomWith(t, 1);
    const res = await setRole(owner.token, room.name, heir.user.username, 'owner').expect(200);
    expect(res.body).toMatchObject({ role: 'owner' });
    const detail = (await request(t.url).get(`/api/rooms/${room.name}`).set(bearer(heir.token)))
      .body as Room;
    expect(detail.owner).toEqual({ id: heir.user.id, username: heir.user.username });
    expect(await roleOf(room.name, owner)).toBe('moderator');
    expect((await auditOf(room.name))[0]).toMatchObject({
      action: 'member.role_changed',
      detail: 'member → owner',
    });
    expectApiError(
      await request(t.url).delete(`/api/rooms/${room.name}`).set(bearer(owner.token)),
      403,
    );
    await request(t.url).delete(`/api/rooms/${room.name}`).set(bearer(heir.token)).expect(204);
  });

  it('an admin hands over a room of others; the owner’s role changes only that way', async () => {
    const {
      owner,
      room,
      people: [heir],
    } = await roomWith(t, 1);
    expectApiError(await setRole(owner.token, room.name, owner.user.username, 'member'), 403);
    await setRole(admin.token, room.name, heir.user.username, 'owner').expect(200);
    expect(await roleOf(room.name, owner)).toBe('moderator');
    expect(await roleOf(room.name, heir)).toBe('owner');
  });

  it('the owner may remove and ban anyone in the room, an admin member included', async () => {
    const { owner, room } = await roomWith(t, 0);
    await t.open(admin, room.name);
    await request(t.url)
      .delete(`/api/rooms/${room.name}/members/${admin.user.username}`)
      .set(bearer(owner.token))
      .expect(204);
    await request(t.url)
      .put(`/api/rooms/${room.name}/bans/${admin.user.username}`)
      .set(bearer(owner.token))
      .send({ minutes: 5 })
      .expect(204);
    expect((await auditOf(room.name)).map((e) => [e.action, e.target?.id])).toEqual([
      ['member.banned', admin.user.id],
      ['member.removed', admin.user.id],
    ]);
  });

  it('answers 404 for someone who is not a member and 400 for a bad role', async () => {
    const { owner, room } = await roomWith(t, 0);
    const outsider = await signup(t.url);
    expectApiError(await setRole(owner.token, room.name, outsider.user.username, 'moderator'), 404);
    expectApiError(await setRole(owner.token, room.name, outsider.user.username, 'admin'), 400);
  });
});
