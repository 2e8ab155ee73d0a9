import { useState } from 'react';
import { Alert, Flex, Form, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sessionQueries } from '../api';
import { LoginForm, type LoginValues } from '../components/login-form';
import { SimulatedBanner } from '../components/simulated-banner';
import { safeNext } from '../../../config/paths';
import { lastAccount } from '../../../lib/last-account';
import { serverText } from '../../../lib/server-text';

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const ended = params.get('ended') === '1';
  // After a timeout the same account is the likely one: keep its tenant and user filled in.
  const [prefill] = useState(() => (ended || next ? lastAccount() : undefined));
  const [form] = Form.useForm<LoginValues>();
  const health = useQuery(sessionQueries.health());
  const { token } = theme.useToken();
  const databaseDown = health.isSuccess && health.data.database === 'down';

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
            title={t('login.unavailable')}
            description={
              <>
                {health.data?.unreachable && (
                  <div>
                    {serverText(
                      t,
                      'DATABASE_UNAVAILABLE',
                      { variant: 'host', host: health.data.unreachable },
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
            title={t('sessionState.endedTitle')}
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
          <LoginForm
            form={form}
            initial={prefill}
            databaseDown={databaseDown}
            onUnreachable={() => void health.refetch()}
            onLoggedIn={() => {
              void navigate(safeNext(next), { replace: true });
            }}
          />
        </main>
        {/* After the form: at 1280x800 the Log in button stays above the fold. */}
        {health.isSuccess && (
          <SimulatedBanner
            health={health.data}
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
