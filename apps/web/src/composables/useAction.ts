import { ref } from 'vue';
import { errorText } from '../api/errors';

/**
 * One request a person starts at a time (a form's submit, a confirmed action): `busy` while it
 * runs, when starting it again does nothing, and `error` the words of its last failure (the
 * server's when it gave some, else `fallback`). `run` resolves to whether it worked.
 */
export function useAction(fallback: string) {
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    error.value = null;
    try {
      await action();
      return true;
    } catch (failure) {
      error.value = errorText(failure, fallback);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
