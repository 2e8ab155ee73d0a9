import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AuditAction, AuditActor, AuditOutcome } from '@obconsole/contracts';
import type { AuditFilters as Filters } from '../api';

interface Props {
  filters: Filters;
  /** The clusters the user may read (id and display name). */
  clusters: { id: string; name: string }[];
  tenantNames: string[];
  csvHref: string;
  onChange: (patch: Partial<Filters>) => void;
  onClear: () => void;
}

/** A bound in the URL: UTC to the minute, so a shared link means the same window anywhere. */
function instant(d: Dayjs): string {
  return d.second(0).millisecond(0).toDate().toISOString().replace('.000Z', 'Z');
}

/**
 * Typed, so applied on Enter or when leaving the field, and only when the API would take it.
 * Keyed by the applied value: a change from the URL (clear, back) starts it afresh.
 */
function ActorFilter({ value, onChange }: { value?: string; onChange: (v?: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const trimmed = text.trim();
  const bad = trimmed !== '' && !AuditActor.safeParse(trimmed).success;
  const apply = () => {
    if (!bad && trimmed !== (value ?? '')) onChange(trimmed || undefined);
  };
  return (
    <Form.Item
      label={t('audit.actor')}
      htmlFor="audit-actor"
      validateStatus={bad ? 'error' : undefined}
      help={bad ? t('audit.badActor') : undefined}
      style={{ marginBottom: 0 }}
    >
      <Input
        id="audit-actor"
        allowClear
        placeholder={t('audit.actorPlaceholder')}
        value={text}
        aria-invalid={bad || undefined}
        onChange={(e) => {
          setText(e.target.value);
          // The clear button empties the field: that is a choice, not typing.
          if (e.type !== 'change' && e.target.value === '') onChange(undefined);
        }}
        onPressEnter={apply}
        onBlur={apply}
        style={{ width: 200 }}
      />
    </Form.Item>
  );
}

export function AuditFilters({
  filters,
  clusters,
  tenantNames,
  csvHref,
  onChange,
  onClear,
}: Props) {
  const { t } = useTranslation();
  const tenants =
    filters.tenant && !tenantNames.includes(filters.tenant)
      ? [filters.tenant, ...tenantNames]
      : tenantNames;
  const hasFilter = Object.values(filters).some(Boolean);
  return (
    <Flex justify="space-between" align="flex-end" gap={12} wrap>
      <Form
        layout="vertical"
        component="div"
        style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}
      >
        {clusters.length > 1 && (
          <Form.Item label={t('audit.cluster')} htmlFor="audit-cluster" style={{ marginBottom: 0 }}>
            <Select<string>
              id="audit-cluster"
              allowClear
              placeholder={t('audit.allClusters')}
              value={filters.cluster}
              onChange={(v) => onChange({ cluster: v })}
              options={clusters.map((c) => ({
                value: c.id,
                label: <span translate="no">{c.name}</span>,
              }))}
              style={{ width: 200 }}
            />
          </Form.Item>
        )}
        <ActorFilter
          key={filters.actor ?? ''}
          value={filters.actor}
          onChange={(actor) => onChange({ actor })}
        />
        <Form.Item label={t('audit.action')} htmlFor="audit-action" style={{ marginBottom: 0 }}>
          <Select<AuditAction>
            id="audit-action"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.any')}
            value={filters.action}
            onChange={(v) => onChange({ action: v })}
            options={AuditAction.options.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
            style={{ width: 180 }}
          />
        </Form.Item>
        <Form.Item label={t('audit.tenant')} htmlFor="audit-tenant" style={{ marginBottom: 0 }}>
          <Select<string>
            id="audit-tenant"
            allowClear
            showSearch
            placeholder={t('audit.any')}
            value={filters.tenant}
            onChange={(v) => onChange({ tenant: v })}
            options={tenants.map((n) => ({ value: n, label: n }))}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('audit.outcome')} htmlFor="audit-outcome" style={{ marginBottom: 0 }}>
          <Select<AuditOutcome>
            id="audit-outcome"
            allowClear
            placeholder={t('audit.any')}
            value={filters.outcome}
            onChange={(v) => onChange({ outcome: v })}
            options={AuditOutcome.options.map((o) => ({
              value: o,
              label: t(`audit.outcomes.${o}`),
            }))}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item label={t('audit.range')} style={{ marginBottom: 0 }}>
          {/* One picker, two inputs: each keeps its own name for assistive technology. */}
          <label htmlFor="audit-from" className="visually-hidden">
            {t('audit.from')}
          </label>
          <label htmlFor="audit-to" className="visually-hidden">
            {t('audit.to')}
          </label>
          <DatePicker.RangePicker
            id={{ start: 'audit-from', end: 'audit-to' }}
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            placeholder={[t('audit.rangeStart'), t('audit.rangeEnd')]}
            value={[
              filters.from ? dayjs(filters.from) : null,
              filters.to ? dayjs(filters.to) : null,
            ]}
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
          {t('audit.clear')}
        </Button>
      </Form>
      {/* A real link to the CSV (copyable, same filters), presented as the action it is. */}
      <Button href={csvHref} role="button" download>
        {t('audit.exportCsv')}
      </Button>
    </Flex>
  );
}
