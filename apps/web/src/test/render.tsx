import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@obconsole/contracts';
import { AppProviders } from '../app/providers';
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

interface Options {
  route?: string;
  session?: SessionInfo;
  queryClient?: QueryClient;
}

/** Renders like the app does: providers, a router, and the session in the outlet context. */
export function renderInApp(
  ui: ReactElement,
  { route = '/', session = sysSession, queryClient }: Options = {},
) {
  const qc = queryClient ?? testQueryClient();
  const context: SessionOutletContext = { session };
  const result = render(
    <AppProviders queryClient={qc}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route element={<Outlet context={context} />}>
            <Route path="*" element={ui} />
          </Route>
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, queryClient: qc };
}
