import { useState } from 'react';
import { Button, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCancelBackup } from '../api';
import { notifySuccess } from '../../../lib/notify';

/** Per-job Cancel, confirmed in a dialog (focus moves into it, Escape keeps the job running). */
export function CancelBackup({ tenant, disabled }: { tenant: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const cancel = useCancelBackup();
  // Accepted, not yet CANCELING in the next update: already "stopping", never a second button.
  const [requested, setRequested] = useState(false);
  if (requested) return <Tag color="processing">{t('progress.canceling')}</Tag>;
  return (
    <>
      <Button
        danger
        aria-label={t('progress.cancelAria', { tenant })}
        disabled={disabled || cancel.isPending}
        loading={cancel.isPending}
        onClick={() => setConfirming(true)}
      >
        {t('progress.cancel')}
      </Button>
      <Modal
        open={confirming}
        title={t('progress.cancelTitle', { tenant })}
        okText={t('progress.cancelConfirm')}
        cancelText={t('progress.keepRunning')}
        okButtonProps={{ danger: true, loading: cancel.isPending }}
        onCancel={() => setConfirming(false)}
        onOk={() =>
          cancel.mutate(
            { tenants: [tenant] },
            {
              onSuccess: () => {
                setRequested(true);
                notifySuccess(t('progress.cancelRequested', { tenant }));
              },
              onSettled: () => setConfirming(false),
            },
          )
        }
        width={440}
        destroyOnHidden
      >
        {t('progress.cancelText')}
      </Modal>
    </>
  );
}
