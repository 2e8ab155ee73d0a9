import { Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BackupType } from '@obconsole/contracts';
import { DESCRIPTION_MAX, type DescriptionError } from '../../../components/backup-validation';

export type Scope = 'all' | 'selected';

export interface OptionsValue {
  type: BackupType;
  scope: Scope;
  plusArchivelog: boolean;
  description: string;
}

interface Props {
  value: OptionsValue;
  onChange: (patch: Partial<OptionsValue>) => void;
  isSys: boolean;
  ownTenant: string;
  selectedTenants: string[];
  descriptionError?: DescriptionError;
}

export function OptionsStep({
  value,
  onChange,
  isSys,
  ownTenant,
  selectedTenants,
  descriptionError,
}: Props) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={<span id="backup-type-label">{t('backup.type')}</span>}>
        <Radio.Group
          aria-labelledby="backup-type-label"
          value={value.type}
          onChange={(e) => onChange({ type: e.target.value as BackupType })}
        >
          <Space orientation="vertical">
            <Radio value="full">
              {t('backup.full')}
              <Typography.Text type="secondary"> — {t('backup.fullHelp')}</Typography.Text>
            </Radio>
            <Radio value="incremental">
              {t('backup.incremental')}
              <Typography.Text type="secondary"> — {t('backup.incrementalHelp')}</Typography.Text>
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item label={<span id="backup-scope-label">{t('backup.scope')}</span>}>
        {isSys ? (
          <Radio.Group
            aria-labelledby="backup-scope-label"
            value={value.scope}
            onChange={(e) => onChange({ scope: e.target.value as Scope })}
          >
            <Space orientation="vertical">
              <Radio value="all">{t('backup.allTenants')}</Radio>
              <Radio value="selected" disabled={selectedTenants.length === 0}>
                {t('backup.selectedTenants')}
                <Typography.Text type="secondary">
                  {' — '}
                  {selectedTenants.length > 0
                    ? selectedTenants.join(', ')
                    : t('backup.selectedNone')}
                </Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
        ) : (
          <Typography.Text>{t('backup.ownTenant', { name: ownTenant })}</Typography.Text>
        )}
      </Form.Item>
      <Form.Item extra={t('backup.plusArchivelogHelp')}>
        <Checkbox
          checked={value.plusArchivelog}
          onChange={(e) => onChange({ plusArchivelog: e.target.checked })}
        >
          {t('backup.plusArchivelog')}
        </Checkbox>
      </Form.Item>
      <Form.Item
        label={t('backup.description')}
        htmlFor="backup-description"
        validateStatus={descriptionError ? 'error' : undefined}
        help={
          descriptionError ? (
            <span id="backup-description-help" role="alert">
              {t(`backup.${descriptionError}`, { max: DESCRIPTION_MAX })}
            </span>
          ) : (
            <span id="backup-description-help">
              {t('backup.descriptionHelp', { max: DESCRIPTION_MAX })}
            </span>
          )
        }
      >
        <Input
          id="backup-description"
          value={value.description}
          onChange={(e) => onChange({ description: e.target.value })}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby="backup-description-help"
          showCount={{ formatter: ({ count }) => `${count} / ${DESCRIPTION_MAX}` }}
        />
      </Form.Item>
    </Form>
  );
}
