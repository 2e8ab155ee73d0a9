import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PreviewResponse } from '@obconsole/contracts';

export interface ReviewOptions {
  plusArchivelog: boolean;
  encrypted: boolean;
  description?: string;
}

/** Where the sets go: one line per tenant that is backed up (each has its own destination). */
function destinations(preview: PreviewResponse, none: string) {
  const rows = preview.tenants.filter((x) => x.action === 'backup');
  if (rows.length === 0) return '—';
  return (
    <span translate="no" style={{ wordBreak: 'break-all' }}>
      {rows.map((x, i) => (
        <span key={x.tenantName}>
          {i > 0 && <br />}
          {rows.length > 1 ? `${x.tenantName}: ` : ''}
          {x.destination ?? none}
        </span>
      ))}
    </span>
  );
}

/** The plain words above the SQL: what this backup is, for whom, with what. */
export function ReviewSummary({
  preview,
  options,
}: {
  preview: PreviewResponse;
  options: ReviewOptions;
}) {
  const { t } = useTranslation();
  const backedUp = preview.tenants.filter((x) => x.action === 'backup').map((x) => x.tenantName);
  return (
    <section aria-labelledby="review-summary">
      <Typography.Title level={5} id="review-summary" style={{ marginTop: 0 }}>
        {t('ocp.review.summary')}
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'type', label: t('ocp.review.summaryType'), children: t(`type.${preview.type}`) },
          {
            key: 'tenants',
            label: t('ocp.review.summaryTenants'),
            children: backedUp.length > 0 ? backedUp.join(', ') : t('ocp.review.summaryAllTenants'),
          },
          {
            key: 'destination',
            label: t('ocp.review.summaryDestination'),
            children: destinations(preview, t('common.none')),
          },
          {
            key: 'password',
            label: t('ocp.review.summaryPassword'),
            children: options.encrypted
              ? t('ocp.review.summaryPasswordOn')
              : t('ocp.review.summaryPasswordOff'),
          },
          {
            key: 'archivelog',
            label: t('ocp.review.summaryArchivelog'),
            children: options.plusArchivelog ? t('common.yes') : t('common.no'),
          },
          {
            key: 'description',
            label: t('ocp.review.summaryDescription'),
            children: options.description ?? '—',
          },
        ]}
      />
    </section>
  );
}

/**
 * The statement that fixes a refusal, where there is one: what the operator would type at
 * obclient (syntax: docs/oceanbase-facts.md and the shared OceanBase backup reference).
 */
export function fixStatement(
  code: string,
  tenant: string | undefined,
  isSys: boolean,
): string | null {
  const clause = isSys && tenant ? ` TENANT = ${tenant}` : '';
  switch (code) {
    case 'LOG_ARCHIVE_NOT_DOING':
      return `ALTER SYSTEM ARCHIVELOG${clause};`;
    case 'BACKUP_DEST_NOT_SET':
      return `ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///path/to/backup/data'${clause};`;
    default:
      return null;
  }
}
