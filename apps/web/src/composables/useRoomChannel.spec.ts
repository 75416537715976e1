import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { useConnectionStore } from '../stores/connection';
import { useRoomStatesStore } from '../stores/room-states';
import {
  aMessage,
  aPresence,
  fakeFetch,
  FakeSocket,
  joinAck,
  settle,
  users,
} from '../test/fake-socket';
import { TYPING_THROTTLE_MS, useRoomChannel } from './useRoomChannel';

function mountChannel(room = 'general') {
  let channel: ReturnType<typeof useRoomChannel> | undefined;
  const Host = defineComponent({
    setup() {
      channel = useRoomChannel(room);
      return () => h('div');
    },
  });
  const wrapper = mount(Host);
  if (!channel) throw new Error('channel not created');
  return { wrapper, channel };
}

const state = () => useRoomStatesStore().get('general');
const ids = () => state().messages.map((m) => m.id);

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

  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads the latest page, then joins with since = the last id seen', async () => {
    mountChannel();
    await settle();
    expect(state().status).toBe('joining');
    expect(socket.lastOf('room:join').payload).toEqual({ room: 'general', since: '2' });
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    expect(state().status).toBe('joined');
    expect(state().presence?.count).toBe(2);
  });

  it('re-joins after a reconnect and merges what was missed, paging on when more was missed', async () => {
    mountChannel();
    await settle();
    socket.lastOf('room:join').answer(joinAck());
    await settle();

    socket.drop();
    expect(state().status).toBe('waiting');
    expect(state().presence).toBeNull();
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
    mountChannel();
    await settle();
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    socket.fire('presence', aPresence([users.alice]));
    expect(state().presence?.online.map((u) => u.username)).toEqual(['alice']);
    socket.fire('typing', { room: 'general', user: users.bob });
    expect(state().typing.map((u) => u.username)).toEqual(['bob']);
    socket.fire('message:new', aMessage('7', { author: users.bob }));
    expect(state().typing).toEqual([]);
    socket.fire('room:deleted', { room: 'GENERAL' });
    expect(state().status).toBe('deleted');
  });

  it('says not_found for a room that does not exist', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch(
        () =>
          new Response(JSON.stringify({ statusCode: 404, code: 'not_found', message: 'no room' }), {
            status: 404,
          }),
      ).fetchImpl,
    );
    mountChannel('nowhere');
    await settle();
    expect(useRoomStatesStore().get('nowhere').status).toBe('not_found');
    expect(socket.emittedOf('room:join')).toHaveLength(0);
  });

  it('sends typing at most once per 2 s for the room', async () => {
    const { channel } = mountChannel();
    await settle();
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    vi.useFakeTimers();
    void channel.notifyTyping();
    void channel.notifyTyping();
    vi.advanceTimersByTime(TYPING_THROTTLE_MS - 1);
    void channel.notifyTyping();
    expect(socket.emittedOf('typing')).toHaveLength(1);
    vi.advanceTimersByTime(2);
    void channel.notifyTyping();
    expect(socket.emittedOf('typing')).toHaveLength(2);
  });

  it('leaves the room and stops listening when the page goes away', async () => {
    const { wrapper } = mountChannel();
    await settle();
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    wrapper.unmount();
    expect(socket.lastOf('room:leave').payload).toEqual({ room: 'general' });
    expect(state().status).toBe('idle');
    socket.fire('message:new', aMessage('9'));
    expect(ids()).not.toContain('9');
  });

  it('leaves again when the page went away while its join was on the way', async () => {
    const { wrapper } = mountChannel();
    await settle();
    wrapper.unmount();
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    expect(socket.lastOf('room:leave').payload).toEqual({ room: 'general' });
    expect(state().status).toBe('idle');
  });
});
