import { describe, expect, it } from 'vitest';
import { theme } from 'antd';
import { themeConfig } from '../app/theme';
import { applyThemeTokens, cssVarName, derivedTokens } from './theme-tokens';

/** antd writes rgba() without spaces, the seeds have them: compare the colours, not the text. */
const norm = (v: string) => v.replace(/\s+/g, '').toLowerCase();

describe('theme tokens', () => {
  it.each(['light', 'dark'] as const)(
    'the antd-free screens use what antd derives from the theme (%s)',
    (mode) => {
      const antd = theme.getDesignToken(themeConfig(mode)) as unknown as Record<string, unknown>;
      const ours = Object.entries(derivedTokens[mode]);
      expect(Object.fromEntries(ours.map(([name, value]) => [name, norm(value)]))).toEqual(
        Object.fromEntries(ours.map(([name]) => [name, norm(String(antd[name]))])),
      );
    },
  );

  it('sets them as CSS custom properties and themes the page behind them', () => {
    applyThemeTokens('dark');
    const root = document.documentElement;
    expect(cssVarName('colorPrimaryBg')).toBe('--ob-color-primary-bg');
    expect(root.style.getPropertyValue('--ob-color-primary')).toBe(derivedTokens.dark.colorPrimary);
    expect(root.style.getPropertyValue('--ob-border-radius')).toBe('6px');
    expect(root.style.colorScheme).toBe('dark');
    expect(document.body.style.background).not.toBe('');
    applyThemeTokens('light');
    expect(root.style.getPropertyValue('--ob-color-bg-container')).toBe('#ffffff');
    expect(root.style.colorScheme).toBe('light');
  });
});
