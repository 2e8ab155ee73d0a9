import { theme, type ThemeConfig } from 'antd';
import type { ThemeMode } from '../stores/preferences';

/** OceanBase's own consoles: antd with the brand blue. */
export const OB_BLUE = '#006AFF';

interface ThemeOptions {
  /** Component tests turn antd's motion off: nothing waits for a transition that jsdom never ends. */
  motion?: boolean;
}

export function themeConfig(mode: ThemeMode, { motion = true }: ThemeOptions = {}): ThemeConfig {
  return {
    algorithm: mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
    token: {
      motion,
      colorPrimary: OB_BLUE,
      colorInfo: OB_BLUE,
      colorLink: OB_BLUE,
      borderRadius: 6,
      fontFamily:
        "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif",
    },
    components: {
      Layout: mode === 'dark' ? {} : { headerBg: '#ffffff', bodyBg: '#f5f7fa' },
    },
  };
}
