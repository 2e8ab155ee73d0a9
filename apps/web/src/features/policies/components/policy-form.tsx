import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Switch,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Policy, SessionInfo } from '@obconsole/contracts';
import { policyApi, policyKeys } from '../api';
import {
  checkDraft,
  createRequest,
  draftOf,
  newDraft,
  previewOf,
  serverErrors,
  updateRequest,
  type DraftErrors,
  type PolicyDraft,
} from '../form-state';
import { ScheduleField } from './schedule-field';
import { NextRuns } from './next-runs';
import { TimeZoneSelect } from './time-zone-select';
import { PolicyPassword } from './policy-password';
import { PolicyScopeField } from './policy-scope-field';
import { DESCRIPTION_MAX } from '../../../components/backup-validation';
import { ErrorAlert } from '../../../components/error-alert';
import { useNow } from '../../../lib/use-now';

interface Props {
  clusterId: string;
  session: SessionInfo;
  tenantNames: string[];
  /** The cluster has a service account; without one a policy can only be saved paused. */
  unattended: boolean;
  /** The policy to change; none: a new one. */
  policy?: Policy;
  onClose: () => void;
  onSaved: (p: Policy) => void;
}

function FieldHelp({ id, error, help }: { id: string; error?: string; help?: string }) {
  if (error)
    return (
      <span id={id} role="alert">
        {error}
      </span>
    );
  return help ? <span id={id}>{help}</span> : undefined;
}

export function PolicyForm({
  clusterId,
  session,
  tenantNames,
  unattended,
  policy,
  onClose,
  onSaved,
}: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<PolicyDraft>(() =>
    policy ? draftOf(policy) : newDraft(unattended),
  );
  const [tried, setTried] = useState(false);
  const [fromServer, setFromServer] = useState<DraftErrors>({});
  const encrypted = policy?.encrypted ?? false;
  const now = useNow(60_000);
  const set = (patch: Partial<PolicyDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // A field the user changes no longer carries the server's complaint about its old value.
    setFromServer((s) => {
      const next = { ...s };
      for (const k of Object.keys(patch)) delete next[k as keyof DraftErrors];
      if ('encryption' in patch) delete next.password;
      return next;
    });
  };

  const own = checkDraft(t, draft, { isSys: session.isSys, editingEncrypted: encrypted });
  // Schedules are checked as they are typed (the preview depends on them); the rest on save.
  const shown: DraftErrors = {
    ...(tried ? own : { full: own.full, incremental: own.incremental, timeZone: own.timeZone }),
    ...fromServer,
  };
  const preview = useMemo(() => previewOf(draft, now), [draft, now]);

  const save = useMutation({
    mutationFn: () =>
      policy
        ? policyApi.update(
            clusterId,
            policy.id,
            updateRequest(draft, session.tenant, session.isSys, encrypted),
          )
        : policyApi.create(clusterId, createRequest(draft, session.tenant, session.isSys)),
    meta: { errorHandled: true, invalidatesAll: false },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: policyKeys.all(clusterId) });
      onSaved(p);
    },
    onError: (e) => setFromServer(serverErrors(t, e).fields),
  });
  const rest = save.isError && serverErrors(t, save.error).rest;

  const submit = () => {
    setTried(true);
    if (Object.keys(own).length === 0) save.mutate();
  };

  const item = (field: keyof DraftErrors, help?: string) => ({
    validateStatus: shown[field] ? ('error' as const) : undefined,
    help: <FieldHelp id={`policy-${field}-help`} error={shown[field]} help={help} />,
  });

  return (
    <Modal
      open
      title={
        policy ? t('policies.form.editTitle', { name: policy.name }) : t('policies.form.newTitle')
      }
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} onClick={submit}>
          {policy ? t('policies.form.save') : t('policies.form.create')}
        </Button>,
      ]}
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('policies.form.name')} htmlFor="policy-name" {...item('name')}>
          <Input
            id="policy-name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            maxLength={80}
            aria-invalid={shown.name ? true : undefined}
            aria-describedby="policy-name-help"
            translate="no"
          />
        </Form.Item>
        <Form.Item
          label={<span id="policy-scope-label">{t('policies.scope')}</span>}
          {...item('tenants')}
        >
          <PolicyScopeField
            session={session}
            draft={draft}
            set={set}
            tenantNames={tenantNames}
            invalid={!!shown.tenants}
          />
        </Form.Item>

        <Divider style={{ margin: '8px 0 16px' }} />
        <Form.Item {...item('full')}>
          <ScheduleField
            id="policy-full"
            label={t('policies.form.fullSchedule')}
            value={draft.full}
            onChange={(full) => set({ full })}
            error={undefined}
          />
        </Form.Item>
        <Form.Item {...item('incremental')}>
          <Flex vertical gap={8}>
            <Checkbox
              checked={draft.incrementalOn}
              onChange={(e) => set({ incrementalOn: e.target.checked })}
            >
              {t('policies.form.withIncremental')}
            </Checkbox>
            {draft.incrementalOn && (
              <ScheduleField
                id="policy-incremental"
                label={t('policies.form.incrementalSchedule')}
                value={draft.incremental}
                onChange={(incremental) => set({ incremental })}
              />
            )}
          </Flex>
        </Form.Item>
        <Form.Item
          label={t('policies.timeZone')}
          htmlFor="policy-time-zone"
          {...item('timeZone', t('policies.form.timeZoneHelp'))}
        >
          <TimeZoneSelect
            id="policy-time-zone"
            value={draft.timeZone}
            onChange={(timeZone) => set({ timeZone })}
            invalid={!!shown.timeZone}
          />
        </Form.Item>
        <section aria-labelledby="policy-preview-title">
          <Typography.Title level={3} id="policy-preview-title" style={{ fontSize: 15 }}>
            {t('policies.form.preview')}
          </Typography.Title>
          <div aria-live="polite">
            {preview ? (
              <NextRuns runs={preview} timeZone={draft.timeZone} />
            ) : (
              <Typography.Text type="secondary">{t('policies.form.noPreview')}</Typography.Text>
            )}
          </div>
        </section>

        <Divider style={{ margin: '16px 0' }} />
        <Form.Item extra={t('backup.plusArchivelogHelp')}>
          <Checkbox
            checked={draft.plusArchivelog}
            onChange={(e) => set({ plusArchivelog: e.target.checked })}
          >
            {t('backup.plusArchivelog')}
          </Checkbox>
        </Form.Item>
        <Form.Item
          label={t('backup.description')}
          htmlFor="policy-description"
          {...item('description', t('policies.form.descriptionHelp', { max: DESCRIPTION_MAX }))}
        >
          <Input
            id="policy-description"
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
            aria-describedby="policy-description-help"
            aria-invalid={shown.description ? true : undefined}
          />
        </Form.Item>
        <Form.Item
          label={t('policies.catchUp')}
          htmlFor="policy-catch-up"
          {...item('catchUpMinutes', t('policies.form.catchUpHelp'))}
        >
          <InputNumber
            id="policy-catch-up"
            min={0}
            max={1440}
            value={draft.catchUpMinutes}
            onChange={(v) => set({ catchUpMinutes: typeof v === 'number' ? v : NaN })}
            aria-describedby="policy-catchUpMinutes-help"
          />
        </Form.Item>

        <Divider style={{ margin: '16px 0' }} />
        <PolicyPassword
          encrypted={encrypted}
          draft={draft}
          set={set}
          error={shown.password ?? shown.confirm}
        />

        {!policy && (
          <>
            <Divider style={{ margin: '16px 0' }} />
            <Flex align="center" gap={8}>
              <Switch
                id="policy-enabled"
                checked={draft.enabled}
                disabled={!unattended}
                onChange={(enabled) => set({ enabled })}
              />
              <label htmlFor="policy-enabled">{t('policies.form.enabled')}</label>
            </Flex>
            {!unattended && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                title={t('policies.form.pausedWithoutServiceAccount')}
              />
            )}
          </>
        )}
        {rest && (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={save.error} />
          </div>
        )}
      </Form>
    </Modal>
  );
}
