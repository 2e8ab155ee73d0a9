import { Flex, Tag, Typography } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  MinusCircleOutlined,
  RiseOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PolicyRun, RunOutcome } from '@obconsole/contracts';
import { i18n } from '../../../i18n';

export type JobHref = (tenant: string, jobId: number, tenantId?: number) => string;

// Each outcome has its icon and word as well as its colour: colour alone says nothing to many.
const LOOK: Record<RunOutcome, { color: string; icon: React.ReactNode }> = {
  started: { color: 'success', icon: <CheckCircleOutlined /> },
  promoted: { color: 'processing', icon: <RiseOutlined /> },
  skipped: { color: 'default', icon: <MinusCircleOutlined /> },
  refused: { color: 'error', icon: <StopOutlined /> },
  missed: { color: 'warning', icon: <ClockCircleOutlined /> },
};

export function OutcomeTag({ outcome }: { outcome: RunOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={LOOK[outcome].color} icon={LOOK[outcome].icon}>
      {t(`policies.outcome.${outcome}`)}
    </Tag>
  );
}

/**
 * Why a tenant's backup did not start, in the reader's language by its check's code; a code the
 * web does not know keeps the server's English reason.
 */
function reasonText(code: string | undefined, reason: string | undefined): string {
  const key = `policies.reason.${code ?? ''}`;
  if (code && i18n.exists(key)) return (i18n.t as unknown as (k: string) => string)(key);
  return reason ?? code ?? '';
}

/** A run in one line: how many tenants had each outcome. */
export function RunSummary({ run }: { run: PolicyRun }) {
  const counts = new Map<RunOutcome, number>();
  for (const x of run.tenants) counts.set(x.outcome, (counts.get(x.outcome) ?? 0) + 1);
  return (
    <Flex gap={4} wrap>
      {[...counts].map(([o, n]) => (
        <span key={o}>
          <OutcomeTag outcome={o} />
          {run.tenants.length > 1 && <Typography.Text type="secondary">×{n}</Typography.Text>}
        </span>
      ))}
    </Flex>
  );
}

/** Each tenant's outcome of a run, with its job link or why it did not start. */
export function TenantOutcomes({ run, jobHref }: { run: PolicyRun; jobHref: JobHref }) {
  const { t } = useTranslation();
  if (run.tenants.length === 0)
    return <Typography.Text type="secondary">{t('policies.runs.noTenant')}</Typography.Text>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {run.tenants.map((x) => (
        <li key={x.tenant} style={{ padding: '2px 0' }}>
          <Flex gap={8} align="center" wrap>
            {x.tenant === '*' ? (
              <strong>{t('policies.allTenants')}</strong>
            ) : (
              <strong translate="no">{x.tenant}</strong>
            )}
            <OutcomeTag outcome={x.outcome} />
            {x.jobId !== undefined && (
              <Link to={jobHref(x.tenant, x.jobId, x.tenantId)}>
                {x.outcome === 'skipped'
                  ? t('policies.runs.runningJob', { jobId: x.jobId })
                  : t('policies.runs.job', { jobId: x.jobId })}
              </Link>
            )}
            {x.outcome !== 'started' && (x.reason || x.code) && (
              <Typography.Text type="secondary">{reasonText(x.code, x.reason)}</Typography.Text>
            )}
          </Flex>
        </li>
      ))}
    </ul>
  );
}
