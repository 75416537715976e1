import request from 'supertest';
import type { RoomDetail } from '@chat/contract';
import { createRoom, nextDisconnect, nextEvent, signup, type TestUser } from '../support/factories';
import type { ApiProcess } from './support/api-process';
import { idsOf, messagesAfter, SendLoop } from './support/chat-traffic';
import { TwoInstances } from './support/two-instances';

/** The graceful-stop budget an orchestrator gives before it sends SIGKILL. */
const DRAIN_BOUND_MS = 10_000;

/** SIGTERM (a deploy, a scale-down): in-flight work is finished, nobody is left as a ghost. */
describe('an instance stopped with SIGTERM while its clients send', () => {
  const pair = TwoInstances.forDescribe([3431, 3432]);

  const joined = (api: ApiProcess, user: TestUser, room: string) =>
    pair.socketOn(api, user.token, room);

  it('exits within 10 s, keeps every acked send and takes its users off B’s online list at once', async () => {
    const [owner, first, second] = await Promise.all([
      signup(pair.b.url),
      signup(pair.b.url),
      signup(pair.b.url),
    ]);
    const room = (await createRoom(pair.b.url, owner.token)).name;
    const watcherOnB = await joined(pair.b, owner, room);
    const sendersOnA = [await joined(pair.a, first, room), await joined(pair.a, second, room)];
    const loops = sendersOnA.map((socket, n) => new SendLoop(socket, room, 20, `drain${n}`));
    // Under way: both senders have sends acked before the signal.
    await Promise.all(loops.map((loop) => loop.ackedAtLeast(15)));

    const leavers = new Set([first.user.id, second.user.id]);
    const usersLeft = nextEvent(
      watcherOnB,
      'presence',
      (p) => p.room === room && !p.online.some((u) => leavers.has(u.id)),
      DRAIN_BOUND_MS,
    );
    const disconnects = sendersOnA.map((socket) => nextDisconnect(socket, DRAIN_BOUND_MS));
    const termAt = Date.now();
    pair.a.signal('SIGTERM');

    const presence = await usersLeft;
    const presenceMs = Date.now() - termAt;
    const exit = await pair.a.exited;
    await Promise.all(disconnects);
    await Promise.all(loops.map((loop) => loop.stop()));

    expect(exit.at - termAt).toBeLessThan(DRAIN_BOUND_MS);
    expect(presenceMs).toBeLessThan(DRAIN_BOUND_MS);
    expect(presence.online.map((u) => u.id)).toEqual([owner.user.id]);

    const acked = loops.flatMap((loop) => idsOf(loop.acked));
    expect(acked.length).toBeGreaterThan(20);
    const stored = await messagesAfter(pair.b.url, owner.token, room);
    expect(idsOf(stored)).toEqual(expect.arrayContaining(acked));
    expect(new Set(stored.map((m) => m.content)).size).toBe(stored.length);

    const detail = await request(pair.b.url)
      .get(`/api/rooms/${room}`)
      .set('Authorization', `Bearer ${owner.token}`);
    expect((detail.body as RoomDetail).online.map((u) => u.id)).toEqual([owner.user.id]);
    // Nest re-raises the signal after closing, so "killed by SIGTERM" is a clean exit too.
    const clean = exit.code === 0 || (exit.code === null && exit.signal === 'SIGTERM');
    expect(clean ? 'clean exit' : `${JSON.stringify(exit)}\n${pair.a.logTail()}`).toBe(
      'clean exit',
    );
  });
});
