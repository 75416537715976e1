import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../api/http';
import { settle } from '../../test/fake-socket';
import RoomDeleteControl from './RoomDeleteControl.vue';

function mountControl(failure?: Error) {
  const removed: string[] = [];
  const remove = (room: string) => {
    removed.push(room);
    return failure ? Promise.reject(failure) : Promise.resolve();
  };
  const wrapper = mount(RoomDeleteControl, {
    props: { room: 'general', remove },
    attachTo: document.body,
  });
  return { wrapper, removed };
}

const button = (wrapper: ReturnType<typeof mountControl>['wrapper'], name: string) =>
  wrapper.findAll('button').find((b) => b.text() === name);

describe('RoomDeleteControl', () => {
  it('asks before deleting, with the focus on Cancel', async () => {
    const { wrapper, removed } = mountControl();
    await button(wrapper, 'Delete room')?.trigger('click');
    await settle();
    expect(wrapper.get('[role="group"]').text()).toContain(
      'Delete #general and all its messages for everyone?',
    );
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel');
    expect(removed).toEqual([]);
    wrapper.unmount();
  });

  it('goes back without deleting on Escape or Cancel, returning the focus', async () => {
    const { wrapper, removed } = mountControl();
    await button(wrapper, 'Delete room')?.trigger('click');
    await settle();
    await wrapper.get('[role="group"]').trigger('keydown', { key: 'Escape' });
    await settle();
    expect(wrapper.find('[role="group"]').exists()).toBe(false);
    expect(document.activeElement?.textContent?.trim()).toBe('Delete room');

    await button(wrapper, 'Delete room')?.trigger('click');
    await button(wrapper, 'Cancel')?.trigger('click');
    await settle();
    expect(wrapper.find('[role="group"]').exists()).toBe(false);
    expect(removed).toEqual([]);
    expect(wrapper.emitted('deleted')).toBeUndefined();
    wrapper.unmount();
  });

  it('deletes the room once confirmed and says so', async () => {
    const { wrapper, removed } = mountControl();
    await button(wrapper, 'Delete room')?.trigger('click');
    await button(wrapper, 'Delete for everyone')?.trigger('click');
    await settle();
    expect(removed).toEqual(['general']);
    expect(wrapper.emitted('deleted')).toHaveLength(1);
    wrapper.unmount();
  });

  it('explains a refusal and stays open so the owner can try again', async () => {
    const { wrapper } = mountControl(
      new ApiRequestError(403, 'forbidden', ['only the owner can delete']),
    );
    await button(wrapper, 'Delete room')?.trigger('click');
    await button(wrapper, 'Delete for everyone')?.trigger('click');
    await settle();
    expect(wrapper.get('[role="alert"]').text()).toBe(
      'Could not delete the room. Only the owner can delete.',
    );
    expect(button(wrapper, 'Delete for everyone')?.attributes('disabled')).toBeUndefined();
    expect(wrapper.emitted('deleted')).toBeUndefined();
    wrapper.unmount();
  });
});
