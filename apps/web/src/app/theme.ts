import { theme, type ThemeConfig } from 'antd';
import type { ThemeMode } from '../stores/preferences';
import { BORDER_RADIUS, FONT_FAMILY, seedTokens } from '../lib/theme-tokens';

interface ThemeOptions {
  /** Component tests turn antd's motion off: nothing waits for a transition that jsdom never ends. */
  motion?: boolean;
}

// The values (and why each one) live in lib/theme-tokens.ts: the antd-free login uses them too.
const { light, dark } = seedTokens;

export function themeConfig(mode: ThemeMode, { motion = true }: ThemeOptions = {}): ThemeConfig {
  return {
    algorithm: mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
    // A fixed key instead of React's per-provider id: the hidden style primer's provider and the
    // signed-in screens' one then share the same generated CSS (app/style-primer.tsx).
    cssVar: { key: `ob-${mode}` },
    token: {
      motion,
      ...(mode === 'dark' ? dark : light),
      borderRadius: BORDER_RADIUS,
      fontFamily: FONT_FAMILY,
    },
    components: {
      Layout:
        mode === 'dark' ? { headerBg: '#141414' } : { headerBg: '#ffffff', bodyBg: '#f5f7fa' },
      ...(mode === 'dark' ? { Button: { dangerColor: '#141414' } } : {}),
      // The selected tab's text takes the link colour: the primary blue is under 4.5:1 on dark.
      Tabs: { itemSelectedColor: (mode === 'dark' ? dark : light).colorLink },
    },
  };
}
