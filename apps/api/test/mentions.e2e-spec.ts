import request from 'supertest';
import type { Message } from '@chat/contract';
import { runMigrations } from '../src/database/migrate';
import { ForgetDeletedMentions1765300000000 } from '../src/database/migrations/1765300000000-forget-deleted-mentions';
import {
  bearer,
  createRoom,
  joinRoom,
  listMessages,
  nextEvent,
  postMessage,
  recordEvents,
  type TestUser,
} from './support/factories';
import { membershipOf } from './support/memberships';
import { useApp } from './support/suite';
import { useUpgradeDatabase } from './support/upgrade-database';
import { sentinel } from './support/waits';

describe('mentions', () => {
  const t = useApp();
  let alice: TestUser;
  let bob: TestUser;
  let carl: TestUser;
  const summary = ({ user }: TestUser) => ({ id: user.id, username: user.username });
  const edit = (token: string, room: string, id: string, content: string) =>
    request(t.url)
      .patch(`/api/rooms/${room}/messages/${id}`)
      .set(bearer(token))
      .send({ content })
      .expect(200)
      .then((res) => res.body as Message);

  beforeAll(async () => {
    [alice, bob, carl] = await t.members(3);
  });

  /** A room of alice's with bob as a member (carl is not one). */
  async function room() {
    const name = (await createRoom(t.url, alice.token)).name;
    await postMessage(t.url, bob.token, name, 'bob is here');
    return name;
  }

  it('lists the members a message mentions, in order, once each, never the author', async () => {
    const name = await room();
    const bobSocket = await t.open(bob);
    const mention = nextEvent(bobSocket, 'mention', (e) => e.room === name);
    const content =
      `@${bob.user.username.toUpperCase()} ask @${alice.user.username} and ` +
      `@${carl.user.username}, again @${bob.user.username}; mail x@${bob.user.username}`;
    const sent = await postMessage(t.url, alice.token, name, content);
    expect(sent.mentions).toEqual([summary(bob)]);
    expect(await mention).toEqual({ room: name, message: sent });
    const [stored] = (await listMessages(t.url, alice.token, name)).slice(-1);
    expect(stored?.mentions).toEqual([summary(bob)]);
  });

  it('does not mention for an @ inside a word', async () => {
    const name = await room();
    const sent = await postMessage(
      t.url,
      alice.token,
      name,
      `write to me${'@'}${bob.user.username}`,
    );
    expect(sent.mentions).toEqual([]);
  });

  it('counts unread mentions, and leaves deleted messages out of both counts', async () => {
    const name = await room();
    const first = await postMessage(t.url, alice.token, name, `@${bob.user.username} one`);
    await postMessage(t.url, alice.token, name, `@${bob.user.username} two`);
    await postMessage(t.url, alice.token, name, 'no mention');
    expect(await membershipOf(t.url, bob.token, name)).toMatchObject({
      unreadCount: 3,
      mentionCount: 2,
    });
    await request(t.url)
      .delete(`/api/rooms/${name}/messages/${first.id}`)
      .set(bearer(alice.token))
      .expect(204);
    expect(await membershipOf(t.url, bob.token, name)).toMatchObject({
      unreadCount: 2,
      mentionCount: 1,
    });
    const newest = (await listMessages(t.url, bob.token, name)).at(-1);
    await request(t.url)
      .put(`/api/rooms/${name}/read`)
      .set(bearer(bob.token))
      .send({ lastReadId: newest?.id })
      .expect(200);
    expect(await membershipOf(t.url, bob.token, name)).toMatchObject({
      unread: false,
      mentionCount: 0,
    });
  });

  it('recomputes mentions on an edit and tells only the newly mentioned', async () => {
    const name = await room();
    await postMessage(t.url, carl.token, name, 'carl joins');
    const own = await createRoom(t.url, bob.token);
    const bobSocket = await t.open(bob);
    const carlSocket = await t.open(carl);
    await joinRoom(bobSocket, own.name);
    const bobHeard = recordEvents(bobSocket, 'mention');
    const firstMention = nextEvent(bobSocket, 'mention', (e) => e.room === name);
    const sent = await postMessage(t.url, alice.token, name, `hey @${bob.user.username}`);
    await firstMention;

    const carlTold = nextEvent(carlSocket, 'mention', (e) => e.message.id === sent.id);
    const edited = await edit(
      alice.token,
      name,
      sent.id,
      `hey @${bob.user.username} and @${carl.user.username}`,
    );
    expect(edited.mentions).toEqual([summary(bob), summary(carl)]);
    expect((await carlTold).message.mentions).toEqual([summary(bob), summary(carl)]);
    await sentinel(bobSocket, own.name);
    expect(bobHeard.map((e) => e.message.id)).toEqual([sent.id]);

    const quiet = await edit(alice.token, name, sent.id, 'never mind');
    expect(quiet.mentions).toEqual([]);
    expect(await membershipOf(t.url, carl.token, name)).toMatchObject({ mentionCount: 0 });
  });
});

describe('the upgrade that forgets the mentions of deleted messages', () => {
  const upgrade = useUpgradeDatabase(ForgetDeletedMentions1765300000000);

  it('removes the rows of messages deleted before it and keeps those of live ones', async () => {
    const before = await upgrade.before();
    await runMigrations(before);
    const [ada, bob] = await before.query<{ id: string }[]>(
      `INSERT INTO users (username, password_hash) VALUES ('ada', 'x'), ('bob', 'x') RETURNING id`,
    );
    const [room] = await before.query<{ id: string }[]>(
      `INSERT INTO rooms (name, owner_id) VALUES ('general', $1) RETURNING id`,
      [ada?.id],
    );
    const [live, deleted] = await before.query<{ id: string }[]>(
      `INSERT INTO messages (room_id, author_id, content, deleted_at)
       VALUES ($1, $2, 'hi @bob', NULL), ($1, $2, '', now()) RETURNING id::text`,
      [room?.id, ada?.id],
    );
    await before.query(
      `INSERT INTO message_mentions (message_id, room_id, user_id, ord)
       VALUES ($1, $3, $4, 1), ($2, $3, $4, 1)`,
      [live?.id, deleted?.id, room?.id, bob?.id],
    );
    await before.destroy();

    const after = await upgrade.upToIt();
    await runMigrations(after);
    const rows = await after.query<{ message_id: string }[]>(
      'SELECT message_id::text FROM message_mentions',
    );
    expect(rows).toEqual([{ message_id: live?.id }]);
    await after.undoLastMigration({ transaction: 'all' });
    await after.destroy();
  });
});
