import type { ReactNode } from 'react';
import { Button, DatePicker, Flex, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BackupType, HistoryStatus } from '@obconsole/contracts';
import type { HistoryFilters as Filters } from '../api';

interface Props {
  filters: Filters;
  tenantNames: string[];
  csvHref: string;
  onChange: (patch: Partial<Filters>) => void;
  onClear: () => void;
  /** A filter before the tenant one (the fleet search's clusters), and whether it is set. */
  leading?: ReactNode;
  leadingActive?: boolean;
}

/** A bound in the URL: UTC to the minute, so a shared link means the same window anywhere. */
function instant(d: Dayjs): string {
  return d.second(0).millisecond(0).toDate().toISOString().replace('.000Z', 'Z');
}

export function HistoryFilters({
  filters,
  tenantNames,
  csvHref,
  onChange,
  onClear,
  leading,
  leadingActive = false,
}: Props) {
  const { t } = useTranslation();
  const tenants =
    filters.tenant && !tenantNames.includes(filters.tenant)
      ? [filters.tenant, ...tenantNames]
      : tenantNames;
  const hasFilter = Boolean(
    leadingActive || filters.tenant || filters.type || filters.status || filters.from || filters.to,
  );
  return (
    <Flex justify="space-between" align="flex-end" gap={12} wrap>
      <Form
        layout="vertical"
        component="div"
        style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}
      >
        {leading}
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
        <Form.Item label={t('ocp.history.range')} style={{ marginBottom: 0 }}>
          {/* One picker, two inputs: each keeps its own name for assistive technology. */}
          <label htmlFor="history-from" className="visually-hidden">
            {t('history.from')}
          </label>
          <label htmlFor="history-to" className="visually-hidden">
            {t('history.to')}
          </label>
          <DatePicker.RangePicker
            id={{ start: 'history-from', end: 'history-to' }}
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            placeholder={[t('ocp.history.rangeStart'), t('ocp.history.rangeEnd')]}
            value={[
              filters.from ? dayjs(filters.from) : null,
              filters.to ? dayjs(filters.to) : null,
            ]}
            // Quick ranges first, as OCP lists them; "custom" is picking dates in the calendar.
            presets={[
              {
                label: t('ocp.history.lastHour'),
                value: () => [dayjs().subtract(1, 'hour'), dayjs()],
              },
              {
                label: t('ocp.history.last24h'),
                value: () => [dayjs().subtract(24, 'hour'), dayjs()],
              },
              {
                label: t('ocp.history.last7d'),
                value: () => [dayjs().subtract(7, 'day'), dayjs()],
              },
              {
                label: t('ocp.history.last30d'),
                value: () => [dayjs().subtract(30, 'day'), dayjs()],
              },
            ]}
            onChange={(range) =>
              onChange({
                from: range?.[0] ? instant(range[0]) : undefined,
                to: range?.[1] ? instant(range[1]) : undefined,
              })
            }
            style={{ width: 340 }}
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
