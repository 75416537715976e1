import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aMessage, aUser, fakeFetch, FakeSocket, settle, users } from '../test/fake-socket';
import { useConnectionStore } from './connection';
import { NOTIFY_PREFERENCE, useNotificationsStore } from './notifications';
import { useSessionStore } from './session';

/** Stands in for the browser's Notification: records what is shown and what is asked. */
class RecordedNotification {
  static permission: NotificationPermission = 'default';
  static asked = 0;
  static shown: { title: string; body?: string; tag?: string }[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    RecordedNotification.asked += 1;
    RecordedNotification.permission = 'granted';
    return Promise.resolve('granted');
  }
  onclick: (() => void) | null = null;
  constructor(title: string, options?: NotificationOptions) {
    RecordedNotification.shown.push({ title, body: options?.body, tag: options?.tag });
  }
  close(): void {
    // Nothing to close in a test.
  }
}

let hidden = true;
const DIRECT = 'dm-alice-bob';

describe('notifications store', () => {
  let socket: FakeSocket;

  beforeEach(async () => {
    hidden = true;
    RecordedNotification.permission = 'default';
    RecordedNotification.asked = 0;
    RecordedNotification.shown = [];
    vi.stubGlobal('Notification', RecordedNotification);
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() =>
      hidden ? 'hidden' : 'visible',
    );
    const newest = aMessage('30', { room: DIRECT, content: 'fetched one' });
    const { fetchImpl } = fakeFetch((url) =>
      url.pathname === `/api/rooms/${DIRECT}/messages` ? [newest] : [],
    );
    vi.stubGlobal('fetch', fetchImpl);
    setActivePinia(createPinia());
    useSessionStore().$patch({ status: 'signed-in', user: aUser(users.alice) });
    socket = new FakeSocket();
    useNotificationsStore();
    useConnectionStore().attach(socket.asChatSocket());
    socket.goOnline();
    await settle();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('asks for nothing and shows nothing until the person enables them', () => {
    socket.fire('mention', { room: 'general', message: aMessage('11') });
    expect(RecordedNotification.asked).toBe(0);
    expect(RecordedNotification.shown).toEqual([]);
    expect(useNotificationsStore().enabled).toBe(false);
  });

  it('once enabled: a mention while hidden, not while visible, never one’s own', async () => {
    const store = useNotificationsStore();
    await store.enable();
    expect(RecordedNotification.asked).toBe(1);
    expect(localStorage.getItem(NOTIFY_PREFERENCE)).toBe('on');
    socket.fire('mention', { room: 'general', message: aMessage('11', { content: 'hi @alice' }) });
    hidden = false;
    socket.fire('mention', { room: 'general', message: aMessage('12') });
    hidden = true;
    socket.fire('message:new', aMessage('13', { room: DIRECT, author: users.alice }));
    expect(RecordedNotification.shown).toEqual([
      { title: 'bob mentioned you in #general', body: 'hi @alice', tag: 'minicord:general:11' },
    ]);
  });

  it('a direct message once, whether it comes as message:new, mention or room:activity', async () => {
    const store = useNotificationsStore();
    await store.enable();
    const message = aMessage('20', { room: DIRECT, content: 'psst @alice' });
    socket.fire('message:new', message);
    socket.fire('mention', { room: DIRECT, message });
    socket.fire('room:activity', { room: DIRECT, lastMessageId: '30' });
    // Activity in a public room is no reason to notify.
    socket.fire('room:activity', { room: 'general', lastMessageId: '31' });
    await settle();
    expect(RecordedNotification.shown.map((n) => [n.title, n.body])).toEqual([
      ['bob', 'psst @alice'],
      ['bob', 'fetched one'],
    ]);
  });

  it('stops when disabled, and the choice outlives the page', async () => {
    const store = useNotificationsStore();
    await store.enable();
    store.disable();
    socket.fire('mention', { room: 'general', message: aMessage('11') });
    expect(RecordedNotification.shown).toEqual([]);
    expect(localStorage.getItem(NOTIFY_PREFERENCE)).toBe('off');
  });
});
