import { useEffect, useRef, useState } from 'react';
import { Alert, Layout } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary, SessionStatus } from '@obconsole/contracts';
import { sessionKeys, sessionQueries } from '../features/session/api';
import { SimulatedBanner } from '../features/session/components/simulated-banner';
import { PageLoading } from '../components/page-loading';
import { ErrorAlert } from '../components/error-alert';
import type { FleetOutletContext } from '../lib/session';
import { signedInClusters } from '../lib/session';
import { clusterOfPath, loginPath } from '../config/paths';
import { NotifierBridge } from './notifier-bridge';
import { Header } from './header';
import { MAIN_ID, SkipLink, useFocusOnNavigate, useInertBehindDialogs } from './a11y';
import { releaseSignedInStyles } from './style-primer';

/** Not signed in anywhere: to the login page (of the cluster in the path, if any). */
function ToLogin({ cluster }: { cluster?: string }) {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  useEffect(() => {
    void navigate(loginPath({ cluster, next: pathname + search }), { replace: true });
  }, [navigate, pathname, search, cluster]);
  return <PageLoading minHeight={400} />;
}

/**
 * When to ask a sign-in's status again: just after it would end (idle or absolute, whichever is
 * first, on the server's clock), never sooner than every 5 s; not at all once it has ended.
 */
export function nextStatusCheckMs(
  s: SessionStatus | undefined,
  receivedAt: number,
  now: number,
): number | false {
  if (!s?.signedIn) return false;
  const skew = receivedAt - Date.parse(s.serverTime);
  const end = Math.min(Date.parse(s.idleExpiresAt), Date.parse(s.absoluteExpiresAt)) + skew;
  return Math.max(5_000, end - now + 1_000);
}

/**
 * The other signed-in clusters' sign-ins end too while nobody looks at their pages: each one's
 * status is asked again at its deadline, and when it has ended the cluster list is refreshed
 * (the switcher and the fleet drop it) and the user is told which cluster it was.
 */
function useOtherSignInsEnding(clusters: ClusterSummary[], current: string | undefined) {
  const others = clusters.filter((c) => c.id !== current);
  const statuses = useQueries({
    queries: others.map((c) => ({
      ...sessionQueries.status(c.id),
      // Only a signed-in cluster is watched; an ended one keeps its last answer in the cache.
      enabled: c.session !== null,
      refetchInterval: (q: { state: { data?: SessionStatus; dataUpdatedAt: number } }) =>
        nextStatusCheckMs(q.state.data, q.state.dataUpdatedAt, Date.now()),
    })),
  });
  const qc = useQueryClient();
  const ended = others.filter((_c, i) => {
    const d = statuses[i]?.data;
    return d !== undefined && !d.signedIn && d.reason === 'expired';
  });
  const stale = ended.some((c) => c.session !== null);
  useEffect(() => {
    // The directory still lists it as signed in: ask again, so the switcher and the fleet drop it.
    if (stale) void qc.invalidateQueries({ queryKey: sessionKeys.clusters() });
  }, [stale, qc]);
  return ended;
}

function EndedNotices({ ended }: { ended: ClusterSummary[] }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<string[]>([]);
  return ended
    .filter((c) => !dismissed.includes(c.id))
    .map((c) => (
      <Alert
        key={c.id}
        type="warning"
        showIcon
        role="alert"
        closable={{ 'aria-label': t('common.close') }}
        onClose={() => setDismissed((d) => [...d, c.id])}
        style={{ marginBottom: 16 }}
        title={t('clusters.endedTitle', { cluster: c.name })}
        description={
          <>
            {t('clusters.expiredElsewhere', { cluster: c.name })}{' '}
            <Link to={loginPath({ cluster: c.id, expired: true })}>
              {t('clusters.loginHeading', { cluster: c.name })}
            </Link>
          </>
        }
      />
    ));
}

export function SignedInLayout() {
  const directory = useQuery(sessionQueries.clusters());
  const page = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const current = clusterOfPath(pathname);
  useFocusOnNavigate();
  useInertBehindDialogs(page);
  const clusters = directory.data?.clusters ?? [];
  const ended = useOtherSignInsEnding(clusters, current);
  // The first screen has mounted its own components by then: the hidden style primer goes.
  useEffect(() => {
    const id = window.setTimeout(releaseSignedInStyles, 10_000);
    return () => window.clearTimeout(id);
  }, []);

  if (directory.isPending) return <PageLoading minHeight={400} />;
  if (directory.isError) {
    return (
      <div style={{ maxWidth: 720, margin: '64px auto', padding: 16 }}>
        <ErrorAlert error={directory.error} onRetry={() => void directory.refetch()} />
      </div>
    );
  }
  // On a cluster's page its own layout decides (it knows whether the sign-in timed out).
  if (signedInClusters(clusters).length === 0 && !current) return <ToLogin />;
  const here = clusters.find((c) => c.id === current);
  const simulated = here ? here.simulated : clusters.some((c) => c.simulated);
  const context: FleetOutletContext = { clusters };
  return (
    <div ref={page}>
      <Layout style={{ minHeight: '100vh' }}>
        <NotifierBridge />
        <SkipLink />
        <Header clusters={clusters} />
        {simulated && (
          <div style={{ padding: '12px 24px 0' }}>
            <SimulatedBanner simulated />
          </div>
        )}
        <Layout.Content id={MAIN_ID} style={{ padding: '16px 24px 32px', minWidth: 0 }} role="main">
          <EndedNotices ended={ended} />
          <Outlet context={context} />
        </Layout.Content>
      </Layout>
    </div>
  );
}

export default SignedInLayout;
