import request from 'supertest';
import { expectApiError } from './support/api-error';
import { promote, roomAudit, signupAdmin } from './support/admins';
import {
  bearer,
  createRoom,
  postMessage,
  signup,
  uniqueName,
  type TestUser,
} from './support/factories';
import { addMember, createPrivateRoom, openDirect } from './support/memberships';
import { useApp } from './support/suite';

/** Site admins in rooms: they act as the owner anywhere but direct rooms; each act is audited. */
describe('admins in rooms, and the audit entries of room actions', () => {
  const t = useApp();
  let admin: TestUser;
  beforeAll(async () => {
    admin = await signupAdmin(t.url);
  });

  const auditOf = (room: string) => roomAudit(t.url, admin, room);
  const deleteMessage = (token: string, room: string, id: string) =>
    request(t.url).delete(`/api/rooms/${room}/messages/${id}`).set(bearer(token));

  it('an admin who is no member deletes anyone’s message; the audit names actor, author and room', async () => {
    const owner = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const message = await postMessage(t.url, owner.token, room.name, 'something to take down');
    await deleteMessage(admin.token, room.name, message.id).expect(204);
    const [entry] = await auditOf(room.name);
    expect(entry).toMatchObject({
      actor: { id: admin.user.id, username: admin.user.username },
      action: 'message.deleted',
      room: room.name,
      target: { id: owner.user.id, username: owner.user.username },
      detail: `message ${message.id}`,
    });
  });

  it('records the owner deleting someone’s message, not authors deleting their own nor refusals', async () => {
    const owner = await signup(t.url);
    const member = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    const mine = await postMessage(t.url, owner.token, room.name, 'mine');
    const theirs = await postMessage(t.url, member.token, room.name, 'theirs');
    expectApiError(await deleteMessage(member.token, room.name, mine.id), 403);
    await deleteMessage(owner.token, room.name, mine.id).expect(204);
    expect(await auditOf(room.name)).toEqual([]);
    await deleteMessage(owner.token, room.name, theirs.id).expect(204);
    expect((await auditOf(room.name)).map((e) => [e.action, e.actor.id, e.target?.id])).toEqual([
      ['message.deleted', owner.user.id, member.user.id],
    ]);
  });

  it('an admin sees a private room of others, removes its members and deletes it; all audited', async () => {
    const owner = await signup(t.url);
    const member = await signup(t.url);
    const room = await createPrivateRoom(t.url, owner.token);
    await addMember(t.url, owner.token, room.name, member.user.username);
    await request(t.url).get(`/api/rooms/${room.name}`).set(bearer(admin.token)).expect(200);
    const remove = (token: string) =>
      request(t.url)
        .delete(`/api/rooms/${room.name}/members/${member.user.username}`)
        .set(bearer(token));
    const outsider = await signup(t.url);
    expectApiError(await remove(outsider.token), 404);
    expect(await auditOf(room.name)).toEqual([]);
    await remove(admin.token).expect(204);
    await request(t.url).delete(`/api/rooms/${room.name}`).set(bearer(admin.token)).expect(204);
    const entries = await auditOf(room.name);
    expect(entries.map((e) => [e.action, e.actor.id, e.target?.id ?? null])).toEqual([
      ['room.deleted', admin.user.id, null],
      ['member.removed', admin.user.id, member.user.id],
    ]);
  });

  it('a direct room of two others does not exist for an admin', async () => {
    const ada = await signup(t.url);
    const bob = await signup(t.url);
    const direct = await openDirect(t.url, ada.token, bob.user.username);
    const name = (direct.body as { name: string }).name;
    expectApiError(await request(t.url).get(`/api/rooms/${name}`).set(bearer(admin.token)), 404);
    const message = await postMessage(t.url, ada.token, name, 'between us');
    expectApiError(await deleteMessage(admin.token, name, message.id), 404);
  });

  it('an owner’s deletion of their room is audited; a made or unmade admin counts at once', async () => {
    const owner = await signup(t.url);
    const room = await createRoom(t.url, owner.token);
    await request(t.url).delete(`/api/rooms/${room.name}`).set(bearer(owner.token)).expect(204);
    expect((await auditOf(room.name)).map((e) => e.action)).toEqual(['room.deleted']);

    const other = await createRoom(t.url, owner.token, uniqueName('kept'));
    const helper = await signup(t.url);
    expectApiError(
      await request(t.url).delete(`/api/rooms/${other.name}`).set(bearer(helper.token)),
      403,
    );
    await promote(helper.user.username);
    await request(t.url).delete(`/api/rooms/${other.name}`).set(bearer(helper.token)).expect(204);
  });
});
