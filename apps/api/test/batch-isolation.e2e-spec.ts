import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Ack, Message, MessageSendResult } from '@chat/contract';
import { MAX_PARALLEL_WRITES } from '../src/messages/message-writer';
import { HeldRoomLocks } from './support/room-locks';
import {
  bearer,
  createRoom,
  emitRaw,
  emitWithAck,
  fetchMessages,
  nextEvent,
  signup,
  type ChatClient,
  type TestUser,
} from './support/factories';
import { nth } from './support/nth';
import { useApp } from './support/suite';

const CHATTERS = 6;
/** Sends each of a chatter's lanes makes at least, and lanes per chatter and per racing sender. */
const MIN_SENDS = 3;
const LANES = 3;
const ROUNDS = 3;

/** What a send came to, in one vocabulary for both transports: 'sent' or an error code. */
type Outcome = string;

const ofAck = (ack: Ack<MessageSendResult>): Outcome => (ack.ok ? 'sent' : ack.error.code);
const ofStatus = (status: number): Outcome =>
  ({ 201: 'sent', 400: 'invalid', 403: 'forbidden', 404: 'not_found' })[status] ?? `HTTP ${status}`;

/**
 * The writer stores the sends of every room waiting at that moment in one statement. Here many
 * rooms' sends are in flight together while an attacker sends NULs (which PostgreSQL refuses)
 * and a room is deleted under sends still queued for it (a foreign-key miss). Everyone else's
 * sends must all be stored, once each. On a PostgreSQL server the test holds the rooms' write
 * locks while it deletes the room, so that the sends to it are certainly queued behind the
 * deletion together with the others; on the embedded database that happens by timing alone.
 */
describe('one sender’s bad input never fails another’s send', () => {
  const t = useApp();
  let locks: HeldRoomLocks | null;
  type Seat = { user: TestUser; room: string; roomId: string; socket: ChatClient };
  let chatters: Seat[];
  let attacker: Seat;

  const seat = async (): Promise<Seat> => {
    const user = await signup(t.url);
    const { name: room, id: roomId } = await createRoom(t.url, user.token);
    const socket = await t.open(user, room);
    return { user, room, roomId, socket };
  };

  beforeAll(async () => {
    locks = await HeldRoomLocks.open(process.env.DATABASE_URL ?? '');
    chatters = await Promise.all(Array.from({ length: CHATTERS }, seat));
    attacker = await seat();
  });
  afterAll(async () => {
    await locks?.close();
  });

  /** The room's whole history, paged from the start. */
  async function everyMessage(user: TestUser, room: string): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const page = await fetchMessages(t.url, user.token, room, {
        after: all.at(-1)?.id ?? '0',
        limit: 100,
      });
      all.push(...page);
      if (page.length < 100) return all;
    }
  }

  /** Sends over `socket` one after another, `lanes` at a time, until `done` resolves. */
  async function chatUntil(
    done: Promise<unknown>,
    { socket, room }: { socket: ChatClient; room: string },
    round: number,
  ): Promise<Outcome[]> {
    let stop = false;
    void done.finally(() => (stop = true));
    const lane = async (lane: number) => {
      const outcomes: Outcome[] = [];
      for (let n = 0; !stop || n < MIN_SENDS; n++) {
        const ack = await emitWithAck(socket, 'message:send', {
          room,
          content: `round ${round} lane ${lane} message ${n}`,
          clientId: randomUUID(),
        });
        outcomes.push(ofAck(ack));
      }
      return outcomes;
    };
    return (await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)))).flat();
  }

  /** REST sends to a room, `lanes` at a time, until one finds the room gone. */
  async function sendUntilGone(user: TestUser, room: string): Promise<Outcome[]> {
    const lane = async () => {
      const outcomes: Outcome[] = [];
      while (outcomes.at(-1) !== 'not_found' && outcomes.length < 500) {
        const res = await request(t.url)
          .post(`/api/rooms/${room}/messages`)
          .set(bearer(user.token))
          .send({ content: 'doomed', clientId: randomUUID() });
        outcomes.push(ofStatus(res.status));
      }
      return outcomes;
    };
    return (await Promise.all(Array.from({ length: LANES }, lane))).flat();
  }

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    'round %i: every other room’s sends succeed while one carries NUL and one races its room’s deletion',
    async (round) => {
      const doomed = await seat();
      await locks?.hold([doomed.roomId, ...chatters.map((c) => c.roomId)]);
      const racing = sendUntilGone(doomed.user, doomed.room);
      const chat = chatters.map((chatter) => chatUntil(racing, chatter, round));
      const poison = Array.from({ length: 4 }, (_, n) => [
        emitRaw(attacker.socket, 'message:send', {
          room: attacker.room,
          content: `x\u0000${n}`,
        }).then((ack) => ofAck(ack as Ack<MessageSendResult>)),
        request(t.url)
          .post(`/api/rooms/${attacker.room}/messages`)
          .set(bearer(attacker.user.token))
          .send({ content: `\u0000${n}` })
          .then((res) => ofStatus(res.status)),
      ]).flat();
      // Delete once the chat is under way: every write lane waits for a held room lock, or
      // (embedded) the first chat message of this round was stored.
      await (locks
        ? locks.waitForBlockedWrites(MAX_PARALLEL_WRITES)
        : nextEvent(nth(chatters, 0).socket, 'message:new', (m) =>
            m.content.startsWith(`round ${round} `),
          ));
      const deleted = await request(t.url)
        .delete(`/api/rooms/${doomed.room}`)
        .set(bearer(doomed.user.token));
      await locks?.releaseAll();

      const [chatOutcomes, poisonOutcomes, racingOutcomes] = await Promise.all([
        Promise.all(chat),
        Promise.all(poison),
        racing,
      ]);

      expect(deleted.status).toBe(204);
      for (const outcomes of chatOutcomes) expect(outcomes.filter((o) => o !== 'sent')).toEqual([]);
      expect(poisonOutcomes).toEqual(Array(poison.length).fill('invalid'));
      // A send to the doomed room was stored before the deletion, or finds the room gone.
      expect(racingOutcomes.filter((o) => o !== 'sent' && o !== 'not_found')).toEqual([]);
      for (const [i, { user, room }] of chatters.entries()) {
        const stored = await everyMessage(user, room);
        const thisRound = stored.filter((m) => m.content.startsWith(`round ${round} `));
        expect(thisRound).toHaveLength(nth(chatOutcomes, i).length);
        expect(new Set(thisRound.map((m) => m.clientId)).size).toBe(thisRound.length);
      }
    },
  );
});
