import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { Membership } from '@chat/contract';
import { useMembershipsStore } from '../stores/memberships';
import { useSessionStore } from '../stores/session';
import { useRoomModeration } from './useRoomModeration';

const room = {
  id: '10000000-0000-4000-8000-000000000001',
  name: 'general',
  createdAt: '2026-01-01T00:00:00.000Z',
  owner: { id: 'o', username: 'owner' },
  onlineCount: 0,
  kind: 'public' as const,
  memberCount: 2,
};
const membership = (over: Partial<Membership>): Membership => ({
  room,
  role: 'member',
  lastReadId: '0',
  lastMessageId: null,
  lastMessageAt: null,
  unread: false,
  unreadCount: 0,
  mentionCount: 0,
  timedOutUntil: null,
  ...over,
});

describe('useRoomModeration', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00.000Z') });
  });
  afterEach(() => vi.useRealTimers());

  function use(kind: 'public' | 'direct' = 'public') {
    const scope = effectScope();
    const state = scope.run(() => useRoomModeration(ref('general'), ref(kind)));
    if (!state) throw new Error('no scope');
    return state;
  }

  it('lets moderators, owners and admins moderate, never in a direct room; owners and admins set roles', () => {
    const memberships = useMembershipsStore();
    memberships.list = [membership({ role: 'moderator' })];
    const asModerator = use();
    expect([asModerator.mayModerate.value, asModerator.mayManageRoles.value]).toEqual([
      true,
      false,
    ]);
    memberships.list = [membership({ role: 'member' })];
    expect(asModerator.mayModerate.value).toBe(false);
    useSessionStore().$patch({
      user: { id: 'a', username: 'root', createdAt: room.createdAt, role: 'admin' },
    });
    expect([asModerator.mayModerate.value, asModerator.mayManageRoles.value]).toEqual([true, true]);
    expect(use('direct').mayModerate.value).toBe(false);
  });

  it('reports a time-out until its end, then lets the composer go by the clock alone', async () => {
    useMembershipsStore().list = [membership({ timedOutUntil: '2026-01-01T00:10:00.000Z' })];
    const { timedOutUntil } = use();
    await nextTick();
    expect(timedOutUntil.value).toBe('2026-01-01T00:10:00.000Z');
    vi.advanceTimersByTime(9 * 60_000);
    expect(timedOutUntil.value).not.toBeNull();
    vi.advanceTimersByTime(60_000 + 100);
    expect(timedOutUntil.value).toBeNull();
  });
});
