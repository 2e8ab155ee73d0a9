import { useLayoutEffect, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useThemeMode } from '../stores/preferences';
import { applyThemeTokens } from '../lib/theme-tokens';

/**
 * The page background and colour scheme follow the theme, outside antd's own components too,
 * and the theme's tokens are CSS custom properties for the screens drawn without antd.
 */
function DocumentTheme() {
  const mode = useThemeMode();
  useLayoutEffect(() => applyThemeTokens(mode), [mode]);
  return null;
}

/**
 * What every screen needs, the login included. antd is not part of it: its providers come with
 * the signed-in layout (./antd-providers, loaded lazily), so /login does not download antd.
 */
export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <DocumentTheme />
      {children}
    </QueryClientProvider>
  );
}
