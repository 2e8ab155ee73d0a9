import type { ThemeMode } from '../stores/preferences';

/**
 * The console's look, as values: what antd's theme is given (app/theme.ts) and what the screens
 * drawn without antd (the login page, the loading state) style themselves with, through CSS
 * custom properties (applyThemeTokens). One source, so the two look the same.
 */

/** OceanBase's own consoles: antd with the brand blue. */
export const OB_BLUE = '#006AFF';

export const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif";
export const BORDER_RADIUS = 6;

/*
 * WCAG 2.1 AA (4.5:1 for text) in both modes, through antd's tokens rather than one-off
 * colours. antd's defaults fail it: secondary text #8c8c8c on white is 3.4:1, placeholders
 * #bfbfbf 1.8:1, a success tag's #52c41a on #f6ffed 2.2:1, the brand blue on #f5f5f5 4.3:1.
 * Each value below is the nearest that passes on the backgrounds it is drawn on (white,
 * #f5f7fa and the tags' tinted backgrounds in light; #141414 and #1f1f1f in dark); the axe
 * e2e (e2e/specs/screens.spec.ts) checks every screen in both modes.
 */
export const seedTokens = {
  light: {
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
  },
  dark: {
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
  },
} as const satisfies Record<ThemeMode, Record<string, string>>;

/**
 * The tokens the antd-free screens use, as antd derives them from the seeds above (its
 * algorithm turns a seed into a palette: the dark primary, for one, is not the seed itself).
 * Copied here so /login does not download antd to compute them; theme-tokens.test.ts checks
 * every value against antd's own derivation, so a change of seed or of antd fails there.
 */
export const derivedTokens = {
  light: {
    colorPrimary: '#0060e6',
    colorPrimaryHover: '#2782f2',
    colorPrimaryActive: '#0049bf',
    colorPrimaryBg: '#e6f4ff',
    colorLink: '#0057d9',
    colorText: 'rgba(0,0,0,0.88)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorTextLightSolid: '#fff',
    colorBgLayout: '#f5f5f5',
    colorBgContainer: '#ffffff',
    colorBgContainerDisabled: 'rgba(0,0,0,0.04)',
    colorBorder: '#d9d9d9',
    colorBorderSecondary: '#f0f0f0',
    colorError: '#cf1322',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorWarning: '#8f5700',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#7abfff',
    colorFillTertiary: 'rgba(0,0,0,0.04)',
    controlOutline: 'rgba(5,145,255,0.1)',
  },
  dark: {
    colorPrimary: '#1d6bdc',
    colorPrimaryHover: '#428ae8',
    colorPrimaryActive: '#1b56ad',
    colorPrimaryBg: '#17335b',
    colorLink: '#5188dc',
    colorText: 'rgba(255,255,255,0.85)',
    colorTextSecondary: 'rgba(255, 255, 255, 0.72)',
    colorTextPlaceholder: 'rgba(255, 255, 255, 0.6)',
    colorTextLightSolid: '#fff',
    colorBgLayout: '#000000',
    colorBgContainer: '#141414',
    colorBgContainerDisabled: 'rgba(255,255,255,0.08)',
    colorBorder: '#424242',
    colorBorderSecondary: '#303030',
    colorError: '#dc6966',
    colorErrorBg: '#2c1b1c',
    colorErrorBorder: '#5b3231',
    colorWarning: '#d89614',
    colorWarningBg: '#2b2111',
    colorWarningBorder: '#594214',
    colorInfoBg: '#121a2c',
    colorInfoBorder: '#17335b',
    colorFillTertiary: 'rgba(255,255,255,0.08)',
    controlOutline: 'rgba(30,120,249,0.31)',
  },
} as const satisfies Record<ThemeMode, Record<string, string>>;

export type DerivedToken = keyof (typeof derivedTokens)['light'];

/** `colorPrimaryBg` → `--ob-color-primary-bg`. */
export const cssVarName = (token: string): string =>
  `--ob-${token.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The page's background, text and font follow the theme outside antd's components too, and the
 * tokens become CSS custom properties (`--ob-color-text`, `--ob-border-radius`, …) on <html>.
 */
export function applyThemeTokens(mode: ThemeMode, root: HTMLElement = document.documentElement) {
  const tokens = derivedTokens[mode];
  for (const [name, value] of Object.entries(tokens))
    root.style.setProperty(cssVarName(name), value);
  root.style.setProperty('--ob-border-radius', `${BORDER_RADIUS}px`);
  root.style.setProperty('--ob-border-radius-lg', `${BORDER_RADIUS + 2}px`);
  root.style.setProperty('--ob-font-family', FONT_FAMILY);
  root.style.colorScheme = mode;
  const body = root.ownerDocument.body;
  body.style.background = tokens.colorBgLayout;
  body.style.color = tokens.colorText;
  body.style.fontFamily = FONT_FAMILY;
  body.style.margin = '0';
}
