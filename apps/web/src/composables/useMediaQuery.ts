import { onScopeDispose, ref, type Ref } from 'vue';

/** Whether a CSS media query matches now, kept up to date while the caller lives. */
export function useMediaQuery(query: string): Ref<boolean> {
  const matches = ref(false);
  // Test environments (jsdom) have no matchMedia: the query then never matches.
  if (typeof window.matchMedia !== 'function') return matches;
  const list = window.matchMedia(query);
  const update = () => {
    matches.value = list.matches;
  };
  update();
  list.addEventListener('change', update);
  onScopeDispose(() => list.removeEventListener('change', update));
  return matches;
}
