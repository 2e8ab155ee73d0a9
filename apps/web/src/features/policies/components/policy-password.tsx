import { useState } from 'react';
import { Flex, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EncryptionStep } from '../../../components/encryption-step';
import type { PolicyDraft } from '../form-state';

/**
 * The policy's encryption password, write-only: a new policy sets one as the backup dialog does;
 * a policy that has one keeps, changes or removes it (it is never shown or returned).
 */
export function PolicyPassword({
  encrypted,
  draft,
  set,
  error,
}: {
  encrypted: boolean;
  draft: PolicyDraft;
  set: (patch: Partial<PolicyDraft>) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const [showPassword, setShowPassword] = useState(false);
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('backup.stepEncryption')}
      </Typography.Title>
      {encrypted ? (
        <Flex vertical gap={8}>
          <Typography.Text>{t('policies.form.passwordSet')}</Typography.Text>
          <Radio.Group
            aria-label={t('policies.form.passwordAction')}
            value={draft.passwordAction}
            onChange={(e) =>
              set({ passwordAction: e.target.value as PolicyDraft['passwordAction'] })
            }
            options={(['keep', 'change', 'remove'] as const).map((a) => ({
              value: a,
              label: t(`policies.form.password.${a}`),
            }))}
          />
          {draft.passwordAction === 'change' && (
            <EncryptionStep
              hideToggle
              value={{ ...draft.encryption, encrypt: true }}
              onChange={(p) => set({ encryption: { ...draft.encryption, ...p } })}
              showPassword={showPassword}
              onToggleShow={() => setShowPassword((s) => !s)}
              passwordError={undefined}
              confirmError={undefined}
            />
          )}
        </Flex>
      ) : (
        <EncryptionStep
          value={draft.encryption}
          onChange={(p) => set({ encryption: { ...draft.encryption, ...p } })}
          showPassword={showPassword}
          onToggleShow={() => setShowPassword((s) => !s)}
        />
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </>
  );
}
