import { Flex, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@obconsole/contracts';
import type { PolicyDraft } from '../form-state';

/** Which tenants a policy backs up: sys chooses all or some; a tenant admin its own tenant. */
export function PolicyScopeField({
  session,
  draft,
  set,
  tenantNames,
  invalid,
}: {
  session: SessionInfo;
  draft: PolicyDraft;
  set: (patch: Partial<PolicyDraft>) => void;
  tenantNames: string[];
  invalid: boolean;
}) {
  const { t } = useTranslation();
  return session.isSys ? (
    <Flex vertical gap={8}>
      <Radio.Group
        aria-labelledby="policy-scope-label"
        value={draft.scope}
        onChange={(e) => set({ scope: e.target.value as 'all' | 'selected' })}
        options={[
          { value: 'all', label: t('policies.allTenants') },
          { value: 'selected', label: t('policies.form.chosenTenants') },
        ]}
      />
      {draft.scope === 'selected' && (
        <Select
          mode="multiple"
          aria-label={t('policies.form.tenants')}
          value={draft.tenants}
          onChange={(v: string[]) => set({ tenants: v })}
          options={tenantNames.map((n) => ({ value: n, label: n }))}
          style={{ maxWidth: 480 }}
          status={invalid ? 'error' : undefined}
        />
      )}
    </Flex>
  ) : (
    <Typography.Text>{t('backup.ownTenant', { name: session.tenant })}</Typography.Text>
  );
}
