import { Alert, Button, Flex, Tag, Typography, theme } from 'antd';
import { BorderedList } from '../../../components/bordered-list';
import { useTranslation } from 'react-i18next';
import type { PreviewResponse, PreviewTenant } from '@obconsole/contracts';
import { checkText, serverText } from '../../../lib/server-text';

const actionColor = { backup: 'success', skip: 'warning', refuse: 'error' } as const;
const actionKey = {
  backup: 'backup.actionBackup',
  skip: 'backup.actionSkip',
  refuse: 'backup.actionRefuse',
} as const;

/** "An incremental needs a full backup first", with the one click that switches to full. */
export function SwitchToFullAlert({ onSwitchToFull }: { onSwitchToFull: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      role="status"
      showIcon
      title={t('errors.hint.NO_FULL_BACKUP')}
      action={
        <Button type="primary" onClick={onSwitchToFull}>
          {t('backup.switchToFull')}
        </Button>
      }
    />
  );
}

function TenantChecks({ tenant }: { tenant: PreviewTenant }) {
  const { t } = useTranslation();
  const failed = tenant.checks.filter((c) => !c.ok);
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Flex gap={8} align="center">
        <strong>{tenant.tenantName}</strong>
        <Tag color={actionColor[tenant.action]}>{t(actionKey[tenant.action])}</Tag>
      </Flex>
      {tenant.reason && tenant.action !== 'backup' && (
        <Typography.Text type={tenant.action === 'refuse' ? 'danger' : 'warning'}>
          {checkText(t, tenant.reason)}{' '}
          <Typography.Text type="secondary">({tenant.reason.code})</Typography.Text>
        </Typography.Text>
      )}
      {failed.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {failed
            .filter((c) => c.code !== tenant.reason?.code)
            .map((c) => (
              <li key={c.code}>
                {checkText(t, c)} <Typography.Text type="secondary">({c.code})</Typography.Text>
              </li>
            ))}
        </ul>
      )}
    </Flex>
  );
}

interface Props {
  preview: PreviewResponse;
  /** Shown when an incremental backup is refused for want of a full one. */
  onSwitchToFull?: () => void;
}

export function needsFullBackup(preview: PreviewResponse): boolean {
  return (
    preview.type === 'incremental' &&
    (preview.blocking.some((b) => b.code === 'NO_FULL_BACKUP') ||
      preview.tenants.some((x) => x.action !== 'backup' && x.reason?.code === 'NO_FULL_BACKUP'))
  );
}

export function ReviewStep({ preview, onSwitchToFull }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const switchable = onSwitchToFull && needsFullBackup(preview);
  return (
    <Flex vertical gap={16}>
      {!preview.canStart && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('backup.cannotStart')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {preview.blocking.map((b, i) => (
                <li key={`${b.code}-${b.tenantName ?? ''}-${i}`}>
                  {b.tenantName ? <strong>{b.tenantName}: </strong> : null}
                  {serverText(t, b.code, b.params, b.message)}{' '}
                  <Typography.Text type="secondary">({b.code})</Typography.Text>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {switchable && <SwitchToFullAlert onSwitchToFull={onSwitchToFull} />}
      <section>
        <Typography.Title level={5} id="review-checks" style={{ marginTop: 0 }}>
          {t('backup.checks')}
        </Typography.Title>
        <BorderedList
          items={preview.tenants}
          rowKey={(x) => x.tenantName}
          render={(x) => <TenantChecks tenant={x} />}
        />
      </section>
      <section>
        <Typography.Title level={5} id="review-sql">
          {t('backup.sql')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('backup.sqlHelp')}
        </Typography.Paragraph>
        <pre
          aria-labelledby="review-sql"
          tabIndex={0}
          style={{
            margin: 0,
            padding: 12,
            background: token.colorFillQuaternary,
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadius,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            fontSize: 13,
          }}
        >
          {preview.statements.map((s) => (s.trimEnd().endsWith(';') ? s : `${s};`)).join('\n')}
        </pre>
      </section>
    </Flex>
  );
}
