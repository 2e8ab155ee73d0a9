import { useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  RuleKind,
  type AlertRule,
  type Channel,
  type CreateRuleRequest,
} from '@obconsole/contracts';
import { alertApi, alertKeys } from '../api';
import { TYPED, changeOf, fieldOf, initialValues, type Values } from '../rule-values';
import { fieldErrors } from '../field-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { isApiError } from '../../../lib/http';
import { notifySuccess } from '../../../lib/notify';

const count = (t: TFunction, field: string) => [
  { required: true, message: t('alerts.ruleForm.required', { field }) },
  { type: 'integer' as const, min: 1, message: t('alerts.ruleForm.positive') },
];

interface Props {
  clusterId: string;
  /** The rule to edit; none: a new rule. */
  rule?: AlertRule;
  channels: Channel[];
  tenantNames: string[];
  onClose: () => void;
}

export function RuleForm({ clusterId, rule, channels, tenantNames, onClose }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'backup_failed';
  const noSuccessBy = Form.useWatch('noSuccessBy', form) ?? 'days';
  const tenantMode = Form.useWatch('tenantMode', form) ?? 'all';

  const save = useMutation({
    mutationKey: alertKeys.change(clusterId, 'rule'),
    mutationFn: (v: Values) => {
      const change = changeOf(v);
      if (rule) return alertApi.updateRule(clusterId, rule.id, change);
      const body: CreateRuleRequest = { kind: v.kind, ...change };
      return alertApi.createRule(clusterId, body);
    },
    meta: { errorHandled: true, invalidatesAll: false },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: alertKeys.all(clusterId) });
      notifySuccess(t(rule ? 'alerts.rules.saved' : 'alerts.rules.created', { name: saved.name }));
      onClose();
    },
    onError: (e) => {
      const { fields, unplaced: rest } = fieldErrors(t, e, fieldOf(form));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      const isValidation = isApiError(e) && e.code === 'VALIDATION_FAILED';
      setUnplaced(!isValidation || rest.length > 0 || fields.length === 0 ? e : null);
    },
  });

  return (
    <Modal
      open
      title={
        rule
          ? t('alerts.ruleForm.editTitle', { name: rule.name })
          : t('alerts.ruleForm.createTitle')
      }
      okText={rule ? t('alerts.ruleForm.save') : t('alerts.ruleForm.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(rule)}
        onFinish={(v) => {
          setUnplaced(null);
          save.mutate(v);
        }}
      >
        {unplaced !== null && <ErrorAlert error={unplaced} />}
        <Form.Item
          name="name"
          label={t('alerts.ruleForm.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('alerts.ruleForm.required', { field: t('alerts.ruleForm.name') }),
            },
            { max: 64, message: t('alerts.fieldErrors.name') },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('alerts.ruleForm.kind')}
          extra={rule ? t('alerts.ruleForm.kindHelp') : undefined}
        >
          <Select
            disabled={!!rule}
            options={RuleKind.options.map((k) => ({ value: k, label: t(`alerts.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind === 'backup_slow' && (
          <Form.Item
            name="minutes"
            label={t('alerts.ruleForm.minutes')}
            rules={count(t, t('alerts.ruleForm.minutes'))}
          >
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'archive_lag' && (
          <Form.Item
            name="seconds"
            label={t('alerts.ruleForm.seconds')}
            rules={count(t, t('alerts.ruleForm.seconds'))}
          >
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
        {kind === 'no_success' && (
          <>
            <Form.Item name="noSuccessBy" label={t('alerts.ruleForm.noSuccessBy')}>
              <Radio.Group
                options={[
                  { value: 'days', label: t('alerts.ruleForm.byDays') },
                  { value: 'hours', label: t('alerts.ruleForm.byHours') },
                ]}
              />
            </Form.Item>
            {noSuccessBy === 'days' ? (
              <Form.Item
                name="days"
                label={t('alerts.ruleForm.days')}
                rules={count(t, t('alerts.ruleForm.days'))}
              >
                <InputNumber min={1} precision={0} style={{ width: 200 }} />
              </Form.Item>
            ) : (
              <Form.Item
                name="hours"
                label={t('alerts.ruleForm.hours')}
                rules={count(t, t('alerts.ruleForm.hours'))}
              >
                <InputNumber min={1} precision={0} style={{ width: 200 }} />
              </Form.Item>
            )}
          </>
        )}
        {TYPED.has(kind) && (
          <Form.Item name="type" label={t('alerts.ruleForm.type')}>
            <Radio.Group
              options={[
                { value: 'any', label: t('alerts.ruleForm.anyType') },
                { value: 'full', label: t('alerts.backupType.full') },
                { value: 'incremental', label: t('alerts.backupType.incremental') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="tenantMode" label={t('alerts.ruleForm.tenants')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('alerts.rules.allTenants') },
              { value: 'chosen', label: t('alerts.rules.chosenTenants') },
            ]}
          />
        </Form.Item>
        {tenantMode === 'chosen' && (
          <Form.Item
            name="tenantList"
            label={t('alerts.ruleForm.tenantsPick')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('alerts.ruleForm.pickTenant') },
            ]}
          >
            <Select mode="multiple" options={tenantNames.map((n) => ({ value: n, label: n }))} />
          </Form.Item>
        )}
        <Form.Item
          name="channels"
          label={t('alerts.ruleForm.channels')}
          extra={t('alerts.ruleForm.channelsHelp')}
        >
          <Select
            mode="multiple"
            options={channels.map((c) => ({
              value: c.id,
              label: `${c.name} (${t(`alerts.channelKinds.${c.kind}`)})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('alerts.ruleForm.severity')}>
          <Radio.Group
            options={(['critical', 'warning', 'info'] as const).map((s) => ({
              value: s,
              label: t(`alerts.severity.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="remindEveryMinutes"
          label={t('alerts.ruleForm.remind')}
          extra={t('alerts.ruleForm.remindHelp')}
          rules={[{ type: 'integer', min: 1, message: t('alerts.ruleForm.positive') }]}
        >
          <InputNumber min={1} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="mutedUntil"
          label={t('alerts.ruleForm.mutedUntil')}
          extra={t('alerts.ruleForm.mutedUntilHelp')}
        >
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="enabled" label={t('alerts.ruleForm.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
