import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../lib/http';
import { en } from '../i18n/en';

type HintCode = keyof typeof en.errors.hint;

/** "What to do" for an error: one sentence per BFF error code. */
export function errorHint(t: TFunction, error: unknown): string {
  const code = isApiError(error) ? error.code : 'INTERNAL';
  const key: HintCode = code in en.errors.hint ? code : 'INTERNAL';
  return t(`errors.hint.${key}`);
}

/** The BFF's own message (never replaced), plus OceanBase's error when it passed one on. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    const d = error.details;
    if (
      error.code === 'OCEANBASE_ERROR' &&
      d &&
      typeof d.errno === 'number' &&
      typeof d.sqlMessage === 'string'
    ) {
      return `${error.message} — ${t('common.obError', { errno: d.errno, message: d.sqlMessage })}`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** The error state of a screen: what happened (the BFF's message) and what to do. */
export function ErrorAlert({ error, title, onRetry }: Props) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t('common.errorTitle')}
      description={
        <>
          <div>{errorMessage(t, error)}</div>
          <div>{t('common.whatToDo', { hint: errorHint(t, error) })}</div>
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
