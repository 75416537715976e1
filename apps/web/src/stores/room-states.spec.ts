import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { aMessage, aPresence, aUser, users } from '../test/fake-socket';
import { useRoomStatesStore } from './room-states';
import { useSessionStore } from './session';

describe('room states', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  it('holds one state per room, whatever the case of its name', () => {
    const states = useRoomStatesStore();
    states.receive('General', [aMessage('2'), aMessage('1')]);
    states.receive('general', [aMessage('2')]);
    expect(states.get('GENERAL').messages.map((m) => m.id)).toEqual(['1', '2']);
    expect(states.rooms.size).toBe(1);
  });

  it('knows presence only while joined', () => {
    const states = useRoomStatesStore();
    states.setStatus('general', 'joined');
    states.setPresence(aPresence());
    states.sawTyping('general', users.bob);
    states.setStatus('general', 'waiting');
    expect(states.get('general').presence).toBeNull();
    expect(states.get('general').typing).toEqual([]);
  });

  it('forgets every room when another user signs in on the tab', async () => {
    const session = useSessionStore();
    session.$patch({ status: 'signed-in', user: aUser(users.alice) });
    const states = useRoomStatesStore();
    states.receive('private-plans', [aMessage('1', { room: 'private-plans' })]);
    session.$patch({ user: aUser(users.bob) });
    await nextTick();
    expect(states.get('private-plans').messages).toEqual([]);
  });
});
