import { Alert, Button, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SessionInfo } from '@obconsole/contracts';
import { useLogin } from '../api';
import { isApiError } from '../../../lib/http';
import { errorHint, errorMessage } from '../../../components/error-alert';

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
  form: FormInstance<LoginValues>;
  onLoggedIn: (session: SessionInfo) => void;
}

export function LoginForm({ form, onLoggedIn }: Props) {
  const { t } = useTranslation();
  const login = useLogin();

  const submit = (values: LoginValues) => {
    if (login.isPending) return;
    login.mutate(
      { tenant: values.tenant.trim(), user: values.user.trim(), password: values.password ?? '' },
      {
        onSuccess: (info) => {
          form.setFieldValue('password', '');
          onLoggedIn(info);
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
      initialValues={{ tenant: 'sys', user: '', password: '' }}
      onFinish={submit}
      onValuesChange={() => {
        if (login.isError) login.reset();
      }}
    >
      {login.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={errorTitle(t, login.error)}
          description={
            <>
              <div>{errorMessage(t, login.error)}</div>
              {wait !== undefined && <div>{t('login.retryAfter', { seconds: wait })}</div>}
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
        <Input autoComplete="username" spellCheck={false} autoFocus />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password">
        <Input.Password autoComplete="current-password" visibilityToggle={false} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
