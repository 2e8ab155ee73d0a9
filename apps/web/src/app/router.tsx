import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { useLocation, useNavigate, useRoutes, type RouteObject } from 'react-router';
import { PageLoading } from '../components/page-loading';
import { loginPath, paths } from '../config/paths';

// One chunk per route: /login loads neither the signed-in layout nor any table.
const LoginRoute = lazy(() => import('../features/session/routes/login-route'));
const loadLayout = () => import('./layout');
const loadTenantsPage = () => import('./routes/tenants-page');
const SignedInLayout = lazy(loadLayout);
const TenantsPage = lazy(loadTenantsPage);
const ProgressRoute = lazy(() => import('../features/backups/routes/progress-route'));
const HistoryPage = lazy(() => import('./routes/history-page'));
const NotFound = lazy(() => import('./routes/not-found'));

/**
 * While the user types their password, fetch what comes after it (the layout and the tenants
 * page), so that signing in waits for the tenants API call and not for three chunks in a row
 * (bench/frontend: the table appeared ~500 ms after the submit, the API answering in ~20).
 * Nothing of it is part of /login's own download.
 */
function WarmSignedIn() {
  useEffect(() => {
    const warm = () => {
      void loadLayout().then(loadTenantsPage);
    };
    const id = window.setTimeout(warm, 300);
    return () => window.clearTimeout(id);
  }, []);
  return null;
}

function page(Component: LazyExoticComponent<ComponentType>, minHeight = 240) {
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
        <WarmSignedIn />
        {page(LoginRoute, 400)}
      </>
    ),
  },
  {
    element: page(SignedInLayout, 400),
    children: [
      { index: true, element: page(TenantsPage) },
      { path: paths.backups, element: page(ProgressRoute) },
      // The open job is part of the path, the filters are the query string.
      { path: `${paths.history}/*`, element: page(HistoryPage) },
      { path: '*', element: page(NotFound) },
    ],
  },
];

/*
 * Declarative routing (<BrowserRouter> + useRoutes) rather than a data router: the console
 * uses no loaders or actions, and leaving that machinery out keeps /login's download small.
 * Code outside React (the QueryClient's 401 handler) navigates through this bridge.
 */
let toLogin: ((expired: boolean) => void) | undefined;

/** Sends the user to the login page, remembering where they were (?next=) and whether it timed out. */
export function redirectToLogin(expired = false): void {
  toLogin?.(expired);
}

function NavigationBridge() {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  useEffect(() => {
    toLogin = (expired) => {
      if (pathname === paths.login) return;
      void navigate(loginPath(pathname + search, expired), { replace: true });
    };
  }, [navigate, pathname, search]);
  return null;
}

export function AppRoutes() {
  const element = useRoutes(routes);
  return (
    <>
      <NavigationBridge />
      {element}
    </>
  );
}
