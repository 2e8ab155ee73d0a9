import { useEffect, useState } from 'react';
import { Alert, Flex, Form, Select, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary, HealthResponse } from '@obconsole/contracts';
import { sessionQueries } from '../api';
import { LoginForm, type LoginValues } from '../components/login-form';
import { SimulatedBanner } from '../components/simulated-banner';
import { clusterPaths, safeNext } from '../../../config/paths';
import { lastAccount } from '../../../lib/last-account';
import { serverText } from '../../../lib/server-text';

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
  const [form] = Form.useForm<LoginValues>();
  const health = useQuery(sessionQueries.health());
  const { token } = theme.useToken();
  const { down: databaseDown, unreachable } = reachability(health.data, clusterId);
  // After a timeout the same account is the likely one: keep its tenant and user filled in.
  const prefill = clusterId && (ended || next) ? lastAccount(clusterId) : undefined;

  // Another cluster, other accounts: what was typed for the previous one does not carry over.
  useEffect(() => {
    if (!clusterId) return;
    const a = ended || next ? lastAccount(clusterId) : undefined;
    form.setFieldsValue({ tenant: a?.tenant ?? 'sys', user: a?.user ?? '', password: '' });
  }, [clusterId, form, ended, next]);

  const multi = clusters.length > 1;
  return (
    <Flex justify="center" align="flex-start" style={{ minHeight: '100vh', padding: '32px 16px' }}>
      <Flex vertical gap={16} style={{ width: '100%', maxWidth: 440 }}>
        {/* Plain elements rather than Card and Typography: this screen is the first download. */}
        <div style={{ textAlign: 'center', fontSize: 20, fontWeight: 600, color: token.colorLink }}>
          {t('common.appName')}
        </div>
        {databaseDown && (
          <Alert
            type="warning"
            role="note"
            showIcon
            title={
              multi && cluster
                ? t('clusters.unavailableHost', { cluster: cluster.name })
                : t('login.unavailable')
            }
            description={
              <>
                {unreachable && (
                  <div>
                    {serverText(
                      t,
                      'DATABASE_UNAVAILABLE',
                      { variant: 'host', host: unreachable },
                      '',
                    )}
                  </div>
                )}
                <div>{t('errors.hint.DATABASE_UNAVAILABLE')}</div>
              </>
            }
          />
        )}
        {ended ? (
          <Alert
            type="info"
            role="note"
            showIcon
            title={
              multi && cluster
                ? t('clusters.endedTitle', { cluster: cluster.name })
                : t('sessionState.endedTitle')
            }
            description={t('sessionState.endedText')}
          />
        ) : (
          next && <Alert type="info" role="note" showIcon title={t('login.expired')} />
        )}
        <main
          style={{
            background: token.colorBgContainer,
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadiusLG,
            padding: 24,
          }}
        >
          <h1 style={{ fontSize: 22, fontWeight: 600, margin: '0 0 8px', color: token.colorText }}>
            {t('login.heading')}
          </h1>
          <p style={{ color: token.colorTextSecondary, margin: '0 0 16px' }}>{t('login.intro')}</p>
          {directory.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title={t('login.other')}
              description={t('errors.hint.NETWORK_ERROR')}
            />
          )}
          {multi && (
            // The cluster comes first: the accounts, and the demo logins below, are its own.
            <div style={{ marginBottom: 24 }}>
              <label
                htmlFor="login_cluster"
                style={{ display: 'block', paddingBottom: 8, color: token.colorText }}
              >
                {t('clusters.label')}
              </label>
              <Select
                id="login_cluster"
                value={clusterId}
                style={{ width: '100%' }}
                onChange={(v: string) => setChosen(v)}
                options={clusters.map((c) => ({
                  value: c.id,
                  label: (
                    <span translate="no">
                      {c.name}
                      {c.session ? ` · ${c.session.user}@${c.session.tenant}` : ''}
                    </span>
                  ),
                }))}
              />
              {cluster?.session && (
                <div style={{ color: token.colorTextSecondary, marginTop: 4, fontSize: 13 }}>
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
              form={form}
              initial={prefill}
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
          <SimulatedBanner
            simulated={cluster.simulated}
            accounts={cluster.demoAccounts}
            onPick={(a) => {
              form.setFieldsValue({ tenant: a.tenant, user: a.user });
              document.getElementById('login_password')?.focus();
            }}
          />
        )}
      </Flex>
    </Flex>
  );
}

export default LoginRoute;
