import { useRef, useState } from 'react';
import { Button, Descriptions, Modal, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActiveJob } from '@obconsole/contracts';
import { useCancelBackup } from '../api';
import { notifySuccess } from '../../../lib/notify';
import { formatBytes } from '../../../lib/format';
import { useClusterId, useSession } from '../../../lib/session';

/** What the BFF sends for this cancel (statements.ts cancelStatement), shown before it runs. */
export function cancelSql(tenant: string, isSys: boolean): string {
  return isSys
    ? `ALTER SYSTEM CANCEL BACKUP TENANT = \`${tenant}\`;`
    : 'ALTER SYSTEM CANCEL BACKUP;';
}

/**
 * This button gives way to "cancelling…" (and unmounts with its dialog): focus goes to the
 * screen's heading instead of being lost, once the dialog is gone and the page no longer inert.
 */
function focusHeadingWhenFree(frames = 120): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  const dialogOpen = Array.from(
    document.querySelectorAll('[role="dialog"][aria-modal="true"]'),
  ).some((d) => d.getClientRects().length > 0);
  if (heading && !dialogOpen && !heading.closest('[inert]')) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    return;
  }
  if (frames > 0) requestAnimationFrame(() => focusHeadingWhenFree(frames - 1));
}

/**
 * Per-job Cancel, confirmed in a dialog that names the job and what will be lost, shows the
 * statement, and starts on "keep running": Enter or Escape right away leaves the job alone.
 */
export function CancelBackup({
  job,
  canceling,
  disabled,
}: {
  job: ActiveJob;
  /** Requested already: "cancelling…" in place of the button (the dialog stays mounted to close). */
  canceling?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const requested = useRef(false);
  const cancel = useCancelBackup(useClusterId());
  // Accepted, not yet CANCELING in the next update: already "stopping", never a second button.
  const [accepted, setAccepted] = useState(false);
  const tenant = job.tenantName;
  const sql = cancelSql(tenant, session.isSys);
  const keepId = `keep-running-${job.tenantId}-${job.jobId}`;
  return (
    <>
      {canceling || accepted ? (
        <Tag color="processing">{t('progress.canceling')}</Tag>
      ) : (
        <Button
          danger
          aria-label={t('progress.cancelAria', { tenant })}
          disabled={disabled || cancel.isPending}
          loading={cancel.isPending}
          onClick={() => setConfirming(true)}
        >
          {t('progress.cancel')}
        </Button>
      )}
      <Modal
        open={confirming}
        title={t('ocp.cancel.title', { tenant, jobId: job.jobId })}
        okText={t('progress.cancelConfirm')}
        cancelText={t('progress.keepRunning')}
        okButtonProps={{ danger: true, loading: cancel.isPending }}
        cancelButtonProps={{ id: keepId }}
        // antd focuses the dialog itself on open; the safe choice is the one under the finger.
        focusable={{ focusTriggerAfterClose: !cancel.isSuccess }}
        afterClose={() => {
          if (requested.current) focusHeadingWhenFree();
        }}
        afterOpenChange={(open) => {
          if (open) document.getElementById(keepId)?.focus();
        }}
        onCancel={() => setConfirming(false)}
        onOk={() =>
          cancel.mutate(
            { tenants: [tenant] },
            {
              onSuccess: () => {
                notifySuccess(t('progress.cancelRequested', { tenant }));
                requested.current = true;
                setAccepted(true);
              },
              onSettled: () => setConfirming(false),
            },
          )
        }
        width={560}
        destroyOnHidden
      >
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'job',
              label: t('ocp.cancel.job'),
              children: t('ocp.cancel.jobValue', {
                jobId: job.jobId,
                type: t(`type.${job.type}`),
                setId: job.backupSetId,
              }),
            },
            {
              key: 'lost',
              label: t('ocp.cancel.lost'),
              children: t('ocp.cancel.lostValue', {
                percent: `${job.progress.percent.toFixed(1)} %`,
                written: formatBytes(job.progress.outputBytes),
              }),
            },
          ]}
        />
        <Typography.Paragraph>{t('ocp.cancel.lostText')}</Typography.Paragraph>
        <Typography.Text strong id={`cancel-sql-${job.jobId}`}>
          {t('ocp.cancel.sql')}
        </Typography.Text>
        <pre
          aria-labelledby={`cancel-sql-${job.jobId}`}
          style={{
            margin: '4px 0 0',
            padding: 8,
            background: token.colorFillQuaternary,
            borderRadius: token.borderRadius,
            whiteSpace: 'pre-wrap',
          }}
        >
          {sql}
        </pre>
      </Modal>
    </>
  );
}
