import { useCallback, useEffect, useRef } from 'react';
import { Badge, Button, Flex, Grid, Layout, Tag, Tooltip, Typography, theme } from 'antd';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@obconsole/contracts';
import { sessionQueries, useLogout } from '../features/session/api';
import { SimulatedBanner } from '../features/session/components/simulated-banner';
import { tenantKeys } from '../features/tenants/api';
import { historyKeys } from '../features/history/api';
import { PreferenceControls } from '../components/preference-controls';
import { PageLoading } from '../components/page-loading';
import { ErrorAlert } from '../components/error-alert';
import { StaleBanner } from '../components/stale-banner';
import { useActiveJobsStream } from '../lib/live-backups';
import type { SessionOutletContext } from '../lib/session';
import { loginPath, paths } from '../config/paths';
import { rememberAccount } from '../lib/last-account';
import { SessionExpiryWarning } from '../features/session/components/session-expiry-warning';
import { useStreamStatus } from '../stores/stream';
import { NotifierBridge } from './notifier-bridge';
import { MAIN_ID, SkipLink, useFocusOnNavigate, useInertBehindDialogs } from './a11y';

/** Mounted once per signed-in tab: the live stream of running backups. */
function LiveStream() {
  // A job that ended changes the tenants' latest backups and the history.
  const onFinished = useCallback((qc: QueryClient) => {
    void qc.invalidateQueries({ queryKey: tenantKeys.all });
    void qc.invalidateQueries({ queryKey: historyKeys.all });
  }, []);
  useActiveJobsStream(onFinished);
  return null;
}

function StreamIndicator() {
  const { t } = useTranslation();
  const status = useStreamStatus();
  const down = status === 'reconnecting' || status === 'unavailable';
  // Fixed width: the header does not move when the state changes.
  return (
    <span role="status" aria-live="polite" style={{ display: 'inline-block', minWidth: 120 }}>
      {down && (
        <Tooltip
          title={
            status === 'unavailable'
              ? t('progress.unavailableHelp')
              : t('progress.reconnectingHelp')
          }
        >
          <Badge status="warning" text={t('nav.reconnecting')} />
        </Tooltip>
      )}
    </span>
  );
}

function NavItem({ to, label, end }: { to: string; label: string; end?: boolean }) {
  const { token } = theme.useToken();
  return (
    <NavLink
      to={to}
      end={end}
      className="ob-nav-link"
      style={({ isActive }) => ({
        padding: '0 12px',
        height: 56,
        display: 'inline-flex',
        alignItems: 'center',
        color: isActive ? token.colorLink : token.colorText,
        fontWeight: isActive ? 600 : 400,
        borderBottom: `2px solid ${isActive ? token.colorPrimary : 'transparent'}`,
        textDecoration: 'none',
        whiteSpace: 'nowrap',
      })}
    >
      {label}
    </NavLink>
  );
}

function Header({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const logout = useLogout();
  // Below 1200 px the header drops captions that are also available elsewhere (usable at 1024).
  const wide = Grid.useBreakpoint().xl !== false;
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        padding: '0 20px',
        height: 56,
        lineHeight: '56px',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Typography.Text
        strong
        style={{ color: token.colorLink, whiteSpace: 'nowrap', fontSize: 15 }}
      >
        {t('common.appName')}
      </Typography.Text>
      <nav aria-label={t('nav.main')} style={{ display: 'flex' }}>
        <NavItem to={paths.tenants} label={t('nav.tenants')} end />
        <NavItem to={paths.backups} label={t('nav.progress')} />
        <NavItem to={paths.history} label={t('nav.history')} />
      </nav>
      <div style={{ flex: 1 }} />
      <StreamIndicator />
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        <Typography.Text
          ellipsis
          style={{ maxWidth: wide ? 200 : 110 }}
          title={t('nav.signedInAs', { user: session.user, tenant: session.tenant })}
        >
          {session.user}@{session.tenant}
        </Typography.Text>
        {!session.canBackup && <Tag>{t('nav.readOnly')}</Tag>}
      </Flex>
      <PreferenceControls compact={!wide} />
      <Button
        onClick={() =>
          logout.mutate(undefined, {
            onSettled: () => void navigate(paths.login, { replace: true }),
          })
        }
        loading={logout.isPending}
      >
        {t('nav.logout')}
      </Button>
    </Layout.Header>
  );
}

/** Not signed in (never, or timed out): to the login page, which says which and fills in what it can. */
function ToLogin({ expired }: { expired: boolean }) {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  useEffect(() => {
    void navigate(loginPath(pathname + search, expired), { replace: true });
  }, [navigate, pathname, search, expired]);
  return <PageLoading minHeight={400} />;
}

export function SignedInLayout() {
  const status = useQuery(sessionQueries.status());
  const health = useQuery(sessionQueries.health());
  const page = useRef<HTMLDivElement>(null);
  useFocusOnNavigate();
  useInertBehindDialogs(page);
  const session = status.data?.signedIn ? status.data.session : undefined;
  useEffect(() => {
    if (session) rememberAccount(session);
  }, [session]);

  if (status.isPending) return <PageLoading minHeight={400} />;
  if (status.isError) {
    return (
      <div style={{ maxWidth: 720, margin: '64px auto', padding: 16 }}>
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      </div>
    );
  }
  if (!status.data.signedIn) return <ToLogin expired={status.data.reason === 'expired'} />;
  const context: SessionOutletContext = { session: status.data.session };
  return (
    <div ref={page}>
      <Layout style={{ minHeight: '100vh' }}>
        <NotifierBridge />
        <LiveStream />
        <SkipLink />
        <Header session={status.data.session} />
        {health.isSuccess && health.data.simulated && (
          <div style={{ padding: '12px 24px 0' }}>
            <SimulatedBanner health={health.data} />
          </div>
        )}
        <Layout.Content id={MAIN_ID} style={{ padding: '16px 24px 32px', minWidth: 0 }} role="main">
          <SessionExpiryWarning status={status.data} receivedAt={status.dataUpdatedAt} />
          <StaleBanner />
          <Outlet context={context} />
        </Layout.Content>
      </Layout>
    </div>
  );
}

export default SignedInLayout;
