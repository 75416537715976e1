import { useColorMode } from '@vueuse/core';
import { computed } from 'vue';

export type ThemeChoice = 'auto' | 'light' | 'dark';

const NEXT: Record<ThemeChoice, ThemeChoice> = { auto: 'light', light: 'dark', dark: 'auto' };
const LABEL: Record<ThemeChoice, string> = {
  auto: 'Theme: as the system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

/**
 * The colour theme: the system's (`prefers-color-scheme`) unless the user picked light or dark,
 * which is kept in localStorage and set as `data-theme` on <html>; the CSS does the rest.
 */
export function useTheme() {
  const mode = useColorMode({
    attribute: 'data-theme',
    storageKey: 'minicord.theme',
    emitAuto: true,
    // VueUse would add a <style> element for the switch; the CSP allows no inline style.
    disableTransition: false,
  });
  const { store } = mode;
  const choice = computed<ThemeChoice>(() => store.value);
  return {
    choice,
    label: computed(() => LABEL[choice.value]),
    cycle: () => {
      mode.value = NEXT[choice.value];
    },
  };
}
