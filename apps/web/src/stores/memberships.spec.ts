import type { Membership, Room } from '@chat/contract';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { aMessage, aUser, fakeFetch, FakeSocket, settle, users } from '../test/fake-socket';
import { useConnectionStore } from './connection';
import { displayName, linkName, useMembershipsStore } from './memberships';
import { useSessionStore } from './session';

function aRoom(name: string, overrides: Partial<Room> = {}): Room {
  return {
    id: `10000000-0000-4000-8000-0000000000${String(name.length).padStart(2, '0')}`,
    name,
    createdAt: '2026-01-01T00:00:00.000Z',
    owner: users.alice,
    onlineCount: 0,
    kind: 'public',
    memberCount: 2,
    ...overrides,
  };
}

function aMembership(name: string, overrides: Partial<Membership> = {}): Membership {
  return {
    room: aRoom(name),
    role: 'member',
    lastReadId: '10',
    lastMessageId: '10',
    lastMessageAt: '2026-01-01T00:00:00.000Z',
    unread: false,
    unreadCount: 0,
    mentionCount: 0,
    ...overrides,
  };
}

describe('memberships store', () => {
  let socket: FakeSocket;
  let served: Membership[];

  beforeEach(async () => {
    setActivePinia(createPinia());
    served = [aMembership('general'), aMembership('random')];
    const { fetchImpl } = fakeFetch((url) => (url.pathname === '/api/me/rooms' ? served : {}));
    vi.stubGlobal('fetch', fetchImpl);
    useSessionStore().$patch({ status: 'signed-in', user: aUser(users.alice) });
    socket = new FakeSocket();
    useMembershipsStore();
    useConnectionStore().attach(socket.asChatSocket());
    socket.goOnline();
    await settle();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads the viewer’s rooms when the socket connects', () => {
    expect(useMembershipsStore().list.map((m) => m.room.name)).toEqual(['general', 'random']);
  });

  it('loads again when an event comes while a load is in flight (it may predate the event)', async () => {
    const store = useMembershipsStore();
    const direct = aMembership('dm-alice-bob', { lastReadId: '0', lastMessageId: null });
    served = [...served, direct];
    socket.fire('room:added', { room: direct.room });
    // The message arrives before that load answers, and the answer in flight says "read".
    socket.fire('room:activity', { room: 'dm-alice-bob', lastMessageId: '11' });
    served = served.map((m) =>
      m === direct ? { ...direct, lastMessageId: '11', unread: true, unreadCount: 1 } : m,
    );
    await settle();
    expect(store.byKey('dm-alice-bob')).toMatchObject({ unread: true, unreadCount: 1 });
  });

  it('marks a room unread on room:activity from others, and first in the list', () => {
    socket.fire('room:activity', { room: 'random', lastMessageId: '11' });
    const store = useMembershipsStore();
    expect(store.list[0]).toMatchObject({ room: { name: 'random' }, unread: true });
  });

  it('does not mark the viewer’s own message as unread', () => {
    socket.fire('message:new', aMessage('12', { author: users.alice }));
    expect(useMembershipsStore().byKey('general')?.unread).toBe(false);
  });

  it('counts a mention, and clears it when another tab reads to the end (`read`)', async () => {
    const store = useMembershipsStore();
    socket.fire('mention', { room: 'general', message: aMessage('13') });
    expect(store.byKey('general')).toMatchObject({ unread: true, mentionCount: 1 });
    expect(store.mentionTotal).toBe(1);
    socket.fire('read', { room: 'general', lastReadId: '13' });
    await nextTick();
    expect(store.byKey('general')).toMatchObject({ unread: false, mentionCount: 0 });
  });

  it('marks read over the socket, only forward', () => {
    const store = useMembershipsStore();
    store.markRead('general', '9');
    expect(socket.emittedOf('room:read')).toHaveLength(0);
    store.markRead('general', '14');
    expect(socket.lastOf('room:read').payload).toEqual({ room: 'general', lastReadId: '14' });
  });

  it('drops a room on room:removed and remembers the removal', () => {
    const store = useMembershipsStore();
    socket.fire('room:removed', { room: 'General' });
    expect(store.list.map((m) => m.room.name)).toEqual(['random']);
    expect(store.removed.has('general')).toBe(true);
  });
});

describe('names', () => {
  it('names a direct room by the other person', () => {
    const room = aRoom('dm-abc', { kind: 'direct', members: [users.alice, users.bob] });
    expect(displayName(room, users.alice.id)).toBe('bob');
    expect(displayName(aRoom('general'), users.alice.id)).toBe('general');
  });

  it('spells the sidebar link as the contract does', () => {
    expect(linkName('general', aMembership('general'))).toBe('general');
    expect(linkName('general', aMembership('general', { unread: true, mentionCount: 2 }))).toBe(
      'general, unread, 2 mentions',
    );
    expect(linkName('bob', aMembership('x', { unread: true, mentionCount: 1 }))).toBe(
      'bob, unread, 1 mention',
    );
  });
});
