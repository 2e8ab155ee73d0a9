import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorHint, errorMessage, errorTitle } from './error-text';

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
      title={title ?? errorTitle(t, error)}
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
