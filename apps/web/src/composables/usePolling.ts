import { onScopeDispose } from 'vue';

/** Runs `task` now and then every `intervalMs` while the calling component lives. */
export function usePolling(task: () => Promise<void>, intervalMs: number): void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function tick(): Promise<void> {
    await task();
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  }

  void tick();
  onScopeDispose(() => {
    stopped = true;
    clearTimeout(timer);
  });
}
