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
    // A full page of changes from the cursor 3: messages 13…512, then the rest.
    const changesPage = Array.from({ length: 500 }, (_, i) => aMessage(String(i + 13)));
    const stub = fakeFetch((url) => {
      if (url.pathname.endsWith('/changes')) {
        if (url.searchParams.get('after') === '3') return changesPage;
        if (url.searchParams.get('after') === '512') {
          return [aMessage('1', { content: 'edited', seq: '513' }), aMessage('514')];
        }
      }
      return [aMessage('1'), aMessage('2')];
    });
    requested = stub.requested;
    vi.stubGlobal('fetch', stub.fetchImpl);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads the latest page, then joins with since = the cursor (largest seq seen)', async () => {
    mountChannel();
    await settle();
    expect(state().status).toBe('joining');
    expect(socket.lastOf('room:join').payload).toEqual({ room: 'general', since: '2' });
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    expect(state().status).toBe('joined');
    expect(state().presence?.count).toBe(2);
  });

  it('re-joins with its cursor, applies missed and changed, and pages …/changes from that cursor', async () => {
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
    const edited = aMessage('2', { content: 'changed while away', seq: '12' });
    rejoin.answer(joinAck([aMessage('4'), aMessage('11')], false, [edited], true));
    await settle();

    const pages = requested.filter((u) => u.pathname.endsWith('/changes'));
    expect(pages.map((u) => u.searchParams.get('after'))).toEqual(['3', '512']);
    expect(pages.map((u) => u.searchParams.get('limit'))).toEqual(['500', '500']);
    const expected = [
      '1',
      '2',
      '3',
      '4',
      '11',
      ...Array.from({ length: 500 }, (_, i) => String(i + 13)),
      '514',
    ];
    expect(ids()).toEqual(expected);
    expect(state().messages.find((m) => m.id === '2')?.content).toBe('changed while away');
    expect(state().messages.find((m) => m.id === '1')?.content).toBe('edited');
    expect(useRoomStatesStore().cursor('general')).toBe('514');
  });

  it('applies message:updated: the larger seq wins, and a tombstone is never replaced', async () => {
    mountChannel();
    await settle();
    socket.lastOf('room:join').answer(joinAck());
    await settle();
    socket.fire('message:updated', aMessage('2', { content: 'v3', seq: '30', editedAt: 'x' }));
    socket.fire('message:updated', aMessage('2', { content: 'v2', seq: '20' }));
    expect(state().messages.find((m) => m.id === '2')?.content).toBe('v3');
    socket.fire('message:updated', aMessage('1', { content: '', deleted: true, seq: '31' }));
    socket.fire('message:updated', aMessage('1', { content: 'back?', seq: '40' }));
    expect(state().messages.find((m) => m.id === '1')?.deleted).toBe(true);
    socket.fire(
      'message:updated',
      aMessage('2', { room: 'random', content: 'elsewhere', seq: '50' }),
    );
    expect(state().messages.find((m) => m.id === '2')?.content).toBe('v3');
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
