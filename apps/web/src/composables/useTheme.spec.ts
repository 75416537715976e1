import { beforeEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { useTheme } from './useTheme';

describe('useTheme', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.removeAttribute('data-theme');
  });

  it('leaves <html> without data-theme while following the system, so the CSS follows it alone', () => {
    const scope = effectScope();
    scope.run(() => {
      const theme = useTheme();
      expect(theme.choice.value).toBe('auto');
      expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    });
    scope.stop();
  });

  it('cycles as the system → light → dark → as the system, marking <html> and remembering the pick', async () => {
    const scope = effectScope();
    const theme = scope.run(() => useTheme());
    if (!theme) throw new Error('no theme');
    theme.cycle();
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
    theme.cycle();
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    await nextTick();
    expect(localStorage.getItem('minicord.theme')).toBe('dark');
    theme.cycle();
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    expect(theme.label.value).toBe('Theme: as the system');
    scope.stop();
  });

  it('treats an unknown stored value as following the system', () => {
    localStorage.setItem('minicord.theme', 'sepia');
    const scope = effectScope();
    scope.run(() => {
      expect(useTheme().choice.value).toBe('auto');
      expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    });
    scope.stop();
  });
});
