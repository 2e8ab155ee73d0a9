import { Alert, Button, Flex, Tag, Typography, theme } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { BorderedList } from '../../../components/bordered-list';
import { useTranslation } from 'react-i18next';
import type { PreviewResponse, PreviewTenant } from '@obconsole/contracts';
import { checkText, serverText } from '../../../lib/server-text';
import { ReviewSummary, fixStatement, type ReviewOptions } from './review-summary';

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

/** Every check of a tenant, passed and failed: the operator sees what was verified. */
function TenantChecks({ tenant }: { tenant: PreviewTenant }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Flex gap={8} align="center">
        <strong>{tenant.tenantName}</strong>
        <Tag color={actionColor[tenant.action]}>{t(actionKey[tenant.action])}</Tag>
      </Flex>
      <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
        {tenant.checks.map((c) => (
          <li key={c.code}>
            {c.ok ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} aria-hidden />
            ) : (
              <CloseCircleFilled style={{ color: token.colorError }} aria-hidden />
            )}{' '}
            <span className="visually-hidden">
              {c.ok ? t('ocp.review.checkPassed') : t('ocp.review.checkFailed')}:{' '}
            </span>
            {checkText(t, c)} <Typography.Text type="secondary">({c.code})</Typography.Text>
          </li>
        ))}
      </ul>
    </Flex>
  );
}

interface Props {
  preview: PreviewResponse;
  options: ReviewOptions;
  isSys: boolean;
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

export function ReviewStep({ preview, options, isSys, onSwitchToFull }: Props) {
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
          description={<Refusal preview={preview} isSys={isSys} />}
        />
      )}
      {switchable && <SwitchToFullAlert onSwitchToFull={onSwitchToFull} />}
      <ReviewSummary preview={preview} options={options} />
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
      {preview.canStart ? (
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
      ) : (
        <Typography.Text type="secondary">{t('ocp.review.nothingWillRun')}</Typography.Text>
      )}
    </Flex>
  );
}

/** Why it cannot start, said once, each with the statement that fixes it where there is one. */
function Refusal({ preview, isSys }: { preview: PreviewResponse; isSys: boolean }) {
  const { t } = useTranslation();
  const shownInChecks = new Set(
    preview.tenants.flatMap((x) =>
      x.checks.filter((c) => !c.ok).map((c) => `${x.tenantName}:${c.code}`),
    ),
  );
  const fixes = preview.blocking
    .map((b) => fixStatement(b.code, b.tenantName, isSys))
    .filter((f): f is string => f !== null);
  return (
    <Flex vertical gap={8}>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {/* A reason the checks below already show is not said a second time. */}
        {preview.blocking
          .filter((b) => !shownInChecks.has(`${b.tenantName ?? ''}:${b.code}`))
          .map((b, i) => (
            <li key={`${b.code}-${b.tenantName ?? ''}-${i}`}>
              {b.tenantName ? <strong>{b.tenantName}: </strong> : null}
              {serverText(t, b.code, b.params, b.message)}{' '}
              <Typography.Text type="secondary">({b.code})</Typography.Text>
            </li>
          ))}
      </ul>
      {fixes.length > 0 && (
        <div>
          <div>{t('ocp.review.fix')}</div>
          <Typography.Paragraph
            code
            copyable={{ text: fixes.join('\n') }}
            style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
          >
            {fixes.join('\n')}
          </Typography.Paragraph>
        </div>
      )}
    </Flex>
  );
}
