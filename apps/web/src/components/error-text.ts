import type { TFunction } from 'i18next';
import { isApiError } from '../lib/http';
import { errorText } from '../lib/server-text';
import { en } from '../i18n/en';

/*
 * An error's texts without antd: the login page (drawn without antd) and the QueryClient's
 * default notifications use them too. ErrorAlert (./error-alert) shows them with antd.
 */

type HintCode = keyof typeof en.errors.hint;

/** "What to do" for an error: one sentence per BFF error code. */
export function errorHint(t: TFunction, error: unknown): string {
  const code = isApiError(error) ? error.code : 'INTERNAL';
  const key: HintCode = code in en.errors.hint ? code : 'INTERNAL';
  return t(`errors.hint.${key}`);
}

/**
 * What happened, in the user's language (from the error's code and params; the BFF's English
 * when the web does not know the code), plus OceanBase's own error when it passed one on.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  const text = errorText(t, error);
  if (isApiError(error) && error.code === 'OCEANBASE_ERROR') {
    const d = error.details;
    if (d && typeof d.errno === 'number' && typeof d.sqlMessage === 'string')
      return `${text} ${t('common.obError', { errno: d.errno, message: d.sqlMessage })}`;
  }
  return text;
}

/** A refusal (the request was understood and said no) is titled as one, not as a failure. */
export function errorTitle(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('common.errorTitle');
  if (error.code === 'DATABASE_UNAVAILABLE') return t('refusals.unavailableTitle');
  if (error.status === 403 || error.status === 409 || error.status === 422)
    return t('refusals.title');
  return t('common.errorTitle');
}
