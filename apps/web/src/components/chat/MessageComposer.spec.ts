import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import MessageComposer from './MessageComposer.vue';

const LONG_ROOM = 'a-room-with-a-rather-long-name';

/** Pretends the screen is narrower than 720px (or not), and touched rather than clicked. */
function screenIsNarrow(narrow: boolean, touch = false): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches:
      (narrow && query.includes('max-width: 720px')) ||
      (touch && query.includes('pointer: coarse')),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

function placeholderFor(room: string): string | undefined {
  const wrapper = mount(MessageComposer, { props: { room, modelValue: '' } });
  const placeholder = wrapper.get('textarea').attributes('placeholder');
  expect(wrapper.get('label[for="composer-input"]').text()).toBe('Message');
  wrapper.unmount();
  return placeholder;
}

describe('MessageComposer placeholder', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('names the room on a wide screen, shortening a long name', () => {
    screenIsNarrow(false);
    expect(placeholderFor('general')).toBe('Message #general');
    expect(placeholderFor(LONG_ROOM)).toBe('Message #a-room-with-a-rath…');
  });

  it('is just "Message" on a phone, where a room name would be cut off', () => {
    screenIsNarrow(true);
    expect(placeholderFor(LONG_ROOM)).toBe('Message');
    expect(placeholderFor('general')).toBe('Message');
  });
});

describe('MessageComposer keys and focus', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The composer under a parent that holds the draft, as the room page does. */
  function mountComposer(touch: boolean) {
    screenIsNarrow(touch, touch);
    const sent: string[] = [];
    const Host = defineComponent({
      setup() {
        const draft = ref('line one\nline two');
        return () =>
          h(MessageComposer, {
            room: 'general',
            modelValue: draft.value,
            'onUpdate:modelValue': (value: string) => (draft.value = value),
            onSend: (content: string) => sent.push(content),
          });
      },
    });
    return { wrapper: mount(Host, { attachTo: document.body }), sent };
  }

  it('sends on Enter with a keyboard, and is focused when the room opens', async () => {
    const { wrapper, sent } = mountComposer(false);
    await nextTick();
    expect(document.activeElement).toBe(wrapper.get('textarea').element);
    await wrapper.get('textarea').trigger('keydown', { key: 'Enter' });
    expect(sent).toEqual(['line one\nline two']);
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe('');
    wrapper.unmount();
  });

  it('on a touch screen: Enter is a new line, the Send button sends, the keyboard stays down', async () => {
    const { wrapper, sent } = mountComposer(true);
    await nextTick();
    expect(document.activeElement).not.toBe(wrapper.get('textarea').element);
    await wrapper.get('textarea').trigger('keydown', { key: 'Enter' });
    expect(sent).toEqual([]);
    expect(wrapper.get('#composer-help').text()).toBe('Enter for a new line · Send to send');
    await wrapper.get('form').trigger('submit');
    expect(sent).toEqual(['line one\nline two']);
    wrapper.unmount();
  });
});

describe('MessageComposer @ suggestions', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function mountWithMembers() {
    screenIsNarrow(false);
    const sent: string[] = [];
    let asked = 0;
    const draft = ref('');
    const Host = defineComponent({
      setup() {
        return () =>
          h(MessageComposer, {
            room: 'general',
            mentionNames: ['Grace', 'greg', 'linus'],
            modelValue: draft.value,
            'onUpdate:modelValue': (value: string) => (draft.value = value),
            onSend: (content: string) => sent.push(content),
            onWantMentions: () => (asked += 1),
          });
      },
    });
    const wrapper = mount(Host, { attachTo: document.body });
    return { wrapper, sent, draft, asked: () => asked };
  }

  const options = (wrapper: ReturnType<typeof mount>) =>
    wrapper.findAll('[role="option"]').map((o) => [o.text(), o.attributes('aria-selected')]);

  it('lists the members matching what follows @; arrows move, Enter inserts @username', async () => {
    const { wrapper, sent, draft, asked } = mountWithMembers();
    const box = wrapper.get('textarea');
    await box.setValue('hi @GR');
    expect(asked()).toBe(1);
    expect(options(wrapper)).toEqual([
      ['@Grace', 'true'],
      ['@greg', 'false'],
    ]);
    expect(box.attributes('aria-controls')).toBe('composer-mentions');
    expect(box.attributes('aria-activedescendant')).toBe('composer-mentions-0');
    await box.trigger('keydown', { key: 'ArrowDown' });
    expect(box.attributes('aria-activedescendant')).toBe('composer-mentions-1');
    await box.trigger('keydown', { key: 'ArrowDown' });
    expect(options(wrapper)[0]).toEqual(['@Grace', 'true']);
    await box.trigger('keydown', { key: 'ArrowUp' });
    await box.trigger('keydown', { key: 'Enter' });
    expect(draft.value).toBe('hi @greg ');
    expect(sent).toEqual([]);
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false);
    expect(box.attributes('aria-activedescendant')).toBeUndefined();
    wrapper.unmount();
  });

  it('inserts with Tab; Escape closes the list and Enter then sends', async () => {
    const { wrapper, sent, draft } = mountWithMembers();
    const box = wrapper.get('textarea');
    await box.setValue('@li');
    await box.trigger('keydown', { key: 'Tab' });
    expect(draft.value).toBe('@linus ');
    await box.setValue('@linus and @g');
    expect(options(wrapper).map(([name]) => name)).toEqual(['@Grace', '@greg']);
    await box.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false);
    await box.setValue('@linus and @gr');
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false);
    await box.trigger('keydown', { key: 'Enter' });
    expect(sent).toEqual(['@linus and @gr']);
    wrapper.unmount();
  });

  it('suggests nothing for an @ inside a word or a name nobody has', async () => {
    const { wrapper } = mountWithMembers();
    const box = wrapper.get('textarea');
    await box.setValue('mail ada@g');
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false);
    await box.setValue('@zed');
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
