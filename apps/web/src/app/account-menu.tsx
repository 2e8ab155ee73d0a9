import { useEffect, useRef } from 'react';
import { Button, Dropdown, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary } from '@obconsole/contracts';
import { useLogout, useLogoutAll } from '../features/session/api';
import { clusterOfPath, loginPath, paths } from '../config/paths';
import { notifySuccess } from '../lib/notify';
import { signedInClusters } from '../lib/session';

/**
 * Sign-ins of this browser: sign in to another cluster, sign out of one (the others stay), or of
 * all. With one cluster configured it is the plain "Log out" button the console always had.
 */
export function AccountMenu({
  clusters,
  current,
}: {
  clusters: ClusterSummary[];
  /** The cluster whose pages are on screen, if any. */
  current?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logoutAll = useLogoutAll();
  const signedIn = signedInClusters(clusters);
  const others = clusters.filter((c) => c.session === null);
  // mutateAsync, not mutate's own callbacks: those are dropped when this menu re-renders away
  // while the sign-out is under way (the session queries change under it), and the browser
  // then stayed on the page it had signed out of.
  const toLoginAfterAll = () =>
    void logoutAll
      .mutateAsync(undefined)
      .catch(() => undefined)
      .finally(() => void navigate(paths.login, { replace: true }));

  if (clusters.length <= 1) {
    return (
      <Button onClick={toLoginAfterAll} loading={logoutAll.isPending}>
        {t('nav.logout')}
      </Button>
    );
  }
  return (
    <SignOutMenu
      signedIn={signedIn}
      others={others}
      current={current}
      pendingAll={logoutAll.isPending}
      onSignOutAll={toLoginAfterAll}
      onSignIn={() => void navigate(loginPath({ cluster: others[0]?.id }))}
    />
  );
}

function SignOutMenu({
  signedIn,
  others,
  current,
  pendingAll,
  onSignOutAll,
  onSignIn,
}: {
  signedIn: ReturnType<typeof signedInClusters>;
  others: ClusterSummary[];
  current?: string;
  pendingAll: boolean;
  onSignOutAll: () => void;
  onSignIn: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const logout = useLogout();
  // A cluster signed out of once its pages are gone. A navigation to a lazy page is a
  // transition: the old page stays mounted until the new one's chunk is in, and a sign-out that
  // ended before that would send it to its login page (seen on a loaded machine).
  const leaving = useRef<ClusterSummary | null>(null);
  const signOut = (c: ClusterSummary) =>
    logout.mutate(c.id, {
      onSuccess: () => notifySuccess(t('clusters.signedOutOf', { cluster: c.name })),
    });
  useEffect(() => {
    const c = leaving.current;
    if (!c || clusterOfPath(pathname) === c.id) return;
    leaving.current = null;
    signOut(c);
  });
  const items: MenuProps['items'] = [
    ...(others.length > 0
      ? [{ key: 'sign-in', label: t('clusters.signInAnother'), onClick: onSignIn }]
      : []),
    ...signedIn.map((c) => ({
      key: `out:${c.id}`,
      label: t('clusters.signOutOf', { cluster: c.name }),
      onClick: () => {
        const left = signedIn.filter((s) => s.id !== c.id);
        // Off that cluster's pages first: they would otherwise see the sign-in gone and send
        // the user to its login page.
        if (left.length === 0) {
          // To its login page, where this menu is not: nothing left on screen to race.
          void navigate(loginPath({ cluster: c.id }), { replace: true });
          signOut(c);
        } else if (current === c.id || clusterOfPath(pathname) === c.id) {
          leaving.current = c;
          void navigate(paths.home, { replace: true });
        } else signOut(c);
      },
    })),
    { type: 'divider' as const },
    { key: 'sign-out-all', label: t('clusters.signOutAll'), danger: true, onClick: onSignOutAll },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button loading={pendingAll || logout.isPending}>
        {t('clusters.accountMenu')} <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
