import { Alert, Descriptions, Modal, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Channel, ChannelTestResult } from '@obconsole/contracts';
import { isAllowListText } from '../field-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { formatTime } from '../../../lib/format';

interface Props {
  channel: Channel;
  pending: boolean;
  result: ChannelTestResult | undefined;
  error: unknown;
  onClose: () => void;
}

/** What the receiver answered to a test message: its status and body, as it sent them. */
export function ChannelTestResultDialog({ channel, pending, result, error, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('alerts.test.title', { name: channel.name })}
      onCancel={onClose}
      footer={null}
      width={600}
    >
      {pending ? (
        <div role="status">
          <Spin /> {t('alerts.test.sending')}
        </div>
      ) : error ? (
        <ErrorAlert error={error} />
      ) : result ? (
        <>
          <Alert
            role="status"
            type={result.ok ? 'success' : 'error'}
            showIcon
            title={result.ok ? t('alerts.test.ok') : t('alerts.test.failed')}
            description={isAllowListText(result.error) ? t('alerts.allowList') : undefined}
            style={{ marginBottom: 12 }}
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('alerts.test.at')}>
              {formatTime(result.at)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.test.status')}>
              {result.status ?? t('alerts.test.noStatus')}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.test.body')}>
              {result.response ? (
                <Typography.Paragraph
                  code
                  copyable
                  style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}
                >
                  {result.response}
                </Typography.Paragraph>
              ) : (
                t('alerts.test.emptyBody')
              )}
            </Descriptions.Item>
            {result.error && (
              <Descriptions.Item label={t('alerts.test.error')}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {result.error}
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      ) : null}
    </Modal>
  );
}
