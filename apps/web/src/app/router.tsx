import { createContext, lazy, Suspense, useContext, useEffect, type ComponentType } from 'react';
import { useLocation, useNavigate, useRoutes, type RouteObject } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PageLoading } from '../components/page-loading';
import { clusterOfPath, clusterPaths, clusterRoutes, loginPath, paths } from '../config/paths';
import { sessionKeys, sessionQueries } from '../features/session/api';
import { tenantQueries } from '../features/tenants/api';
import { activeJobsQuery } from '../lib/live-backups';
import { preloadable } from './preloadable';

// One chunk per route: /login loads neither the signed-in layout nor any table, nor antd.
// What the sign-in leads to is preloadable: fetched while the user types, then rendered at once.
const LoginRoute = lazy(() => import('../features/session/routes/login-route'));
const antdProviders = preloadable(() => import('./antd-providers'));
const signedInLayout = preloadable(() => import('./layout'));
const clusterLayout = preloadable(() => import('./cluster-layout'));
const tenantsPage = preloadable(() => import('./routes/tenants-page'));
const AntdProviders = antdProviders.Component;
const SignedInLayout = signedInLayout.Component;
const ClusterLayout = clusterLayout.Component;
const HomePage = lazy(() => import('./routes/home-page'));
const TenantsPage = tenantsPage.Component;
const ProgressRoute = lazy(() => import('../features/backups/routes/progress-route'));
const HistoryPage = lazy(() => import('./routes/history-page'));
const FleetHistoryPage = lazy(() => import('./routes/fleet-history-page'));
const AuditPage = lazy(() => import('./routes/audit-page'));
const AlertsPage = lazy(() => import('./routes/alerts-page'));
const PoliciesPage = lazy(() => import('./routes/policies-page'));
const PolicyDetailPage = lazy(() => import('./routes/policy-detail-page'));
const LegacyRedirect = lazy(() => import('./routes/legacy-redirect'));
const NotFound = lazy(() => import('./routes/not-found'));

/** What comes after the sign-in (antd, the layouts and the tenants page), fetched side by side. */
const warmSignedIn = () => {
  void Promise.all(
    [antdProviders, signedInLayout, clusterLayout, tenantsPage].map((c) => c.preload()),
  ).catch(() => {}); // offline: the routes' own Suspense tries again when they are opened
};

/**
 * Once those are in, antd's styles for them are written ahead, hidden (./style-primer): the
 * first signed-in frame then does not spend its time generating CSS. Not when signing in has
 * already begun (the click would wait for the primer's render).
 */
const primeSignedIn = () =>
  Promise.all([import('./style-primer'), signedInLayout.preload(), tenantsPage.preload()]).then(
    ([m]) => {
      if (!signingIn) m.primeSignedInStyles();
    },
  );
let signingIn = false;

/**
 * Whether the login page primes antd's styles (the app does; component tests, which keep antd's
 * CSS out of the document for jsdom's sake, do not: see test/render.tsx).
 */
const PrimeStyles = createContext(false);

/**
 * While the user types their password, fetch what comes after it, so that signing in waits for
 * the tenants API call and not for chunks (bench/frontend: the table appeared ~500 ms after the
 * submit, the API answering in ~20). After the form has rendered: none of it is /login's own.
 */
function WarmSignedIn() {
  // The form shows once the cluster list is in (it picks the cluster): not before that.
  const directory = useQuery(sessionQueries.clusters());
  const ready = directory.isSuccess;
  const prime = useContext(PrimeStyles);
  useEffect(() => {
    if (!ready) return;
    const id = window.setTimeout(() => {
      warmSignedIn();
      if (prime) void primeSignedIn().catch(() => {});
    }, 300);
    return () => window.clearTimeout(id);
  }, [ready, prime]);
  return null;
}

/**
 * The login page, which on success starts the tenants page's requests at once, next to its
 * chunks (a no-op for chunks already fetched): no request waits for a component to mount.
 */
function Login() {
  const qc = useQueryClient();
  return (
    <LoginRoute
      onSignedIn={(clusterId, to) => {
        signingIn = true;
        warmSignedIn();
        if (to !== clusterPaths.tenants(clusterId)) return;
        void qc.prefetchQuery(tenantQueries.list(clusterId));
        void qc.prefetchQuery(activeJobsQuery(clusterId));
      }}
    />
  );
}

function page(Component: ComponentType, minHeight = 240) {
  return (
    <Suspense fallback={<PageLoading minHeight={minHeight} />}>
      <Component />
    </Suspense>
  );
}

export const routes: RouteObject[] = [
  {
    path: paths.login,
    element: (
      <>
        <Suspense fallback={<PageLoading minHeight={400} />}>
          <Login />
          {/* Inside the boundary: it starts once the form's own chunks are in, not beside them. */}
          <WarmSignedIn />
        </Suspense>
      </>
    ),
  },
  {
    // antd's theme and locale come with the signed-in screens: the login is drawn without antd.
    element: (
      <Suspense fallback={<PageLoading minHeight={400} />}>
        <AntdProviders>{page(SignedInLayout, 400)}</AntdProviders>
      </Suspense>
    ),
    children: [
      // The fleet overview, or the one configured cluster's tenants.
      { index: true, element: page(HomePage) },
      { path: paths.fleetHistory, element: page(FleetHistoryPage) },
      { path: paths.audit, element: page(AuditPage) },
      {
        path: paths.clusterPattern,
        element: page(ClusterLayout),
        children: [
          { index: true, element: page(TenantsPage) },
          { path: clusterRoutes.backups, element: page(ProgressRoute) },
          // The open job is part of the path, the filters are the query string.
          { path: clusterRoutes.history, element: page(HistoryPage) },
          { path: clusterRoutes.alerts, element: page(AlertsPage) },
          { path: clusterRoutes.policies, element: page(PoliciesPage) },
          { path: clusterRoutes.policyDetail, element: page(PolicyDetailPage) },
          { path: '*', element: page(NotFound) },
        ],
      },
      // Links of the one-cluster console: the same page of the first signed-in cluster.
      { path: paths.legacyBackups, element: page(LegacyRedirect) },
      { path: `${paths.legacyHistory}/*`, element: page(LegacyRedirect) },
      { path: '*', element: page(NotFound) },
    ],
  },
];

/*
 * Declarative routing (<BrowserRouter> + useRoutes) rather than a data router: the console
 * uses no loaders or actions, and leaving that machinery out keeps /login's download small.
 * Code outside React (the QueryClient's 401 handler) navigates through this bridge.
 */
let onUnauthenticated: ((clusterId: string | undefined, expired: boolean) => void) | undefined;

/**
 * A sign-in ended. On that cluster's pages: to its login page, remembering where the user was
 * (?next=) and whether it timed out. Elsewhere (the fleet pages, another cluster's pages) the
 * user stays: the cluster list is asked again, so the switcher and the fleet drop that cluster.
 */
export function redirectToLogin(clusterId: string | undefined, expired = false): void {
  onUnauthenticated?.(clusterId, expired);
}

function NavigationBridge() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { pathname, search } = useLocation();
  useEffect(() => {
    onUnauthenticated = (clusterId, expired) => {
      if (pathname === paths.login) return;
      void qc.invalidateQueries({ queryKey: sessionKeys.clusters() });
      const here = clusterOfPath(pathname);
      if (clusterId !== undefined && here !== clusterId) {
        // Its status says why, and the layout tells the user which cluster ended.
        void qc.invalidateQueries({ queryKey: sessionKeys.status(clusterId) });
        return;
      }
      void navigate(loginPath({ cluster: here, next: pathname + search, expired }), {
        replace: true,
      });
    };
  }, [navigate, qc, pathname, search]);
  return null;
}

export function AppRoutes({ primeStyles = false }: { primeStyles?: boolean }) {
  const element = useRoutes(routes);
  return (
    <PrimeStyles value={primeStyles}>
      <NavigationBridge />
      {element}
    </PrimeStyles>
  );
}
