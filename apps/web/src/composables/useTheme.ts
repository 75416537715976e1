import { useStorage } from '@vueuse/core';
import { computed, watch } from 'vue';

export type ThemeChoice = 'auto' | 'light' | 'dark';

const NEXT: Record<ThemeChoice, ThemeChoice> = { auto: 'light', light: 'dark', dark: 'auto' };
const LABEL: Record<ThemeChoice, string> = {
  auto: 'Theme: as the system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

function isThemeChoice(value: string): value is ThemeChoice {
  return value === 'auto' || value === 'light' || value === 'dark';
}

/**
 * The colour theme: the system's (`prefers-color-scheme`) unless the user picked light or dark.
 * A pick is kept in localStorage and set as `data-theme` on <html>. "As the system" leaves the
 * attribute off, so the CSS (`light-dark()` under `color-scheme: light dark`) follows the system
 * by itself, at the same moment the system changes — no script in that loop to lag behind it.
 */
export function useTheme() {
  const stored = useStorage<string>('minicord.theme', 'auto');
  const choice = computed<ThemeChoice>(() => (isThemeChoice(stored.value) ? stored.value : 'auto'));
  watch(
    choice,
    (value) => {
      const root = document.documentElement;
      if (value === 'auto') root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', value);
    },
    { immediate: true, flush: 'sync' },
  );
  return {
    choice,
    label: computed(() => LABEL[choice.value]),
    cycle: () => {
      stored.value = NEXT[choice.value];
    },
  };
}
