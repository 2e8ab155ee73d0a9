import { theme, type ThemeConfig } from 'antd';
import type { ThemeMode } from '../stores/preferences';

/** OceanBase's own consoles: antd with the brand blue. */
export const OB_BLUE = '#006AFF';

interface ThemeOptions {
  /** Component tests turn antd's motion off: nothing waits for a transition that jsdom never ends. */
  motion?: boolean;
}

/*
 * WCAG 2.1 AA (4.5:1 for text) in both modes, through antd's tokens rather than one-off
 * colours. antd's defaults fail it: secondary text #8c8c8c on white is 3.4:1, placeholders
 * #bfbfbf 1.8:1, a success tag's #52c41a on #f6ffed 2.2:1, the brand blue on #f5f5f5 4.3:1.
 * Each value below is the nearest that passes on the backgrounds it is drawn on (white,
 * #f5f7fa and the tags' tinted backgrounds in light; #141414 and #1f1f1f in dark); the axe
 * e2e (e2e/specs/screens.spec.ts) checks every screen in both modes.
 */
const light = {
  // The brand blue a shade darker: 5.5:1 under white button text, 5.0:1 on #f5f5f5.
  colorPrimary: '#0060e6',
  colorInfo: '#0060e6',
  colorLink: '#0057d9',
  // Darker status colours for text; their tinted backgrounds are pinned to antd's usual ones,
  // since a palette generated from a dark seed makes them grey (#adb8a5 under green text).
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarning: '#8f5700',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorError: '#cf1322',
  colorErrorBg: '#fff1f0',
  colorErrorBorder: '#ffa39e',
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextQuaternary: 'rgba(0, 0, 0, 0.58)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
};

const dark = {
  colorPrimary: '#1f7aff',
  colorInfo: '#1f7aff',
  colorLink: '#5c9dff',
  colorTextSecondary: 'rgba(255, 255, 255, 0.72)',
  colorTextTertiary: 'rgba(255, 255, 255, 0.66)',
  colorTextQuaternary: 'rgba(255, 255, 255, 0.6)',
  colorTextPlaceholder: 'rgba(255, 255, 255, 0.6)',
  colorTextDescription: 'rgba(255, 255, 255, 0.66)',
  // Light enough to read on the error tag's dark red (6.6:1); danger buttons then take dark text.
  colorError: '#ff7875',
};

export function themeConfig(mode: ThemeMode, { motion = true }: ThemeOptions = {}): ThemeConfig {
  return {
    algorithm: mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
    token: {
      motion,
      ...(mode === 'dark' ? dark : light),
      borderRadius: 6,
      fontFamily:
        "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif",
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
