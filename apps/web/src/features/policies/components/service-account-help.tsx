import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Policies run under the cluster's service account: without one, how to configure it. */
export function ServiceAccountHelp({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="note"
      title={t('policies.serviceAccount.title')}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('policies.serviceAccount.text')}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('policies.serviceAccount.file')}
          </Typography.Paragraph>
          <pre translate="no" style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>
            {`{ "id": "${clusterId}", ..., "serviceAccount": { "user": "console@sys", "passwordFile": "/run/secrets/${clusterId}-console" } }`}
          </pre>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('policies.serviceAccount.env')}
          </Typography.Paragraph>
          <pre translate="no" style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>
            {'OB_SERVICE_USER=console@sys\nOB_SERVICE_PASSWORD_FILE=/run/secrets/console'}
          </pre>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t('policies.serviceAccount.grant')}
          </Typography.Paragraph>
        </>
      }
    />
  );
}
