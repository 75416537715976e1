import { compareMessageIds, type Message } from '@chat/contract';
import {
  createRoom,
  nextDisconnect,
  nextEvent,
  recordEvents,
  signup,
  type TestUser,
} from '../support/factories';
import type { ApiProcess } from './support/api-process';
import { idsOf, joinRoom, messagesAfter, SendLoop } from './support/chat-traffic';
import { TwoInstances } from './support/two-instances';
import { nth } from '../support/nth';
import { until } from '../support/waits';

/** The contract's bound for a crashed instance's sockets to leave the list, with the default
 * PRESENCE_HEARTBEAT_MS (5 s) and PRESENCE_STALE_MS (20 s). */
const CRASH_PRESENCE_BOUND_MS = 35_000;

function sortedUniqueIds(messages: Message[]): string[] {
  return [...new Set(idsOf(messages))].sort(compareMessageIds);
}

/** kill -9 of one instance: its users drop out everywhere, its clients carry on on the other. */
describe('an instance killed with SIGKILL', () => {
  const pair = TwoInstances.forDescribe([3421, 3422]);

  const joined = (api: ApiProcess, user: TestUser, room: string) =>
    pair.socketOn(api, user.token, room);

  /** What a client does after losing its instance: connect to another, join from the last id seen. */
  async function rejoinOn(api: ApiProcess, user: TestUser, room: string, lastSeen: string) {
    const socket = await pair.socketOn(api, user.token);
    const live = recordEvents(socket, 'message:new');
    const { missed, missedMore } = await joinRoom(socket, room, lastSeen);
    const paged = missedMore
      ? await messagesAfter(api.url, user.token, room, nth(missed, -1).id)
      : [];
    return { socket, live, caughtUp: [...missed, ...paged] };
  }

  it('drops its users from the online list on B and loses no acked message for a client that moves to B', async () => {
    const [owner, sender, mover, ghost] = await Promise.all([
      signup(pair.b.url),
      signup(pair.b.url),
      signup(pair.b.url),
      signup(pair.b.url),
    ]);
    const room = (await createRoom(pair.b.url, owner.token)).name;
    const watcherOnB = await joined(pair.b, owner, room);
    const senderOnB = await joined(pair.b, sender, room);
    const moverOnA = await joined(pair.a, mover, room);
    await joined(pair.a, ghost, room);
    const seenOnA = recordEvents(moverOnA, 'message:new');

    const sending = new SendLoop(senderOnB, room, 100, 'crash');
    // Under way: the mover on A hears the room before its instance dies.
    await until(() => seenOnA.length >= 10, 'the mover hears 10 messages on A', 10_000);
    const ghostGone = nextEvent(
      watcherOnB,
      'presence',
      (p) => p.room === room && !p.online.some((u) => u.id === ghost.user.id),
      CRASH_PRESENCE_BOUND_MS,
    );
    const lostA = nextDisconnect(moverOnA);
    const killedAt = Date.now();
    pair.a.signal('SIGKILL');
    await lostA;

    expect(seenOnA.length).toBeGreaterThan(0);
    const lastSeen = sortedUniqueIds(seenOnA).at(-1) ?? '0';
    const moved = await rejoinOn(pair.b, mover, room, lastSeen);
    // The room goes on after the move: the mover hears it live on B.
    await until(() => moved.live.length >= 15, 'the mover hears 15 messages on B', 10_000);
    await sending.stop();
    const timeline = () => [...seenOnA, ...moved.caughtUp, ...moved.live];
    await sending.deliveredTo(timeline);

    expect(sending.refused).toEqual([]);
    const acked = sortedUniqueIds(sending.acked);
    expect(acked.length).toBeGreaterThan(20);
    expect(sortedUniqueIds(timeline())).toEqual(acked);
    const stored = await messagesAfter(pair.b.url, owner.token, room);
    expect(idsOf(stored)).toEqual(acked);
    expect(new Set(stored.map((m) => m.content)).size).toBe(stored.length);

    const presence = await ghostGone;
    expect(Date.now() - killedAt).toBeLessThan(CRASH_PRESENCE_BOUND_MS);
    expect(presence.online.map((u) => u.id)).toEqual(
      expect.arrayContaining([owner.user.id, mover.user.id]),
    );
    expect(presence.count).toBe(3);
  });

  it('gives a client that rejoins a busy room with `since` every acked message exactly once', async () => {
    const [sender, mover] = await Promise.all([signup(pair.b.url), signup(pair.b.url)]);
    const room = (await createRoom(pair.b.url, sender.token)).name;
    const sending = new SendLoop(await joined(pair.b, sender, room), room, 10, 'busy');
    const received: Message[][] = [];
    // Reconnecting again and again while messages flow: each join races with fresh commits.
    for (let round = 0; round < 8; round += 1) {
      // Fresh commits while the client is away…
      await sending.ackedAtLeast(sending.acked.length + 5);
      const lastSeen = sortedUniqueIds(received.flat()).at(-1) ?? '0';
      const moved = await rejoinOn(pair.b, mover, room, lastSeen);
      received.push(moved.caughtUp, moved.live);
      // …and while it is back.
      await until(() => moved.live.length >= 5, `round ${round}: 5 live messages`, 10_000);
      if (round < 7) moved.socket.close();
    }
    await sending.stop();
    await sending.deliveredTo(() => received.flat());
    const acked = sortedUniqueIds(sending.acked);
    expect(sending.refused).toEqual([]);
    expect(sortedUniqueIds(received.flat())).toEqual(acked);
  });
});
