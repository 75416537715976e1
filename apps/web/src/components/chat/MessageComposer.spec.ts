import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import MessageComposer from './MessageComposer.vue';

const LONG_ROOM = 'a-room-with-a-rather-long-name';

/** Pretends the screen is narrower than 720px, or not. */
function screenIsNarrow(narrow: boolean): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: narrow && query.includes('max-width: 720px'),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

function placeholderFor(room: string): string | undefined {
  const wrapper = mount(MessageComposer, { props: { room } });
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
