import request from 'supertest';
import type { RoomDetail } from '@chat/contract';
import {
  closeAll,
  connect,
  createRoom,
  nextDisconnect,
  nextEvent,
  signup,
  sleep,
  type ChatClient,
  type TestUser,
} from '../support/factories';
import { startApi, stopAll, type ApiProcess } from './support/api-process';
import { idsOf, joinRoom, messagesAfter, SendLoop } from './support/chat-traffic';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database';

/** The graceful-stop budget an orchestrator gives before it sends SIGKILL. */
const DRAIN_BOUND_MS = 10_000;

/** SIGTERM (a deploy, a scale-down): in-flight work is finished, nobody is left as a ghost. */
describe('an instance stopped with SIGTERM while its clients send', () => {
  let db: ScratchDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
    a = await startApi({ port: 3431, databaseUrl: db.url });
    b = await startApi({ port: 3432, databaseUrl: db.url });
  });
  afterAll(async () => {
    closeAll(sockets);
    await stopAll([a, b]);
    await db?.drop();
  });

  async function joined(api: ApiProcess, user: TestUser, room: string): Promise<ChatClient> {
    const socket = await connect(api.url, user.token);
    sockets.push(socket);
    await joinRoom(socket, room);
    return socket;
  }

  it('exits within 10 s, keeps every acked send and takes its users off B’s online list at once', async () => {
    const [owner, first, second] = await Promise.all([1, 2, 3].map(() => signup(b.url)));
    const room = (await createRoom(b.url, owner.token)).name;
    const watcherOnB = await joined(b, owner, room);
    const sendersOnA = [await joined(a, first, room), await joined(a, second, room)];
    const loops = sendersOnA.map((socket, n) => new SendLoop(socket, room, 20, `drain${n}`));
    await sleep(1000);

    const leavers = new Set([first.user.id, second.user.id]);
    const usersLeft = nextEvent(
      watcherOnB,
      'presence',
      (p) => p.room === room && !p.online.some((u) => leavers.has(u.id)),
      DRAIN_BOUND_MS,
    );
    const disconnects = sendersOnA.map((socket) => nextDisconnect(socket, DRAIN_BOUND_MS));
    const termAt = Date.now();
    a.signal('SIGTERM');

    const presence = await usersLeft;
    const presenceMs = Date.now() - termAt;
    const exit = await a.exited;
    await Promise.all(disconnects);
    await Promise.all(loops.map((loop) => loop.stop()));

    expect(exit.at - termAt).toBeLessThan(DRAIN_BOUND_MS);
    expect(presenceMs).toBeLessThan(DRAIN_BOUND_MS);
    expect(presence.online.map((u) => u.id)).toEqual([owner.user.id]);

    const acked = loops.flatMap((loop) => idsOf(loop.acked));
    expect(acked.length).toBeGreaterThan(20);
    const stored = await messagesAfter(b.url, owner.token, room);
    expect(idsOf(stored)).toEqual(expect.arrayContaining(acked));
    expect(new Set(stored.map((m) => m.content)).size).toBe(stored.length);

    const detail = await request(b.url)
      .get(`/api/rooms/${room}`)
      .set('Authorization', `Bearer ${owner.token}`);
    expect((detail.body as RoomDetail).online.map((u) => u.id)).toEqual([owner.user.id]);
    // Nest re-raises the signal after closing, so "killed by SIGTERM" is a clean exit too.
    const clean = exit.code === 0 || (exit.code === null && exit.signal === 'SIGTERM');
    expect(clean ? 'clean exit' : `${JSON.stringify(exit)}\n${a.logTail()}`).toBe('clean exit');
  });
});
