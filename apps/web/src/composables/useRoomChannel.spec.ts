import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { useConnectionStore } from '../stores/connection';
import { useMessagesStore } from '../stores/messages';
import {
  aMessage,
  aPresence,
  fakeFetch,
  FakeSocket,
  joinAck,
  settle,
  users,
} from '../test/fake-socket';
import { useRoomChannel } from './useRoomChannel';

function mountChannel(room = 'general') {
  let channel: ReturnType<typeof useRoomChannel> | undefined;
  const Host = defineComponent({
    setup() {
      channel = useRoomChannel(ref(room));
      return () => h('div');
    },
  });
  const wrapper = mount(Host);
  if (!channel) throw new Error('channel not created');
  return { wrapper, channel };
}

const ids = () =>
  useMessagesStore()
    .roomState('general')
    .messages.map((m) => m.id);

describe('useRoomChannel', () => {
  let socket: FakeSocket;
  let requested: URL[];

  beforeEach(() => {
    setActivePinia(createPinia());
    socket = new FakeSocket();
    useConnectionStore().attach(socket.asChatSocket());
    socket.goOnline();
    const afterPage = Array.from({ length: 100 }, (_, i) => aMessage(String(i + 13)));
    const stub = fakeFetch((url) => {
      if (url.searchParams.get('after') === '12') return afterPage;
      if (url.searchParams.get('after') === '112') return [aMessage('113')];
      return [aMessage('1'), aMessage('2')];
    });
    requested = stub.requested;
    vi.stubGlobal('fetch', stub.fetchImpl);
  });

  it('loads the latest page, then joins with since = the last id seen', async () => {
    const { channel } = mountChannel();
    await settle();
    expect(socket.lastOf('room:join').payload).toEqual({ room: 'general', since: '2' });
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    expect(channel.joined.value).toBe(true);
    expect(channel.presence.value?.count).toBe(2);
  });

  it('re-joins after a reconnect and merges what was missed, paging on when more was missed', async () => {
    const { channel } = mountChannel();
    await settle();
    socket.lastOf('room:join').answer(joinAck());
    await settle();

    socket.drop();
    expect(channel.joined.value).toBe(false);
    socket.fire('message:new', aMessage('3'));
    socket.goOnline();
    await settle();
    const rejoin = socket.lastOf('room:join');
    expect(rejoin.payload).toEqual({ room: 'general', since: '3' });
    rejoin.answer(joinAck([aMessage('4'), aMessage('12'), aMessage('3')], true));
    await settle();

    expect(requested.map((u) => u.searchParams.get('after')).filter(Boolean)).toEqual([
      '12',
      '112',
    ]);
    const expected = ['1', '2', '3', '4', ...Array.from({ length: 102 }, (_, i) => String(i + 12))];
    expect(ids()).toEqual(expected);
  });

  it('merges live messages by id without duplicates and ignores other rooms', async () => {
    mountChannel();
    await settle();
    socket.fire('message:new', aMessage('5'));
    socket.fire('message:new', aMessage('5'));
    socket.fire('message:new', aMessage('4'));
    socket.fire('message:new', aMessage('6', { room: 'random' }));
    expect(ids()).toEqual(['1', '2', '4', '5']);
  });

  it('follows presence, typing and the deletion of the room', async () => {
    const { channel } = mountChannel();
    await settle();
    socket.fire('presence', aPresence([users.alice]));
    expect(channel.presence.value?.online.map((u) => u.username)).toEqual(['alice']);
    socket.fire('typing', { room: 'general', user: users.bob });
    expect(channel.typingNames.value).toEqual(['bob']);
    socket.fire('room:deleted', { room: 'GENERAL' });
    expect(channel.deleted.value).toBe(true);
  });

  it('leaves the room and stops listening when the page goes away', async () => {
    const { wrapper } = mountChannel();
    await settle();
    wrapper.unmount();
    expect(socket.lastOf('room:leave').payload).toEqual({ room: 'general' });
    socket.fire('message:new', aMessage('9'));
    expect(ids()).not.toContain('9');
  });
});
