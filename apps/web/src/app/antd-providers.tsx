import { createContext, useContext, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { antdLocaleFor } from '../i18n';
import { useThemeMode } from '../stores/preferences';
import { themeConfig } from './theme';

/** Set inside AntdProviders: a nested one (the router's, under a test's) adds nothing. */
const Provided = createContext(false);

/**
 * antd's theme and locale, around the signed-in screens only: this module (and antd with it) is
 * loaded with the signed-in layout, not by /login (see the router).
 */
export function AntdProviders({
  motion = true,
  children,
}: {
  /** false in component tests (see themeConfig). */
  motion?: boolean;
  children: ReactNode;
}) {
  // Follows i18next (not the store): the switch happens once the language has loaded.
  const { i18n } = useTranslation();
  const mode = useThemeMode();
  // Component tests provide antd themselves, without motion: the router's own must not undo it.
  if (useContext(Provided)) return children;
  return (
    <Provided value>
      <ConfigProvider
        locale={antdLocaleFor(i18n.language)}
        theme={themeConfig(mode, { motion })}
        // antd spaces out two-character Chinese labels ("取 消"), so the visible text no longer
        // matches the accessible name (axe: label-content-name-mismatch).
        button={{ autoInsertSpace: false }}
      >
        {children}
      </ConfigProvider>
    </Provided>
  );
}

export default AntdProviders;
