import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { routes } from '../router';
import { useAuthStore } from '../stores/auth';
import { useConnectionStore } from '../stores/connection';
import { useRoomsStore } from '../stores/rooms';
import {
  aMessage,
  aResponse,
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
  useAuthStore().$patch({
    token: 'token',
    user: { ...who, createdAt: '2026-01-01T00:00:00.000Z' },
  });
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
      if (url.pathname === '/api/rooms') return [];
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
    expect(socket.lastOf('message:send').payload.content).toBe('line one\nline two');
    expect((box.element as HTMLTextAreaElement).value).toBe('');
    wrapper.unmount();
  });

  it('shows a failed send with Retry, and Retry resends under the same clientId', async () => {
    const { wrapper, socket } = await mountRoom();
    await wrapper.get('textarea').setValue('are you there?');
    await wrapper.get('form.composer').trigger('submit');
    const first = socket.lastOf('message:send');
    expect(wrapper.find('.message--pending').text()).toContain('Sending…');
    first.timeOut();
    await settle();
    expect(wrapper.find('.message--failed').text()).toContain('Not sent');

    const retryButton = wrapper.findAll('button').find((b) => b.text() === 'Retry');
    await retryButton?.trigger('click');
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

  it('keeps a draft in its room: switching rooms empties the box and Enter posts nothing there', async () => {
    const { wrapper, socket } = await mountRoom();
    await wrapper.get('textarea').setValue('a private remark for #general');
    await wrapper.setProps({ name: 'random' });
    await settle();
    const box = wrapper.get('textarea');
    expect((box.element as HTMLTextAreaElement).value).toBe('');
    await box.trigger('keydown', { key: 'Enter' });
    expect(socket.emittedOf('message:send')).toHaveLength(0);
    wrapper.unmount();
  });
});
