import { useCallback, useEffect } from 'react';
import { Button, Result } from 'antd';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary } from '@obconsole/contracts';
import { sessionQueries } from '../features/session/api';
import { SessionExpiryWarning } from '../features/session/components/session-expiry-warning';
import { tenantKeys } from '../features/tenants/api';
import { historyKeys } from '../features/history/api';
import { PageLoading } from '../components/page-loading';
import { ErrorAlert } from '../components/error-alert';
import { StaleBanner } from '../components/stale-banner';
import { useActiveJobsStream } from '../lib/live-backups';
import { rememberAccount } from '../lib/last-account';
import { useClusterDirectory, type SessionOutletContext } from '../lib/session';
import { loginPath, paths } from '../config/paths';
import { resetSelection } from '../stores/selection';

/** Mounted once per tab for the cluster on screen: the live stream of its running backups. */
function LiveStream({ clusterId }: { clusterId: string }) {
  // A job that ended changes the tenants' latest backups and the history.
  const onFinished = useCallback(
    (qc: QueryClient) => {
      void qc.invalidateQueries({ queryKey: tenantKeys.all(clusterId) });
      void qc.invalidateQueries({ queryKey: historyKeys.all(clusterId) });
      void qc.invalidateQueries({ queryKey: ['fleet'] });
    },
    [clusterId],
  );
  useActiveJobsStream(clusterId, onFinished);
  return null;
}

/** This cluster's sign-in ended (or never was): to its login page, which says which and why. */
function ToClusterLogin({ cluster, expired }: { cluster: string; expired: boolean }) {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  useEffect(() => {
    void navigate(loginPath({ cluster, next: pathname + search, expired }), { replace: true });
  }, [navigate, pathname, search, cluster, expired]);
  return <PageLoading minHeight={400} />;
}

function UnknownCluster({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 style={{ margin: 0, font: 'inherit' }}>{t('clusters.unknownTitle')}</h1>}
      subTitle={t('clusters.unknown', { cluster: id })}
      extra={
        <Link to={paths.home}>
          <Button type="primary" tabIndex={-1}>
            {t('common.backHome')}
          </Button>
        </Link>
      }
    />
  );
}

function ClusterScope({ cluster }: { cluster: ClusterSummary }) {
  const status = useQuery(sessionQueries.status(cluster.id));
  const session = status.data?.signedIn ? status.data.session : undefined;
  useEffect(() => {
    if (session) rememberAccount(cluster.id, session);
  }, [cluster.id, session]);
  // Ticked tenants belong to the cluster they were ticked in.
  useEffect(() => resetSelection, [cluster.id]);

  if (status.isPending) return <PageLoading minHeight={400} />;
  if (status.isError)
    return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.signedIn)
    return <ToClusterLogin cluster={cluster.id} expired={status.data.reason === 'expired'} />;
  const context: SessionOutletContext = {
    clusterId: cluster.id,
    clusterName: cluster.name,
    session: status.data.session,
  };
  return (
    <>
      <LiveStream clusterId={cluster.id} />
      <SessionExpiryWarning
        clusterId={cluster.id}
        clusterName={cluster.name}
        status={status.data}
        receivedAt={status.dataUpdatedAt}
      />
      <StaleBanner clusterId={cluster.id} />
      <Outlet context={context} />
    </>
  );
}

/** The pages of one cluster (/clusters/:clusterId/...): its sign-in, live stream and warnings. */
export function ClusterLayout() {
  const { clusterId = '' } = useParams();
  const clusters = useClusterDirectory();
  const cluster = clusters.find((c) => c.id === clusterId);
  if (!cluster) return <UnknownCluster id={clusterId} />;
  // A new cluster is a new scope: nothing of the previous one's state carries over.
  return <ClusterScope key={cluster.id} cluster={cluster} />;
}

export default ClusterLayout;
