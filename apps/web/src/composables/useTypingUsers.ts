import type { UserSummary } from '@chat/contract';
import { computed, onScopeDispose, ref } from 'vue';

/** How long "X is typing…" stays after that user's last typing event. */
export const TYPING_SHOWN_MS = 4000;

/** Who is typing in a room, forgotten a few seconds after their last keystroke. */
export function useTypingUsers() {
  const typing = ref(new Map<string, { username: string; until: number }>());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function forget(userId: string): void {
    typing.value.delete(userId);
    clearTimeout(timers.get(userId));
    timers.delete(userId);
  }

  function sawTyping(user: UserSummary): void {
    clearTimeout(timers.get(user.id));
    typing.value.set(user.id, { username: user.username, until: Date.now() + TYPING_SHOWN_MS });
    timers.set(
      user.id,
      setTimeout(() => forget(user.id), TYPING_SHOWN_MS),
    );
  }

  function clearAll(): void {
    for (const userId of [...timers.keys()]) forget(userId);
  }

  onScopeDispose(clearAll);

  const typingNames = computed(() => [...typing.value.values()].map((entry) => entry.username));
  return { typingNames, sawTyping, forget, clearAll };
}
