import { ref, type Ref } from 'vue';
import { api } from '../api/http';

/** A list older than this is asked for again when the next `@` is typed (people join). */
const FRESH_MS = 30_000;

/**
 * The usernames one may mention in a room: its members but oneself (the author is never
 * mentioned). Loaded when the first `@` is typed, not with the room, and again when stale.
 */
export function useMentionCandidates(
  room: () => string | undefined,
  viewerId: () => string | undefined,
): { names: Ref<string[]>; refresh: () => void } {
  const names = ref<string[]>([]);
  let loadedAt = 0;
  let loadedFor: string | undefined;
  let loading = false;

  function refresh(): void {
    const name = room();
    if (!name || loading) return;
    if (name === loadedFor && Date.now() - loadedAt < FRESH_MS) return;
    loading = true;
    api
      .members(name)
      .then((members) => {
        if (room() !== name) return;
        names.value = members.filter((m) => m.user.id !== viewerId()).map((m) => m.user.username);
        loadedFor = name;
        loadedAt = Date.now();
      })
      // No list (offline, removed meanwhile): no suggestions; typing goes on as before.
      .catch(() => undefined)
      .finally(() => {
        loading = false;
      });
  }

  return { names, refresh };
}
