import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { roomKey } from './room-states';
import { useSessionStore } from './session';

const PREFIX = 'minicord.draft';

/**
 * What the user was writing in each room and did not send yet: per user and per room, in
 * localStorage, so it waits across room switches and reloads (and is never another room's).
 */
export const useDraftsStore = defineStore('drafts', () => {
  const session = useSessionStore();
  const cache = reactive(new Map<string, string>());

  function keyOf(room: string): string | null {
    const userId = session.user?.id;
    return userId ? `${PREFIX}.${userId}.${roomKey(room)}` : null;
  }

  function read(key: string): string {
    try {
      return localStorage.getItem(key) ?? '';
    } catch {
      return '';
    }
  }

  function get(room: string): string {
    const key = keyOf(room);
    if (!key) return '';
    const known = cache.get(key);
    if (known !== undefined) return known;
    const stored = read(key);
    cache.set(key, stored);
    return stored;
  }

  function set(room: string, text: string): void {
    const key = keyOf(room);
    if (!key) return;
    cache.set(key, text);
    try {
      if (text.trim()) localStorage.setItem(key, text);
      else localStorage.removeItem(key);
    } catch {
      // Storage full or refused: the draft still lives for this page.
    }
  }

  return { get, set, clear: (room: string) => set(room, '') };
});
