import { Alert, Button, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SessionInfo } from '@obconsole/contracts';
import { useLogin } from '../api';
import { isApiError } from '../../../lib/http';
import { errorHint, errorMessage } from '../../../components/error-alert';
import { formatDuration } from '../../../lib/format';
import { useLanguage } from '../../../stores/preferences';
import { markLoginSubmitted } from '../../../lib/timing';

export interface LoginValues {
  tenant: string;
  user: string;
  password: string;
}

// Same rules as the contract (LoginRequest), checked before the request is sent.
const TENANT_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const USER_RE = /^[^@#:\s\0]+$/;

function errorTitle(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('login.other');
  switch (error.code) {
    case 'LOGIN_FAILED':
      return t('login.failed');
    case 'RATE_LIMITED':
      return t('login.rateLimited');
    case 'DATABASE_UNAVAILABLE':
      return t('login.unavailable');
    default:
      return t('login.other');
  }
}

function retryAfter(error: unknown): number | undefined {
  if (!isApiError(error) || error.code !== 'RATE_LIMITED') return undefined;
  const v = error.details?.retryAfterSeconds ?? error.details?.retryAfter;
  return typeof v === 'number' && v > 0 ? Math.ceil(v) : undefined;
}

interface Props {
  /** The cluster signed in to. */
  clusterId: string;
  form: FormInstance<LoginValues>;
  onLoggedIn: (session: SessionInfo) => void;
  /** Filled in after a session timed out. */
  initial?: { tenant: string; user: string };
  /** The page already says the database is down (and where): the form does not say it again. */
  databaseDown?: boolean;
  /** A login found the database unreachable: the page re-checks, and then says so once. */
  onUnreachable?: () => void;
}

export function LoginForm({
  clusterId,
  form,
  onLoggedIn,
  initial,
  databaseDown,
  onUnreachable,
}: Props) {
  const language = useLanguage();
  const { t } = useTranslation();
  const login = useLogin(clusterId);

  const submit = (values: LoginValues) => {
    if (login.isPending) return;
    login.mutate(
      { tenant: values.tenant.trim(), user: values.user.trim(), password: values.password ?? '' },
      {
        onSuccess: (info) => {
          form.setFieldValue('password', '');
          onLoggedIn(info);
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'DATABASE_UNAVAILABLE') onUnreachable?.();
        },
      },
    );
  };

  const wait = retryAfter(login.error);

  return (
    <Form<LoginValues>
      form={form}
      name="login"
      layout="vertical"
      requiredMark={false}
      initialValues={{ tenant: initial?.tenant ?? 'sys', user: initial?.user ?? '', password: '' }}
      onFinish={submit}
      // Before antd validates: the sign-in's timing starts where the user's click or Enter is.
      onSubmitCapture={markLoginSubmitted}
      onValuesChange={() => {
        if (login.isError) login.reset();
      }}
    >
      {login.isError &&
        !(
          databaseDown &&
          isApiError(login.error) &&
          login.error.code === 'DATABASE_UNAVAILABLE'
        ) && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={errorTitle(t, login.error)}
            description={
              <>
                <div>{errorMessage(t, login.error)}</div>
                {wait !== undefined && (
                  <div>{t('login.retryAfter', { wait: formatDuration(wait, language) })}</div>
                )}
                <div>{t('common.whatToDo', { hint: errorHint(t, login.error) })}</div>
              </>
            }
          />
        )}
      <Form.Item
        label={t('login.tenant')}
        name="tenant"
        rules={[
          { required: true, whitespace: true, message: t('login.tenantRequired') },
          { pattern: TENANT_RE, message: t('login.tenantInvalid') },
        ]}
      >
        <Input autoComplete="organization" spellCheck={false} />
      </Form.Item>
      <Form.Item
        label={t('login.user')}
        name="user"
        rules={[
          { required: true, whitespace: true, message: t('login.userRequired') },
          { pattern: USER_RE, message: t('login.userInvalid') },
        ]}
      >
        <Input autoComplete="username" spellCheck={false} autoFocus={!initial} />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password">
        <Input.Password
          autoComplete="current-password"
          visibilityToggle={false}
          autoFocus={Boolean(initial)}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
