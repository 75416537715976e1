import request from 'supertest';
import { bearer, createRoom, nextEvent, postMessage, signup } from '../support/factories';
import { addMember, createPrivateRoom } from '../support/memberships';
import { expectOutOfRoomOnB } from './support/out-of-room';
import { TwoInstances } from './support/two-instances';

/** Memberships across two instances: removals cut sockets everywhere, activity travels. */
describe('memberships across instances', () => {
  const pair = TwoInstances.forDescribe([3471, 3472]);

  it('takes a member on B out of the room before a removal through A answers', async () => {
    const owner = await signup(pair.a.url);
    const member = await signup(pair.b.url);
    const room = (await createPrivateRoom(pair.a.url, owner.token)).name;
    await addMember(pair.a.url, owner.token, room, member.user.username);
    await expectOutOfRoomOnB(pair, { owner, person: member, room }, () =>
      request(pair.a.url)
        .delete(`/api/rooms/${room}/members/${member.user.username}`)
        .set(bearer(owner.token))
        .expect(204),
    );
  });

  it('sends room:activity from a message on A to an idle member socket on B', async () => {
    const alice = await signup(pair.a.url);
    const bob = await signup(pair.b.url);
    const room = (await createRoom(pair.a.url, alice.token)).name;
    await postMessage(pair.b.url, bob.token, room, 'bob joins by posting');
    const idle = await pair.socketOn(pair.b, bob.token);
    const activity = nextEvent(idle, 'room:activity', (e) => e.room === room);
    const sent = await postMessage(pair.a.url, alice.token, room, 'news from A');
    expect(await activity).toEqual({ room, lastMessageId: sent.id });
  });

  it('sends a mention from a message on A to the mentioned person’s socket on B', async () => {
    const alice = await signup(pair.a.url);
    const bob = await signup(pair.b.url);
    const room = (await createRoom(pair.a.url, alice.token)).name;
    await postMessage(pair.b.url, bob.token, room, 'bob joins by posting');
    const idle = await pair.socketOn(pair.b, bob.token);
    const mention = nextEvent(idle, 'mention', (e) => e.room === room);
    const sent = await postMessage(
      pair.a.url,
      alice.token,
      room,
      `over to you @${bob.user.username}`,
    );
    expect(await mention).toEqual({ room, message: sent });
  });
});
