import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SessionInfo } from '@obconsole/contracts';
import { useLogin } from '../api';
import { isApiError } from '../../../lib/http';
import { errorHint, errorMessage } from '../../../components/error-text';
import { formatDuration } from '../../../lib/format';
import { useLanguage } from '../../../stores/preferences';
import { markLoginSubmitted } from '../../../lib/timing';
import { LoginNotice } from './login-notice';
import {
  fieldError,
  validateLogin,
  type LoginErrors,
  type LoginField,
  type LoginValues,
} from './login-validation';

export type { LoginValues } from './login-validation';

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

/** The element ids, also what the demo logins focus and what the e2e helpers may use. */
export const loginFieldId = (field: LoginField) => `login_${field}`;
const errorId = (field: LoginField) => `login_${field}_error`;

interface Props {
  /** The cluster signed in to. */
  clusterId: string;
  values: LoginValues;
  onChange: (values: LoginValues) => void;
  onLoggedIn: (session: SessionInfo) => void;
  /** Filled in after a session timed out: the password gets the focus. */
  prefilled?: boolean;
  /** The page already says the database is down (and where): the form does not say it again. */
  databaseDown?: boolean;
  /** A login found the database unreachable: the page re-checks, and then says so once. */
  onUnreachable?: () => void;
}

/**
 * The sign-in form in plain HTML (styled by login.css from the theme's tokens): /login is the
 * first download, and antd's Form, Input and Button would be a third of it.
 */
export function LoginForm({
  clusterId,
  values,
  onChange,
  onLoggedIn,
  prefilled,
  databaseDown,
  onUnreachable,
}: Props) {
  const language = useLanguage();
  const { t } = useTranslation();
  const login = useLogin(clusterId);
  const [errors, setErrors] = useState<LoginErrors>({});

  const change = (field: LoginField, value: string) => {
    if (login.isError) login.reset();
    // A field that was refused is checked again as it is corrected (as antd's Form did).
    if (errors[field] !== undefined) setErrors({ ...errors, [field]: fieldError(t, field, value) });
    onChange({ ...values, [field]: value });
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The sign-in's timing starts where the user's click or Enter is, before anything else.
    markLoginSubmitted();
    if (login.isPending) return;
    const found = validateLogin(t, values);
    setErrors(found);
    const first = (Object.keys(found) as LoginField[])[0];
    if (first) {
      document.getElementById(loginFieldId(first))?.focus();
      return;
    }
    login.mutate(
      { tenant: values.tenant.trim(), user: values.user.trim(), password: values.password },
      {
        onSuccess: (info) => {
          onChange({ ...values, password: '' });
          onLoggedIn(info);
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'DATABASE_UNAVAILABLE') onUnreachable?.();
        },
      },
    );
  };

  const wait = retryAfter(login.error);
  const field = (
    name: LoginField,
    label: string,
    input: { type?: string; autoComplete: string; autoFocus?: boolean; spellCheck?: boolean },
  ) => {
    const error = errors[name];
    return (
      <div className="ob-login-field">
        <label htmlFor={loginFieldId(name)}>{label}</label>
        <input
          id={loginFieldId(name)}
          name={name}
          className="ob-login-input"
          type={input.type ?? 'text'}
          autoComplete={input.autoComplete}
          spellCheck={input.spellCheck}
          // The focus goes where the user types first (as the antd form did).
          autoFocus={input.autoFocus}
          value={values[name]}
          onChange={(e) => change(name, e.target.value)}
          aria-invalid={error !== undefined}
          aria-describedby={error !== undefined ? errorId(name) : undefined}
        />
        {error !== undefined && (
          <div id={errorId(name)} className="ob-login-field-error" role="alert">
            {error}
          </div>
        )}
      </div>
    );
  };

  return (
    <form name="login" className="ob-login-form" noValidate onSubmit={submit}>
      {login.isError &&
        !(
          databaseDown &&
          isApiError(login.error) &&
          login.error.code === 'DATABASE_UNAVAILABLE'
        ) && (
          <LoginNotice type="error" role="alert" title={errorTitle(t, login.error)}>
            <div>{errorMessage(t, login.error)}</div>
            {wait !== undefined && (
              <div>{t('login.retryAfter', { wait: formatDuration(wait, language) })}</div>
            )}
            <div>{t('common.whatToDo', { hint: errorHint(t, login.error) })}</div>
          </LoginNotice>
        )}
      {field('tenant', t('login.tenant'), { autoComplete: 'organization', spellCheck: false })}
      {field('user', t('login.user'), {
        autoComplete: 'username',
        spellCheck: false,
        autoFocus: !prefilled,
      })}
      {field('password', t('login.password'), {
        type: 'password',
        autoComplete: 'current-password',
        autoFocus: prefilled,
      })}
      <button
        type="submit"
        className="ob-login-button ob-login-button-primary"
        aria-disabled={login.isPending}
        aria-busy={login.isPending}
      >
        {login.isPending && <span className="ob-spinner ob-login-button-spinner" aria-hidden />}
        {t('login.submit')}
      </button>
    </form>
  );
}
