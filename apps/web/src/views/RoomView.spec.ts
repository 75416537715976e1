import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { routes } from '../router';
import { useSessionStore } from '../stores/session';
import { useConnectionStore } from '../stores/connection';
import { useRoomsStore } from '../stores/rooms';
import {
  aMessage,
  aResponse,
  aUser,
  fakeFetch,
  FakeSocket,
  joinAck,
  settle,
  users,
} from '../test/fake-socket';
import RoomView from './RoomView.vue';

/** Opens #general (owned by alice) as `who`. */
async function mountRoom(who = users.alice) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().$patch({ status: 'signed-in', user: aUser(who) });
  const socket = new FakeSocket();
  useConnectionStore().attach(socket.asChatSocket());
  socket.goOnline();
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/rooms/general');
  const wrapper = mount(RoomView, {
    props: { name: 'general' },
    global: { plugins: [pinia, router] },
    attachTo: document.body,
  });
  await settle();
  socket.lastOf('room:join').answer(joinAck());
  await settle();
  return { wrapper, socket, router };
}

const latestPage = Array.from({ length: 50 }, (_, i) => aMessage(String(i + 51)));
const olderPage = Array.from({ length: 20 }, (_, i) => aMessage(String(i + 31)));

describe('RoomView', () => {
  let requested: URL[];
  let calls: { method: string; url: URL }[];
  let answerDelete: (response: Response) => void;

  beforeEach(() => {
    const stub = fakeFetch((url, method) => {
      if (method === 'DELETE') return new Promise((resolve) => (answerDelete = resolve));
      if (url.pathname === '/api/rooms' || url.pathname === '/api/me/rooms') return [];
      return url.searchParams.get('before') === '51' ? olderPage : latestPage;
    });
    requested = stub.requested;
    calls = stub.calls;
    vi.stubGlobal('fetch', stub.fetchImpl);
  });

  const deleteButton = (wrapper: Awaited<ReturnType<typeof mountRoom>>['wrapper']) =>
    wrapper.findAll('button').find((b) => b.text() === 'Delete room');

  it('lets the owner delete the room after confirming, then shows the room list with a notice', async () => {
    const { wrapper, socket, router } = await mountRoom(users.alice);
    await deleteButton(wrapper)?.trigger('click');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    const confirm = wrapper.findAll('button').find((b) => b.text() === 'Delete for everyone');
    await confirm?.trigger('click');
    const deletes = calls.filter((c) => c.method === 'DELETE').map((c) => c.url.pathname);
    expect(deletes).toEqual(['/api/rooms/general']);

    // The owner's own socket hears the deletion before the REST answer: no member notice.
    socket.fire('room:deleted', { room: 'general' });
    await settle();
    expect(useRoomsStore().notice).toBeNull();
    answerDelete(aResponse(204));
    await settle();
    expect(router.currentRoute.value.name).toBe('rooms');
    expect(useRoomsStore().notice).toBe('You deleted the room #general.');
    wrapper.unmount();
  });

  it('shows no Delete room button to members, who are sent back when the owner deletes it', async () => {
    const { wrapper, socket, router } = await mountRoom(users.bob);
    expect(wrapper.find('.chat__header').text()).toContain('general');
    expect(deleteButton(wrapper)).toBeUndefined();
    socket.fire('room:deleted', { room: 'general' });
    await settle();
    expect(router.currentRoute.value.name).toBe('rooms');
    expect(useRoomsStore().notice).toBe('The room #general was deleted.');
    wrapper.unmount();
  });

  it('shows the latest page, one list item per message with author and content', async () => {
    const { wrapper } = await mountRoom();
    const items = wrapper.findAll('ul[aria-label="Messages"] > li');
    expect(items).toHaveLength(50);
    expect(items[0]?.text()).toContain('bob');
    expect(items[0]?.text()).toContain('message 51');
    expect(items[49]?.text()).toContain('message 100');
    wrapper.unmount();
  });

  it('renders user content as text, never as HTML', async () => {
    const { wrapper, socket } = await mountRoom();
    const content = '<img src=x onerror="alert(1)"><b>bold</b>';
    socket.fire('message:new', aMessage('101', { content }));
    await flushPromises();
    const last = wrapper.findAll('ul[aria-label="Messages"] > li').at(-1);
    expect(last?.find('.message__content').text()).toBe(content);
    expect(wrapper.find('ul[aria-label="Messages"] img').exists()).toBe(false);
    expect(wrapper.find('ul[aria-label="Messages"] b').exists()).toBe(false);
    wrapper.unmount();
  });

  it('loads the previous page with before= when scrolled to the top', async () => {
    const { wrapper } = await mountRoom();
    const scroller = wrapper.find('.message-scroller');
    (scroller.element as HTMLElement).scrollTop = 0;
    await scroller.trigger('scroll');
    await settle();
    const cursors = requested.map((u) => u.searchParams.get('before')).filter(Boolean);
    expect(cursors).toEqual(['51']);
    const items = wrapper.findAll('ul[aria-label="Messages"] > li');
    expect(items).toHaveLength(70);
    expect(items[0]?.text()).toContain('message 31');
    expect(wrapper.text()).toContain('This is the start of #general');
    wrapper.unmount();
  });

  it('sends on Enter, keeps Shift+Enter as a new line, and clears the box', async () => {
    const { wrapper, socket } = await mountRoom();
    const box = wrapper.get('textarea');
    await box.setValue('line one');
    await box.trigger('keydown', { key: 'Enter', shiftKey: true });
    expect(socket.emittedOf('message:send')).toHaveLength(0);
    await box.setValue('line one\nline two');
    await box.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(socket.lastOf('message:send').payload.content).toBe('line one\nline two');
    expect((box.element as HTMLTextAreaElement).value).toBe('');
    wrapper.unmount();
  });

  async function sendFromBox(
    wrapper: Awaited<ReturnType<typeof mountRoom>>['wrapper'],
    text: string,
  ) {
    await wrapper.get('textarea').setValue(text);
    await wrapper.get('form.composer').trigger('submit');
    await settle();
  }

  it('shows a refused send with Retry and Discard; Retry resends under the same clientId', async () => {
    const { wrapper, socket } = await mountRoom();
    await sendFromBox(wrapper, 'are you there?');
    const first = socket.lastOf('message:send');
    expect(wrapper.find('.message--pending').text()).toContain('Sending…');
    first.answer({ ok: false, error: { code: 'invalid', message: 'content is not allowed' } });
    await settle();
    const failed = wrapper.get('.message--failed');
    expect(failed.text()).toContain('Not sent');
    expect(failed.text()).toContain('Content is not allowed.');
    // One polite status line speaks for it; the item itself is no alert.
    expect(wrapper.findAll('[role="alert"]')).toHaveLength(0);
    expect(wrapper.get('.send-status').text()).toBe(
      '1 message could not be sent: retry or discard it above.',
    );

    const retryButton = wrapper.findAll('button').find((b) => b.text() === 'Retry');
    await retryButton?.trigger('click');
    await settle();
    const second = socket.lastOf('message:send');
    expect(second).not.toBe(first);
    expect(second.payload.clientId).toBe(first.payload.clientId);
    second.answer({
      ok: true,
      message: aMessage('101', {
        author: users.alice,
        content: 'are you there?',
        clientId: String(first.payload.clientId),
      }),
    });
    await settle();
    expect(wrapper.find('.message--pending').exists()).toBe(false);
    const texts = wrapper.findAll('ul[aria-label="Messages"] > li').map((li) => li.text());
    expect(texts.filter((t) => t.includes('are you there?'))).toHaveLength(1);
    wrapper.unmount();
  });

  it('says "Waiting for connection" for a message written while disconnected, and discards it on request', async () => {
    const { wrapper, socket } = await mountRoom();
    socket.drop();
    await sendFromBox(wrapper, 'written in a tunnel');
    expect(wrapper.get('.message--pending').text()).toContain('Waiting for connection');
    expect(wrapper.get('.send-status').text()).toBe('1 message is waiting for the connection.');
    expect(wrapper.find('.message--failed').exists()).toBe(false);
    expect(wrapper.get('.online').text()).toContain('Not known while disconnected.');
    const discard = wrapper.findAll('button').find((b) => b.text() === 'Discard');
    await discard?.trigger('click');
    await settle();
    expect(wrapper.find('.message--pending').exists()).toBe(false);
    socket.goOnline();
    await settle();
    expect(socket.emittedOf('message:send')).toHaveLength(0);
    wrapper.unmount();
  });

  it("announces others' new messages politely, author and text, but not history nor one's own", async () => {
    const { wrapper, socket } = await mountRoom();
    const announcer = () => wrapper.get('[data-testid="announcer"]');
    expect(announcer().attributes('aria-live')).toBe('polite');
    expect(announcer().text()).toBe('');
    socket.fire('message:new', aMessage('101', { content: 'hello there' }));
    socket.fire('message:new', aMessage('102', { author: users.alice, content: 'mine' }));
    await settle();
    expect(
      announcer()
        .findAll('p')
        .map((p) => p.text()),
    ).toEqual(['bob: hello there']);
    // The list itself is no live region: it would read the whole history out.
    expect(wrapper.get('ul[aria-label="Messages"]').attributes('aria-live')).toBeUndefined();
    wrapper.unmount();
  });

  it('keeps a draft in its room: switching rooms empties the box, Enter posts nothing there, and the draft waits for its room', async () => {
    const { wrapper, socket } = await mountRoom();
    await wrapper.get('textarea').setValue('a private remark for #general');
    await wrapper.setProps({ name: 'random' });
    await settle();
    const box = wrapper.get('textarea');
    expect((box.element as HTMLTextAreaElement).value).toBe('');
    await box.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(socket.emittedOf('message:send')).toHaveLength(0);
    await wrapper.setProps({ name: 'general' });
    await settle();
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe(
      'a private remark for #general',
    );
    wrapper.unmount();
  });
});
