import { Button, DatePicker, Flex, Form, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BackupType, HistoryStatus } from '@obconsole/contracts';
import type { HistoryFilters as Filters } from '../api';

interface Props {
  filters: Filters;
  tenantNames: string[];
  csvHref: string;
  onChange: (patch: Partial<Filters>) => void;
  onClear: () => void;
}

const DAY = 'YYYY-MM-DD';

export function HistoryFilters({ filters, tenantNames, csvHref, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const tenants =
    filters.tenant && !tenantNames.includes(filters.tenant)
      ? [filters.tenant, ...tenantNames]
      : tenantNames;
  const hasFilter = Boolean(
    filters.tenant || filters.type || filters.status || filters.from || filters.to,
  );
  return (
    <Flex justify="space-between" align="flex-end" gap={12} wrap>
      <Form
        layout="vertical"
        component="div"
        style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}
      >
        <Form.Item label={t('history.tenant')} htmlFor="history-tenant" style={{ marginBottom: 0 }}>
          <Select<string>
            id="history-tenant"
            allowClear
            showSearch
            placeholder={t('history.any')}
            style={{ width: 180 }}
            value={filters.tenant}
            onChange={(v) => onChange({ tenant: v })}
            options={tenants.map((n) => ({ value: n, label: n }))}
          />
        </Form.Item>
        <Form.Item label={t('history.type')} htmlFor="history-type" style={{ marginBottom: 0 }}>
          <Select<BackupType>
            id="history-type"
            allowClear
            placeholder={t('history.any')}
            style={{ width: 140 }}
            value={filters.type}
            onChange={(v) => onChange({ type: v })}
            options={[
              { value: 'full', label: t('type.full') },
              { value: 'incremental', label: t('type.incremental') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('history.status')} htmlFor="history-status" style={{ marginBottom: 0 }}>
          <Select<HistoryStatus>
            id="history-status"
            allowClear
            placeholder={t('history.any')}
            style={{ width: 140 }}
            value={filters.status}
            onChange={(v) => onChange({ status: v })}
            options={[
              { value: 'COMPLETED', label: t('status.COMPLETED') },
              { value: 'FAILED', label: t('status.FAILED') },
              { value: 'CANCELED', label: t('status.CANCELED') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('history.from')} htmlFor="history-from" style={{ marginBottom: 0 }}>
          <DatePicker
            id="history-from"
            format={DAY}
            value={filters.from ? dayjs(filters.from) : null}
            onChange={(d) => onChange({ from: d ? d.format(DAY) : undefined })}
            disabledDate={(d) => Boolean(filters.to && d.isAfter(dayjs(filters.to), 'day'))}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Form.Item label={t('history.to')} htmlFor="history-to" style={{ marginBottom: 0 }}>
          <DatePicker
            id="history-to"
            format={DAY}
            value={filters.to ? dayjs(filters.to) : null}
            onChange={(d) => onChange({ to: d ? d.format(DAY) : undefined })}
            disabledDate={(d) => Boolean(filters.from && d.isBefore(dayjs(filters.from), 'day'))}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Button onClick={onClear} disabled={!hasFilter}>
          {t('history.clear')}
        </Button>
      </Form>
      {/* A real link to the CSV (copyable, same query string), presented as the action it is. */}
      <Button href={csvHref} role="button" download>
        {t('history.exportCsv')}
      </Button>
    </Flex>
  );
}
