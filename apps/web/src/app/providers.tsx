import { useEffect, type ReactNode } from 'react';
import { ConfigProvider, theme } from 'antd';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { antdLocaleFor } from '../i18n';
import { useThemeMode } from '../stores/preferences';
import { themeConfig } from './theme';

/** The page background and colour scheme follow the theme, outside antd's own components too. */
function DocumentTheme() {
  const { token } = theme.useToken();
  const mode = useThemeMode();
  useEffect(() => {
    document.body.style.background = token.colorBgLayout;
    document.body.style.color = token.colorText;
    document.body.style.fontFamily = token.fontFamily;
    document.body.style.margin = '0';
    document.documentElement.style.colorScheme = mode;
  }, [token.colorBgLayout, token.colorText, token.fontFamily, mode]);
  return null;
}

export function AppProviders({
  queryClient,
  motion = true,
  children,
}: {
  queryClient: QueryClient;
  /** false in component tests (see themeConfig). */
  motion?: boolean;
  children: ReactNode;
}) {
  // Follows i18next (not the store): the switch happens once the language has loaded.
  const { i18n } = useTranslation();
  const mode = useThemeMode();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={antdLocaleFor(i18n.language)}
        theme={themeConfig(mode, { motion })}
        // antd spaces out two-character Chinese labels ("取 消"), so the visible text no longer
        // matches the accessible name (axe: label-content-name-mismatch).
        button={{ autoInsertSpace: false }}
      >
        <DocumentTheme />
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
