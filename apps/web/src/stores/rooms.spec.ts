import type { Room } from '@chat/contract';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/http';
import { aResponse, fakeFetch, users } from '../test/fake-socket';
import { useRoomsStore } from './rooms';

function aRoom(name: string): Room {
  return {
    id: `10000000-0000-4000-8000-00000000000${name.length}`,
    name,
    createdAt: '2026-01-01T00:00:00.000Z',
    owner: users.alice,
    onlineCount: 1,
    kind: 'public',
    memberCount: 1,
  };
}

describe('rooms store: deleting a room', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    useRoomsStore().rooms = [aRoom('general'), aRoom('random')];
  });

  it('sends DELETE for the room, drops it from the list and leaves a notice', async () => {
    const stub = fakeFetch(() => aResponse(204));
    vi.stubGlobal('fetch', stub.fetchImpl);
    const store = useRoomsStore();
    await store.deleteRoom('General');
    expect(stub.calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([
      'DELETE /api/rooms/General',
    ]);
    expect(store.rooms.map((room) => room.name)).toEqual(['random']);
    expect(store.notice).toBe('You deleted the room #General.');
  });

  it('keeps the room and reports why when the API refuses', async () => {
    const refusal = {
      statusCode: 403,
      error: 'Forbidden',
      code: 'forbidden',
      message: 'only the owner can delete',
    };
    vi.stubGlobal('fetch', fakeFetch(() => aResponse(403, refusal)).fetchImpl);
    const store = useRoomsStore();
    const failure: unknown = await store.deleteRoom('general').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect(failure).toMatchObject({ code: 'forbidden', message: 'Only the owner can delete.' });
    expect(store.rooms.map((room) => room.name)).toEqual(['general', 'random']);
    expect(store.notice).toBeNull();
  });
});
