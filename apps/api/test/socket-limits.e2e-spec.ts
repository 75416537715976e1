import request from 'supertest';
import { MAX_PAYLOAD_BYTES, type AckError, type Message } from '@chat/contract';
import { leaksIn } from './support/api-error';
import {
  createRoom,
  emitRaw,
  emitWithAck,
  listMessages,
  nextDisconnect,
  nextEvent,
  recordEvents,
  sendMessage,
  type TestUser,
} from './support/factories';
import { useApp } from './support/suite';

/** One app for the file: a second app in this worker would take over passport's strategy. */
describe('real-time limits (SEND_BURST=5, SEND_PER_SECOND=1)', () => {
  const t = useApp({ SEND_BURST: '5', SEND_PER_SECOND: '1' });
  let flooder: TestUser;
  let bystander: TestUser;
  beforeEach(async () => {
    // Fresh users each time: each starts with a full bucket of 5.
    [flooder, bystander] = await t.members(2);
  });

  it('refuses the 6th rapid send with rate_limited and stores nothing for it', async () => {
    const { name: room } = await createRoom(t.url, flooder.token);
    const [socket, watcher] = [await t.open(flooder, room), await t.open(bystander, room)];
    const broadcasts = recordEvents(watcher, 'message:new');

    const acks = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        emitWithAck(socket, 'message:send', { room, content: `flood ${n}` }),
      ),
    );

    const accepted = acks.flatMap((ack) => (ack.ok ? [ack.message] : []));
    const refused = acks.filter((ack): ack is AckError => !ack.ok);
    expect(accepted).toHaveLength(5);
    expect(refused).toEqual([
      { ok: false, error: { code: 'rate_limited', message: expect.any(String) as unknown } },
    ]);
    expect(refused[0]?.error.message).toMatch(/fast|slow|rate|limit/i);
    expect(leaksIn(refused[0]?.error.message ?? '')).toEqual([]);

    const barrier = nextEvent(watcher, 'message:new', (m) => m.content === 'bystander speaks');
    await expect(sendMessage(watcher, room, 'bystander speaks')).resolves.toMatchObject({
      author: { id: bystander.user.id },
    });
    await barrier;
    const floods = (messages: Message[]) => messages.filter((m) => m.content.startsWith('flood'));
    expect(floods(await listMessages(t.url, bystander.token, room))).toEqual(accepted.sort(byId));
    expect(floods(broadcasts).sort(byId)).toEqual(accepted);
    expect(socket.connected).toBe(true);
  });

  it('counts REST and socket sends of one user together', async () => {
    const { name: room } = await createRoom(t.url, flooder.token);
    const socket = await t.open(flooder, room);
    await Promise.all([0, 1, 2, 3, 4].map((n) => sendMessage(socket, room, `socket ${n}`)));

    await request(t.url)
      .post(`/api/rooms/${room}/messages`)
      .set('Authorization', `Bearer ${flooder.token}`)
      .send({ content: 'one more over REST' })
      .expect(429);
  });

  it('closes a connection that sends a packet over 64 KiB, stores nothing, serves the rest', async () => {
    const { name: room } = await createRoom(t.url, flooder.token);
    const [socket, other] = [await t.open(flooder, room), await t.open(bystander, room)];
    const huge = 'z'.repeat(MAX_PAYLOAD_BYTES + 1024);
    const closed = nextDisconnect(socket);

    void emitRaw(socket, 'message:send', { room, content: huge }, 3000).catch(() => undefined);

    await expect(closed).resolves.toMatch(/transport (close|error)/);
    await expect(sendMessage(other, room, 'server still here')).resolves.toMatchObject({
      content: 'server still here',
    });
    const stored = await listMessages(t.url, bystander.token, room);
    expect(stored.map((m) => m.content)).toEqual(['server still here']);
    const reconnected = await t.open(flooder, room);
    await expect(sendMessage(reconnected, room, 'back again')).resolves.toMatchObject({
      content: 'back again',
    });
  });
});

function byId(a: Message, b: Message): number {
  return BigInt(a.id) < BigInt(b.id) ? -1 : 1;
}
