import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import type { HealthResponse, SessionInfo, SessionStatus } from '@obconsole/contracts';
import { createQueryClient } from '../app/query-client';
import { AppRoutes, redirectToLogin } from '../app/router';
import { TestProviders } from './render';
import { clusterSummary } from './clusters';

export const health: HealthResponse = { status: 'ok', database: 'up', simulated: false };

export const support: SessionInfo = {
  user: 'support',
  tenant: 'sys',
  tenantId: 1,
  mode: 'MYSQL',
  isSys: true,
  canBackup: false,
  serverVersion: '5.7.25-OceanBase_CE-v4.3.5.0',
};

/** GET .../session/status of a sign-in that idles out `idleInSeconds` from now. */
export function signedIn(
  session: SessionInfo,
  idleInSeconds = 1800,
  idleTimeoutSeconds = 1800,
): SessionStatus {
  const now = Date.now();
  return {
    signedIn: true,
    session,
    serverTime: new Date(now).toISOString(),
    idleExpiresAt: new Date(now + idleInSeconds * 1000).toISOString(),
    absoluteExpiresAt: new Date(now + 12 * 3_600_000).toISOString(),
    idleTimeoutSeconds,
  };
}

export const activeNone = {
  body: { jobs: [], recent: [], updatedAt: '2026-11-01T00:00:00Z' },
};

/**
 * The sign-ins of a fake BFF, one entry per configured cluster: what GET /api/clusters and each
 * cluster's session status answer, kept consistent with each other.
 */
export function signIns(clusters: Record<string, SessionInfo | null | 'expired'>) {
  const state = { ...clusters };
  const routes = {
    'GET /api/health': { body: health },
    'GET /api/clusters': () => ({
      body: {
        clusters: Object.entries(state).map(([id, s]) =>
          clusterSummary(id, s === 'expired' ? null : s, { name: `${id} (name)` }),
        ),
      },
    }),
    ...Object.fromEntries(
      Object.keys(state).map((id) => [
        `GET /api/clusters/${id}/session/status`,
        () => {
          const s = state[id];
          return {
            body:
              s === 'expired'
                ? { signedIn: false, reason: 'expired' }
                : s
                  ? signedIn(s)
                  : { signedIn: false, reason: 'none' },
          };
        },
      ]),
    ),
  };
  return { state, routes };
}

// Routes are lazy chunks: the first render of each can take longer than the default wait on a busy machine.
export const LOAD = { timeout: 10_000 };

function Where() {
  const l = useLocation();
  return <output aria-label="location">{l.pathname + l.search}</output>;
}

/** The whole app (router, layouts, 401 handling) at a path, as main.tsx mounts it. */
export function renderApp(route: string) {
  const qc = createQueryClient({ onUnauthenticated: redirectToLogin, onMutationError: () => {} });
  render(
    <TestProviders queryClient={qc}>
      <MemoryRouter initialEntries={[route]}>
        <Where />
        <AppRoutes />
      </MemoryRouter>
    </TestProviders>,
  );
  return qc;
}

/** Loads (and transforms) the lazy route chunks once, so no assertion waits on the transformer. */
export async function preloadRoutes(): Promise<void> {
  await Promise.all([
    import('../app/layout'),
    import('../app/cluster-layout'),
    import('../app/routes/home-page'),
    import('../app/routes/tenants-page'),
    import('../app/routes/history-page'),
    import('../app/routes/fleet-history-page'),
    import('../app/routes/legacy-redirect'),
    import('../features/backups/routes/progress-route'),
    import('../features/backups/components/start-backup-dialog'),
    import('../features/session/routes/login-route'),
  ]);
}
