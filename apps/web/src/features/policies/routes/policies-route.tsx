import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Policy } from '@obconsole/contracts';
import { policyQueries } from '../api';
import { PolicyTable } from '../components/policy-table';
import { PolicyActions } from '../components/policy-actions';
import { PolicyForm } from '../components/policy-form';
import { PolicyTimeline } from '../components/policy-timeline';
import { ServiceAccountHelp } from '../components/service-account-help';
import type { JobHref } from '../components/run-outcomes';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { useClusterContext } from '../../../lib/session';

interface Props {
  /** The cluster has a service account: policies can run (and be enabled). */
  unattended: boolean;
  tenantNames: string[];
  detailHref: (policyId: string) => string;
  jobHref: JobHref;
}

/** Where "last run" links: its one job, or the policy's runs when it has several or none. */
function lastRunHref(p: Policy, jobHref: JobHref, detailHref: (id: string) => string) {
  const jobs = (p.lastRun?.tenants ?? []).filter((x) => x.jobId !== undefined);
  if (jobs.length === 1) return jobHref(jobs[0]!.tenant, jobs[0]!.jobId!, jobs[0]!.tenantId);
  return jobs.length > 1 ? detailHref(p.id) : null;
}

/**
 * A cluster's backup policies: what runs when (in words and on a 7-day timeline), how each last
 * run went, and for accounts that may, the form and the actions. `?name=` (from a history row's
 * "started by") opens that policy.
 */
export function PoliciesRoute({ unattended, tenantNames, detailHref, jobHref }: Props) {
  const { t } = useTranslation();
  const { clusterId, clusterName, session } = useClusterContext();
  const list = useQuery(policyQueries.list(clusterId));
  const timeline = useQuery(policyQueries.timeline(clusterId));
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const byName = search.get('name');
  const named = byName ? list.data?.policies.find((p) => p.name === byName) : undefined;
  useEffect(() => {
    if (named) void navigate(detailHref(named.id), { replace: true });
  }, [named, navigate, detailHref]);

  const canChange = session.canBackup;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={4} style={{ maxWidth: 760 }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {t('policies.heading')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('policies.intro', { cluster: clusterName })}
          </Typography.Text>
        </Flex>
        {canChange && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('policies.new')}
          </Button>
        )}
      </Flex>
      {!unattended && <ServiceAccountHelp clusterId={clusterId} />}
      {!canChange && (
        <Alert
          type="info"
          showIcon
          title={t('policies.readOnly', { user: session.user, tenant: session.tenant })}
        />
      )}
      {byName && list.data && !named && (
        <Alert type="warning" showIcon title={t('policies.unknownName', { name: byName })} />
      )}
      {list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <PolicyTable
          policies={list.data.policies}
          loading={list.isFetching}
          detailHref={(p) => detailHref(p.id)}
          runJobsHref={(p) => lastRunHref(p, jobHref, detailHref)}
          actions={
            canChange
              ? (p) => (
                  <PolicyActions
                    clusterId={clusterId}
                    policy={p}
                    unattended={unattended}
                    onEdit={() => setEditing(p)}
                  />
                )
              : undefined
          }
        />
      )}
      {timeline.isPending ? null : timeline.isError ? (
        <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : (
        <PolicyTimeline timeline={timeline.data} />
      )}
      {editing && (
        <PolicyForm
          clusterId={clusterId}
          session={session}
          tenantNames={tenantNames}
          unattended={unattended}
          policy={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
