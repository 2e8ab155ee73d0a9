import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary, HealthResponse } from '@obconsole/contracts';
import { sessionQueries } from '../api';
import { LoginForm, loginFieldId, type LoginValues } from '../components/login-form';
import { LoginNotice } from '../components/login-notice';
import { DemoLogins } from '../components/demo-logins';
import { clusterPaths, safeNext } from '../../../config/paths';
import { lastAccount } from '../../../lib/last-account';
import { serverText } from '../../../lib/server-text';
import '../login.css';

/** One cluster's reachability, from its own entry in the health answer (else the console's). */
function reachability(health: HealthResponse | undefined, clusterId: string | undefined) {
  if (!health) return { down: false, unreachable: undefined };
  const per = health.clusters?.find((c) => c.id === clusterId);
  if (per) return { down: per.database === 'down', unreachable: per.unreachable };
  return { down: health.database === 'down', unreachable: health.unreachable };
}

/** The cluster asked for, else the first one this browser is not yet signed in to. */
function initialCluster(clusters: ClusterSummary[], asked: string | null): string | undefined {
  if (asked && clusters.some((c) => c.id === asked)) return asked;
  return (clusters.find((c) => c.session === null) ?? clusters[0])?.id;
}

interface Props {
  /**
   * Signed in, about to show `to`: the app starts what that page needs (its chunks, its data)
   * now rather than once the page has mounted.
   */
  onSignedIn?: (clusterId: string, to: string) => void;
}

/** The login page: plain elements styled by login.css, no antd (it is the first download). */
export function LoginRoute({ onSignedIn }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const ended = params.get('ended') === '1';
  const directory = useQuery(sessionQueries.clusters());
  const clusters = directory.data?.clusters ?? [];
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const clusterId = chosen ?? initialCluster(clusters, params.get('cluster'));
  const cluster = clusters.find((c) => c.id === clusterId);
  const health = useQuery(sessionQueries.health());
  const { down: databaseDown, unreachable } = reachability(health.data, clusterId);
  // After a timeout the same account is the likely one: keep its tenant and user filled in.
  const prefill = clusterId && (ended || next) ? lastAccount(clusterId) : undefined;
  // What is typed belongs to one cluster: another cluster, other accounts, an empty form.
  const [draft, setDraft] = useState<{ cluster: string; values: LoginValues } | undefined>();
  const values: LoginValues =
    draft && draft.cluster === clusterId
      ? draft.values
      : { tenant: prefill?.tenant ?? 'sys', user: prefill?.user ?? '', password: '' };
  const setValues = (v: LoginValues) => {
    if (clusterId) setDraft({ cluster: clusterId, values: v });
  };

  const multi = clusters.length > 1;
  return (
    <div className="ob-login-page">
      <div className="ob-login-column">
        <div className="ob-login-brand">{t('common.appName')}</div>
        {databaseDown && (
          <LoginNotice
            type="warning"
            role="note"
            title={
              multi && cluster
                ? t('clusters.unavailableHost', { cluster: cluster.name })
                : t('login.unavailable')
            }
          >
            {unreachable && (
              <div>
                {serverText(t, 'DATABASE_UNAVAILABLE', { variant: 'host', host: unreachable }, '')}
              </div>
            )}
            <div>{t('errors.hint.DATABASE_UNAVAILABLE')}</div>
          </LoginNotice>
        )}
        {ended ? (
          <LoginNotice
            type="info"
            role="note"
            title={
              multi && cluster
                ? t('clusters.endedTitle', { cluster: cluster.name })
                : t('sessionState.endedTitle')
            }
          >
            {t('sessionState.endedText')}
          </LoginNotice>
        ) : (
          next && <LoginNotice type="info" role="note" title={t('login.expired')} />
        )}
        <main className="ob-login-card">
          <h1>{t('login.heading')}</h1>
          <p className="ob-login-intro">{t('login.intro')}</p>
          {directory.isError && (
            <LoginNotice type="error" role="alert" title={t('login.other')}>
              {t('errors.hint.NETWORK_ERROR')}
            </LoginNotice>
          )}
          {multi && (
            // The cluster comes first: the accounts, and the demo logins below, are its own.
            <div className="ob-login-field">
              <label htmlFor="login_cluster">{t('clusters.label')}</label>
              <select
                id="login_cluster"
                className="ob-login-input ob-login-select"
                value={clusterId}
                translate="no"
                onChange={(e) => setChosen(e.target.value)}
                aria-describedby={cluster?.session ? 'login_cluster_help' : undefined}
              >
                {clusters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.session ? ` · ${c.session.user}@${c.session.tenant}` : ''}
                  </option>
                ))}
              </select>
              {cluster?.session && (
                <div id="login_cluster_help" className="ob-login-help">
                  {t('clusters.alreadySignedIn', {
                    account: `${cluster.session.user}@${cluster.session.tenant}`,
                  })}
                </div>
              )}
            </div>
          )}
          {clusterId && (
            <LoginForm
              key={clusterId}
              clusterId={clusterId}
              values={values}
              onChange={setValues}
              prefilled={prefill !== undefined}
              databaseDown={databaseDown}
              onUnreachable={() => void health.refetch()}
              onLoggedIn={() => {
                const to = safeNext(next, clusterPaths.tenants(clusterId));
                onSignedIn?.(clusterId, to);
                void navigate(to, { replace: true });
              }}
            />
          )}
        </main>
        {/* After the form: at 1280x800 the Log in button stays above the fold. */}
        {cluster && (
          <DemoLogins
            simulated={cluster.simulated}
            accounts={cluster.demoAccounts}
            onPick={(a) => {
              setValues({ ...values, tenant: a.tenant, user: a.user });
              document.getElementById(loginFieldId('password'))?.focus();
            }}
          />
        )}
      </div>
    </div>
  );
}

export default LoginRoute;
