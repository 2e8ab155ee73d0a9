import { useLayoutEffect, useRef, useState } from 'react';
import { Badge, Flex, Grid, Layout, Tag, Tooltip, Typography, theme } from 'antd';
import { Link, NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary } from '@obconsole/contracts';
import { PreferenceControls } from '../components/preference-controls';
import { clusterOfPath, clusterPaths, paths } from '../config/paths';
import { useStreamStatus } from '../stores/stream';
import { auditClusters } from '../lib/audit-access';
import { AccountMenu } from './account-menu';
import { ClusterSwitcher } from './cluster-switcher';
import { NavMore, type NavTarget } from './nav-more';

function StreamIndicator({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const status = useStreamStatus();
  const down = status === 'reconnecting' || status === 'unavailable';
  // Fixed width: the header does not move when the state changes (below 1200 px the room is
  // needed for the navigation; the badge then takes its place only while shown).
  return (
    <span
      role="status"
      aria-live="polite"
      style={{ display: 'inline-block', minWidth: compact ? 0 : 120 }}
    >
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

function NavItem({
  to,
  label,
  end,
  wide,
}: {
  to: string;
  label: string;
  end?: boolean;
  wide: boolean;
}) {
  const { token } = theme.useToken();
  return (
    <NavLink
      to={to}
      end={end}
      className="ob-nav-link"
      style={({ isActive }) => ({
        padding: wide ? '0 12px' : '0 6px',
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

/**
 * Whether the header shows everything (`roomy`: the viewport is 1200 px or more), kept only while
 * it fits: a header wider than the window pushes every page sideways. The full header is laid
 * out, measured before it is painted, and given up when it overflows; the width it needed is
 * remembered for that content (language, page, sign-in), so that a wider window brings it back.
 */
function useFitsWide(roomy: boolean, content: string) {
  const ref = useRef<HTMLElement>(null);
  const [needed, setNeeded] = useState<{ content: string; px: number } | null>(null);
  const [width, setWidth] = useState(() => window.innerWidth);
  const wide = roomy && !(needed?.content === content && width < needed.px);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      setWidth(el.clientWidth);
      if (wide && el.scrollWidth > el.clientWidth + 1) setNeeded({ content, px: el.scrollWidth });
    };
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [wide, content]);
  return { ref, wide };
}

export function Header({ clusters }: { clusters: ClusterSummary[] }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const current = clusterOfPath(pathname);
  const cluster = clusters.find((c) => c.id === current);
  const session = cluster?.session ?? null;
  const fleet = clusters.length > 1;
  // Only for accounts that may read it; a direct visit by others gets the BFF's 403.
  const audit = auditClusters(clusters).length > 0;
  // Below 1200 px, or wherever the full header does not fit (two clusters' navigation in
  // English needs about 1,720 px), it drops captions that are also available elsewhere and
  // puts the less used pages under "More" (usable at 1024).
  const content = `${i18n.language}|${current ?? ''}|${session ? 1 : 0}|${clusters.length}|${audit ? 1 : 0}`;
  const { ref, wide } = useFitsWide(Grid.useBreakpoint().xl !== false, content);
  const secondary: NavTarget[] = [
    ...(session && cluster
      ? [
          { to: clusterPaths.policies(cluster.id), label: t('policies.nav') },
          { to: clusterPaths.alerts(cluster.id), label: t('alerts.nav') },
        ]
      : []),
    ...(audit ? [{ to: paths.audit, label: t('audit.nav') }] : []),
  ];
  return (
    <Layout.Header
      ref={ref}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: wide ? 16 : 4,
        padding: wide ? '0 20px' : '0 12px',
        height: 56,
        lineHeight: '56px',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Link
        to={paths.home}
        style={{ color: token.colorLink, whiteSpace: 'nowrap', fontSize: 15, fontWeight: 600 }}
      >
        {wide || !fleet ? t('common.appName') : 'OceanBase'}
      </Link>
      <nav
        aria-label={t('nav.main')}
        style={{ display: 'flex', alignItems: 'center', gap: wide ? 8 : 2 }}
      >
        {fleet && (
          <>
            <NavItem to={paths.home} label={t('fleet.nav')} end wide={wide} />
            <NavItem to={paths.fleetHistory} label={t('fleet.navHistory')} wide={wide} />
            <ClusterSwitcher clusters={clusters} compact={!wide} />
          </>
        )}
        {session && cluster && (
          <>
            <NavItem
              to={clusterPaths.tenants(cluster.id)}
              label={t('nav.tenants')}
              end
              wide={wide}
            />
            <NavItem to={clusterPaths.backups(cluster.id)} label={t('nav.progress')} wide={wide} />
            <NavItem to={clusterPaths.history(cluster.id)} label={t('nav.history')} wide={wide} />
          </>
        )}
        {wide ? (
          secondary.map((i) => <NavItem key={i.to} to={i.to} label={i.label} wide={wide} />)
        ) : (
          <NavMore items={secondary} />
        )}
      </nav>
      <div style={{ flex: 1 }} />
      {current && <StreamIndicator compact={!wide} />}
      {session && (
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
      )}
      <PreferenceControls compact={!wide} />
      <AccountMenu clusters={clusters} current={current} />
    </Layout.Header>
  );
}
