import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  ChannelKind,
  type Channel,
  type CreateChannelRequest,
  type UpdateChannelRequest,
} from '@obconsole/contracts';
import { alertApi, alertKeys } from '../api';
import { CodeText } from './code-text';
import { fieldErrors } from '../field-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { isApiError } from '../../../lib/http';
import { notifySuccess } from '../../../lib/notify';

type Kind = Channel['kind'];

interface Values {
  kind: Kind;
  name: string;
  language: Channel['language'];
  url?: string;
  secret?: string;
  to?: string[];
}

/** The kinds whose receiver verifies a signature made with a secret. */
const SIGNED = new Set<Kind>(['webhook', 'dingtalk', 'feishu']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function urlRules(t: TFunction, kind: Kind, required: boolean) {
  return [
    { required, message: t('alerts.channelForm.required', { field: t('alerts.channelForm.url') }) },
    {
      validator: (_: unknown, v: string | undefined) => {
        if (!v) return Promise.resolve();
        let u: URL;
        try {
          u = new URL(v);
        } catch {
          return Promise.reject(new Error(t('alerts.channelForm.badUrl')));
        }
        if (u.protocol !== 'https:' && u.protocol !== 'http:')
          return Promise.reject(new Error(t('alerts.channelForm.badUrl')));
        if (kind === 'dingtalk' && !u.searchParams.get('access_token'))
          return Promise.reject(new Error(t('alerts.channelForm.dingtalkToken')));
        if (kind === 'wecom' && !u.searchParams.get('key'))
          return Promise.reject(new Error(t('alerts.channelForm.wecomKey')));
        return Promise.resolve();
      },
    },
  ];
}

function fieldOf(secretShown: boolean) {
  return (path: string): string[] | undefined => {
    const head = path.split('.')[0] ?? '';
    if (['kind', 'name', 'language', 'url', 'to'].includes(head)) return [head];
    // A secret that is kept shows no input; its error then belongs to the form.
    if (head === 'secret') return secretShown ? ['secret'] : undefined;
    return undefined;
  };
}

interface Props {
  clusterId: string;
  /** The channel to edit; none: a new channel. */
  channel?: Channel;
  onClose: () => void;
}

/**
 * One form for every kind, showing the fields that kind reads. URL and secret are write-only:
 * editing shows the masked URL and whether a secret is set; empty keeps, a value replaces, and
 * "remove" sends null.
 */
export function ChannelForm({ clusterId, channel, onClose }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<unknown>(null);
  const [secretMode, setSecretMode] = useState<'keep' | 'change' | 'remove'>(
    channel?.hasSecret ? 'keep' : 'change',
  );
  const kind: Kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'webhook';

  const save = useMutation({
    mutationKey: alertKeys.change(clusterId, 'channel'),
    mutationFn: (v: Values) => {
      const email = v.kind === 'email';
      const secret = SIGNED.has(v.kind) && v.secret ? v.secret : undefined;
      if (!channel) {
        const body: CreateChannelRequest = {
          kind: v.kind,
          name: v.name,
          language: v.language,
          ...(email ? { to: v.to ?? [] } : { url: v.url }),
          ...(secret ? { secret } : {}),
        };
        return alertApi.createChannel(clusterId, body);
      }
      const change: UpdateChannelRequest = { name: v.name, language: v.language };
      if (email) change.to = v.to ?? [];
      else if (v.url) change.url = v.url;
      if (secretMode === 'remove') change.secret = null;
      else if (secret) change.secret = secret;
      return alertApi.updateChannel(clusterId, channel.id, change);
    },
    meta: { errorHandled: true, invalidatesAll: false },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: alertKeys.all(clusterId) });
      notifySuccess(
        t(channel ? 'alerts.channels.saved' : 'alerts.channels.created', { name: saved.name }),
      );
      onClose();
    },
    onError: (e) => {
      const { fields, unplaced } = fieldErrors(t, e, fieldOf(secretMode === 'change'));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      const isValidation = isApiError(e) && e.code === 'VALIDATION_FAILED';
      setProblem(fields.length === 0 || unplaced.length > 0 || !isValidation ? e : null);
    },
  });

  const signed = SIGNED.has(kind);
  const secretKind = kind as 'webhook' | 'dingtalk' | 'feishu';
  const urlKind = kind as Exclude<Kind, 'email'>;
  return (
    <Modal
      open
      title={
        channel
          ? t('alerts.channelForm.editTitle', { name: channel.name })
          : t('alerts.channelForm.createTitle')
      }
      okText={channel ? t('alerts.channelForm.save') : t('alerts.channelForm.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: channel?.kind ?? 'webhook',
          name: channel?.name ?? '',
          language: channel?.language ?? 'en',
          to: channel?.to ?? [],
        }}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        {problem !== null && <ErrorAlert error={problem} />}
        <Form.Item
          name="kind"
          label={t('alerts.channelForm.kind')}
          extra={channel ? t('alerts.channelForm.kindHelp') : undefined}
        >
          <Select
            disabled={!!channel}
            options={ChannelKind.options.map((k) => ({
              value: k,
              label: t(`alerts.channelKinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('alerts.channelForm.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('alerts.channelForm.required', { field: t('alerts.channelForm.name') }),
            },
            { max: 64, message: t('alerts.fieldErrors.name') },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        {kind === 'email' ? (
          <Form.Item
            name="to"
            label={t('alerts.channelForm.to')}
            extra={t('alerts.channelForm.toHelp')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('alerts.channelForm.required', { field: t('alerts.channelForm.to') }),
              },
              {
                validator: (_: unknown, v: string[] | undefined) => {
                  const bad = (v ?? []).find((a) => !EMAIL.test(a));
                  return bad
                    ? Promise.reject(new Error(t('alerts.channelForm.badEmail', { address: bad })))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', ' ', ';']}
              placeholder={t('alerts.channelForm.toPlaceholder')}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="url"
            label={t('alerts.channelForm.url')}
            extra={
              channel?.url ? (
                t('alerts.channelForm.urlKeep', { url: channel.url })
              ) : (
                <CodeText text={t(`alerts.channelForm.urlHelp.${urlKind}`)} />
              )
            }
            rules={urlRules(t, kind, !channel)}
          >
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        {signed && secretMode === 'keep' && (
          <Form.Item label={t(`alerts.channelForm.secret.${secretKind}`)}>
            <Flex gap={8} align="center" wrap>
              <span>{t('alerts.channelForm.secretSet')}</span>
              <Button size="small" onClick={() => setSecretMode('change')}>
                {t('alerts.channelForm.secretChange')}
              </Button>
              <Button size="small" danger onClick={() => setSecretMode('remove')}>
                {t('alerts.channelForm.secretRemove')}
              </Button>
            </Flex>
          </Form.Item>
        )}
        {signed && secretMode === 'remove' && (
          <Form.Item label={t(`alerts.channelForm.secret.${secretKind}`)}>
            <Alert
              type="warning"
              showIcon
              title={t('alerts.channelForm.secretWillRemove')}
              action={
                <Button size="small" onClick={() => setSecretMode('keep')}>
                  {t('alerts.channelForm.secretUndo')}
                </Button>
              }
            />
          </Form.Item>
        )}
        {signed && secretMode === 'change' && (
          <Form.Item
            name="secret"
            label={
              channel?.hasSecret
                ? t('alerts.channelForm.secretNew')
                : t(`alerts.channelForm.secret.${secretKind}`)
            }
            extra={<CodeText text={t(`alerts.channelForm.secretHelp.${secretKind}`)} />}
            rules={[{ max: 512, message: t('alerts.fieldErrors.secret') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="language" label={t('alerts.channelForm.language')}>
          <Select
            options={(['en', 'zh-CN'] as const).map((l) => ({
              value: l,
              label: t(`alerts.languages.${l}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
