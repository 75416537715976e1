import {
  createRoom,
  joinRoom,
  nextEvent,
  postMessage,
  recordEvents,
  uniqueName,
  type TestUser,
} from '../../support/factories';
import type { TwoInstances } from './two-instances';

/**
 * `act` (a removal or a ban through A) takes `person`'s socket on B out of `room` before A
 * answers: B's socket is told `room:removed` and hears nothing the owner sends there after the
 * answer.
 */
export async function expectOutOfRoomOnB(
  pair: TwoInstances,
  { owner, person, room }: { owner: TestUser; person: TestUser; room: string },
  act: () => Promise<unknown>,
): Promise<void> {
  const sentinelRoom = (await createRoom(pair.a.url, owner.token)).name;
  const onB = await pair.socketOn(pair.b, person.token, room);
  await joinRoom(onB, sentinelRoom);
  const heard = recordEvents(onB, 'message:new');
  const removed = nextEvent(onB, 'room:removed', (e) => e.room === room);

  await act();
  // Sent on A right after the answer; then a sentinel in another room, also from A: both travel
  // the same Redis channel in order, so once the sentinel is on B the first had its chance.
  await postMessage(pair.a.url, owner.token, room, 'after the answer');
  const sentinel = uniqueName('sentinel');
  const arrival = nextEvent(onB, 'message:new', (m) => m.content === sentinel);
  await postMessage(pair.a.url, owner.token, sentinelRoom, sentinel);
  await arrival;

  expect(await removed).toEqual({ room });
  expect(heard.filter((m) => m.room === room)).toEqual([]);
}
