import type { ReactNode } from 'react';
import { Descriptions, Drawer, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@obconsole/contracts';
import { OutcomeTag } from './outcome-tag';
import { formatTime } from '../../../lib/format';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/** The SQL as the user saw it: recorded by the BFF with the password already masked. */
function sqlOf(details: Record<string, unknown>): string | undefined {
  const v = details.sql ?? details.statements;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.join('\n');
  return undefined;
}

/** A block of code-like text: focusable, since it can scroll (keyboard users reach all of it). */
function Block({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <pre
      aria-labelledby={labelledBy}
      tabIndex={0}
      style={{
        margin: 0,
        padding: 12,
        background: token.colorFillQuaternary,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        fontSize: 13,
        ...mono,
      }}
    >
      {children}
    </pre>
  );
}

function Hash({ value }: { value: string }) {
  return (
    <Typography.Text code copyable style={{ wordBreak: 'break-all', ...mono }}>
      {value}
    </Typography.Text>
  );
}

export function AuditDetail({
  event,
  clusterName,
  onClose,
}: {
  event: AuditEvent | null;
  clusterName: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const sql = event ? sqlOf(event.details) : undefined;
  const { sql: _shown, statements: _alsoShown, ...rest } = event?.details ?? {};
  const hasRest = Object.keys(rest).length > 0;
  return (
    <Drawer
      open={event !== null}
      onClose={onClose}
      size={640}
      title={event ? t('audit.detail.title', { id: event.id }) : undefined}
      closable={{ 'aria-label': t('common.close') }}
    >
      {event && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 170 } }}
            items={[
              { key: 'time', label: t('audit.time'), children: formatTime(event.time) },
              {
                key: 'cluster',
                label: t('audit.cluster'),
                children: <span translate="no">{clusterName(event.clusterId)}</span>,
              },
              {
                key: 'actor',
                label: t('audit.actor'),
                children: <span translate="no">{event.actor}</span>,
              },
              {
                key: 'action',
                label: t('audit.action'),
                children: t(`audit.actions.${event.action}`),
              },
              {
                key: 'tenants',
                label: t('audit.tenants'),
                children: event.tenants.length ? (
                  <span translate="no">{event.tenants.join(', ')}</span>
                ) : (
                  '—'
                ),
              },
              {
                key: 'outcome',
                label: t('audit.outcome'),
                children: <OutcomeTag outcome={event.outcome} />,
              },
              {
                key: 'errorCode',
                label: t('audit.detail.errorCode'),
                children: event.errorCode ? <code>{event.errorCode}</code> : '—',
              },
              { key: 'id', label: t('audit.detail.id'), children: event.id },
              { key: 'seq', label: t('audit.detail.seq'), children: event.seq },
              {
                key: 'client',
                label: t('audit.detail.clientAddress'),
                children: event.clientAddress ? <code>{event.clientAddress}</code> : '—',
              },
              {
                key: 'ua',
                label: t('audit.detail.userAgent'),
                children: event.userAgent ? (
                  <code style={{ wordBreak: 'break-all' }}>{event.userAgent}</code>
                ) : (
                  '—'
                ),
              },
              {
                key: 'request',
                label: t('audit.detail.requestId'),
                children: event.requestId ? <code>{event.requestId}</code> : '—',
              },
              {
                key: 'prev',
                label: t('audit.detail.prevHash'),
                children: <Hash value={event.prevHash} />,
              },
              { key: 'hash', label: t('audit.detail.hash'), children: <Hash value={event.hash} /> },
            ]}
          />
          {sql !== undefined && (
            <section style={{ marginTop: 16 }}>
              <Typography.Title level={2} id="audit-detail-sql" style={{ fontSize: 15 }}>
                {t('audit.detail.sql')}
              </Typography.Title>
              <Block labelledBy="audit-detail-sql">{sql}</Block>
            </section>
          )}
          <section style={{ marginTop: 16 }}>
            <Typography.Title level={2} id="audit-detail-details" style={{ fontSize: 15 }}>
              {t('audit.detail.details')}
            </Typography.Title>
            {hasRest ? (
              <Block labelledBy="audit-detail-details">{JSON.stringify(rest, null, 2)}</Block>
            ) : (
              <Typography.Text type="secondary">{t('audit.detail.noDetails')}</Typography.Text>
            )}
          </section>
        </>
      )}
    </Drawer>
  );
}
