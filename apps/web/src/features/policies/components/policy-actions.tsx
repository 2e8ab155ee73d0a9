import { useState } from 'react';
import { Button, Flex, Modal, Popconfirm, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BackupType, Policy, PolicyRun } from '@obconsole/contracts';
import { policyApi, policyKeys } from '../api';
import { notifySuccess } from '../../../lib/notify';

interface Props {
  clusterId: string;
  policy: Policy;
  /** The cluster has a service account (resuming needs one). */
  unattended: boolean;
  onEdit: () => void;
  onRan?: (run: PolicyRun) => void;
  onDeleted?: () => void;
  size?: 'small' | 'middle';
}

function RunNowDialog({
  policy,
  pending,
  onRun,
  onClose,
}: {
  policy: Policy;
  pending: boolean;
  onRun: (type: BackupType) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<BackupType>('full');
  return (
    <Modal
      open
      title={t('policies.runNow.title', { name: policy.name })}
      onCancel={onClose}
      okText={t('policies.runNow.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: pending }}
      onOk={() => onRun(type)}
    >
      <Flex vertical gap={12}>
        <Typography.Text>{t('policies.runNow.text')}</Typography.Text>
        <Radio.Group
          aria-label={t('backup.type')}
          value={type}
          onChange={(e) => setType(e.target.value as BackupType)}
          options={[
            { value: 'full', label: t('backup.full') },
            { value: 'incremental', label: t('backup.incremental') },
          ]}
        />
      </Flex>
    </Modal>
  );
}

/** Edit, pause or resume, run now (with a type), delete (confirmed): for accounts that may. */
export function PolicyActions({
  clusterId,
  policy,
  unattended,
  onEdit,
  onRan,
  onDeleted,
  size = 'small',
}: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [running, setRunning] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: policyKeys.all(clusterId) });
  const meta = { invalidatesAll: false };
  const toggle = useMutation({
    mutationFn: () =>
      policy.enabled
        ? policyApi.pause(clusterId, policy.id)
        : policyApi.resume(clusterId, policy.id),
    meta,
    onSuccess: (p) => {
      refresh();
      notifySuccess(t(p.enabled ? 'policies.resumed' : 'policies.paused', { name: p.name }));
    },
  });
  const run = useMutation({
    mutationFn: (type: BackupType) => policyApi.run(clusterId, policy.id, type),
    meta,
    onSuccess: (r) => {
      setRunning(false);
      refresh();
      // The run may start jobs: the tenants and history change too.
      void qc.invalidateQueries({ queryKey: ['clusters', clusterId] });
      notifySuccess(t('policies.runNow.done', { name: policy.name }));
      onRan?.(r);
    },
  });
  const remove = useMutation({
    mutationFn: () => policyApi.remove(clusterId, policy.id),
    meta,
    onSuccess: () => {
      refresh();
      notifySuccess(t('policies.deleted', { name: policy.name }));
      onDeleted?.();
    },
  });
  const of = { name: policy.name };
  return (
    <Flex gap={4} wrap>
      <Button size={size} onClick={onEdit} aria-label={t('policies.actions.editOf', of)}>
        {t('policies.actions.edit')}
      </Button>
      <Button
        size={size}
        loading={toggle.isPending}
        disabled={!policy.enabled && !unattended}
        title={!policy.enabled && !unattended ? t('policies.needsServiceAccount') : undefined}
        onClick={() => toggle.mutate()}
        aria-label={t(
          policy.enabled ? 'policies.actions.pauseOf' : 'policies.actions.resumeOf',
          of,
        )}
      >
        {policy.enabled ? t('policies.actions.pause') : t('policies.actions.resume')}
      </Button>
      <Button
        size={size}
        onClick={() => setRunning(true)}
        aria-label={t('policies.actions.runOf', of)}
      >
        {t('policies.actions.run')}
      </Button>
      <Popconfirm
        title={t('policies.deleteConfirm.title', of)}
        description={t('policies.deleteConfirm.text')}
        okText={t('policies.actions.delete')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: remove.isPending }}
        onConfirm={() => remove.mutate()}
      >
        <Button size={size} danger aria-label={t('policies.actions.deleteOf', of)}>
          {t('policies.actions.delete')}
        </Button>
      </Popconfirm>
      {running && (
        <RunNowDialog
          policy={policy}
          pending={run.isPending}
          onRun={(type) => run.mutate(type)}
          onClose={() => setRunning(false)}
        />
      )}
    </Flex>
  );
}
