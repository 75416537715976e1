import type { Message } from '@chat/contract';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick } from 'vue';
import type { ChatSocket } from '../api/socket';
import { useConnectionStore } from '../stores/connection';
import { aMessage, FakeSocket } from '../test/fake-socket';
import { useSocketListeners } from './useSocketListeners';

describe('useSocketListeners', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('binds on each socket the session gets, and takes only its own listeners off when its scope ends', async () => {
    const heard: string[] = [];
    const scope = effectScope();
    const sockets: ChatSocket[] = [];
    scope.run(() =>
      useSocketListeners((on, socket) => {
        sockets.push(socket);
        on('message:new', (message: Message) => heard.push(`mine ${message.id}`));
      }),
    );
    const connection = useConnectionStore();
    const first = new FakeSocket();
    connection.attach(first.asChatSocket());
    await nextTick();
    first.fire('message:new', aMessage('1'));

    const second = new FakeSocket();
    connection.attach(second.asChatSocket());
    await nextTick();
    // Someone else listening to the same event on the same socket.
    second.on('message:new', () => heard.push('theirs'));
    second.fire('message:new', aMessage('2'));
    expect(sockets).toEqual([first.asChatSocket(), second.asChatSocket()]);

    scope.stop();
    second.fire('message:new', aMessage('3'));
    expect(heard).toEqual(['mine 1', 'mine 2', 'theirs', 'theirs']);
  });

  it('stops by the function it returns, before its scope ends', () => {
    const heard: string[] = [];
    const socket = new FakeSocket();
    useConnectionStore().attach(socket.asChatSocket());
    const scope = effectScope();
    const stop = scope.run(() =>
      useSocketListeners((on) => on('connect', () => heard.push('connect'))),
    );
    socket.goOnline();
    stop?.();
    socket.drop();
    socket.goOnline();
    expect(heard).toEqual(['connect']);
    scope.stop();
  });
});
