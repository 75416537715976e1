import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { users } from '../../test/fake-socket';
import ReactionChips from './ReactionChips.vue';

const reactions = [
  { emoji: '👍', count: 2, users: [users.bob, users.alice] },
  { emoji: '🎉', count: 1, users: [users.bob] },
];

describe('ReactionChips', () => {
  it('names each chip by emoji and count, pressed when the viewer reacted, who on hover', () => {
    const wrapper = mount(ReactionChips, { props: { reactions, viewerId: users.alice.id } });
    const chips = wrapper.findAll('button');
    expect(chips.map((chip) => chip.text())).toEqual(['👍 2', '🎉 1']);
    expect(chips.map((chip) => chip.attributes('aria-pressed'))).toEqual(['true', 'false']);
    expect(chips[0]?.attributes('title')).toBe('bob, alice');
  });

  it('toggles the viewer’s own: off where pressed, on where not', async () => {
    const wrapper = mount(ReactionChips, { props: { reactions, viewerId: users.alice.id } });
    const chips = wrapper.findAll('button');
    await chips[0]?.trigger('click');
    await chips[1]?.trigger('click');
    expect(wrapper.emitted('toggle')).toEqual([
      ['👍', false],
      ['🎉', true],
    ]);
  });

  it('shows nothing without reactions', () => {
    expect(mount(ReactionChips, { props: { reactions: [], viewerId: null } }).html()).toBe(
      '<!--v-if-->',
    );
  });
});
