import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { aUser, users } from '../test/fake-socket';
import { useDraftsStore } from './drafts';
import { useSessionStore } from './session';

/** A page load as `who`: fresh stores over the same localStorage. */
function openPage(who = users.alice) {
  setActivePinia(createPinia());
  useSessionStore().$patch({ status: 'signed-in', user: aUser(who) });
  return useDraftsStore();
}

describe('drafts', () => {
  it('keeps one draft per room, whatever the case of its name', () => {
    const drafts = openPage();
    drafts.set('general', 'for general');
    drafts.set('random', 'for random');
    expect(drafts.get('General')).toBe('for general');
    expect(drafts.get('random')).toBe('for random');
    expect(drafts.get('design-crit')).toBe('');
  });

  it('survives a reload, and is gone once cleared (sent)', () => {
    openPage().set('general', 'half a thought');
    const reloaded = openPage();
    expect(reloaded.get('general')).toBe('half a thought');
    reloaded.clear('general');
    expect(openPage().get('general')).toBe('');
  });

  it("is the writer's own: another user on the same browser does not see it", () => {
    openPage(users.alice).set('general', "alice's private remark");
    expect(openPage(users.bob).get('general')).toBe('');
    expect(openPage(users.alice).get('general')).toBe("alice's private remark");
  });

  it('keeps nothing while nobody is signed in', () => {
    setActivePinia(createPinia());
    const drafts = useDraftsStore();
    drafts.set('general', 'lost');
    expect(drafts.get('general')).toBe('');
    expect(localStorage.length).toBe(0);
  });
});
