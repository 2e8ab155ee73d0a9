import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { StyleProvider } from '@ant-design/cssinjs';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@obconsole/contracts';
import { AppProviders } from '../app/providers';
import { AntdProviders } from '../app/antd-providers';
import { createQueryClient } from '../app/query-client';
import type { SessionOutletContext } from '../lib/session';

export const sysSession: SessionInfo = {
  user: 'root',
  tenant: 'sys',
  tenantId: 1,
  mode: 'MYSQL',
  isSys: true,
  canBackup: true,
  serverVersion: '5.7.25-OceanBase_CE-v4.3.5.0',
};

export function testQueryClient(): QueryClient {
  const qc = createQueryClient({ onUnauthenticated: () => {}, onMutationError: () => {} });
  qc.setDefaultOptions({ queries: { retry: false } });
  return qc;
}

/*
 * antd's CSS-in-JS goes into a detached node, not the document: jsdom's getComputedStyle (which
 * every getByRole runs for each element) cascades every stylesheet in the document, and antd's
 * made a single query take over a second after each render. Motion is off for the same reason:
 * a component test waits on nothing but the DOM.
 */
const antdStyles = document.createElement('div');

/** The app's providers as component tests need them. */
export function TestProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <StyleProvider container={antdStyles}>
      <AppProviders queryClient={queryClient}>
        <AntdProviders motion={false}>{children}</AntdProviders>
      </AppProviders>
    </StyleProvider>
  );
}

/** The cluster of every component test, unless a test says otherwise. */
export const TEST_CLUSTER = 'obcluster-hz';

interface Options {
  route?: string;
  clusterId?: string;
  session?: SessionInfo;
  queryClient?: QueryClient;
}

/** Renders like the app does: providers, a router, and the session in the outlet context. */
export function renderInApp(
  ui: ReactElement,
  { route = '/', session = sysSession, queryClient, clusterId = TEST_CLUSTER }: Options = {},
) {
  const qc = queryClient ?? testQueryClient();
  const context: SessionOutletContext = { clusterId, clusterName: clusterId, session };
  const result = render(
    <TestProviders queryClient={qc}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route element={<Outlet context={context} />}>
            <Route path="*" element={ui} />
          </Route>
        </Routes>
      </MemoryRouter>
    </TestProviders>,
  );
  return { ...result, queryClient: qc };
}
