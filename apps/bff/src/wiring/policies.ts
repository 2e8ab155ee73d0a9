import { PolicyRepository, PolicyRunStore, type SecretBox, type Store } from '@obconsole/store';
import type { AccountContext } from '../lib/context.js';
import type { AuditRecorder } from '../lib/audit.js';
import type { Logger } from '../lib/logger.js';
import type { BackupDeps } from '../features/backups/backups.service.js';
import { PolicyRunEvents } from '../features/policies/run-events.js';
import { PolicyScheduler } from '../features/policies/scheduler.js';
import type { PolicyDeps } from '../features/policies/policy-deps.js';
import { passwordAad } from '../features/policies/model.js';
import { serviceBackupPort } from './policies-backups.js';

/** One cluster's policies at run time: the service's dependencies, the scheduler, the run events. */
export interface ClusterPolicies {
  deps: PolicyDeps;
  /** Null without a service account: nothing can run. */
  scheduler: PolicyScheduler | null;
  runs: PolicyRunEvents;
}

export function clusterPolicies(o: {
  clusterId: string;
  store: Store;
  box: SecretBox;
  now: () => number;
  log: Logger;
  audit: AuditRecorder;
  hasServiceAccount: boolean;
  serviceContext: () => Promise<AccountContext | null>;
  backups: BackupDeps;
}): ClusterPolicies {
  const policies = new PolicyRepository(o.store);
  const runStore = new PolicyRunStore(o.store);
  const runs = new PolicyRunEvents((err) => o.log.error({ err }, 'policy run listener failed'));
  const scheduler = o.hasServiceAccount
    ? new PolicyScheduler({
        clusterId: o.clusterId,
        enabledPolicies: () => policies.enabled(o.clusterId),
        runs: runStore,
        backups: serviceBackupPort(o.serviceContext, o.backups, o.clusterId),
        unseal: (sealed, policyId) => o.box.open(sealed, passwordAad(policyId)),
        now: o.now,
        log: o.log,
        onRun: (run, policy) => {
          const jobs = run.tenants.flatMap((t) =>
            t.jobId !== undefined
              ? [{ tenant: t.tenant, jobId: t.jobId, level: 'USER_TENANT' }]
              : [],
          );
          // What the policy started is on the audit trail under its own name, as a person's is.
          if (run.trigger === 'schedule' && jobs.length > 0)
            o.audit.recordQuietly(
              {
                clusterId: o.clusterId,
                actor: `policy:${policy.name}`,
                clientAddress: null,
                userAgent: null,
                requestId: null,
              },
              {
                action: 'backup_start',
                outcome: 'success',
                tenants: jobs.map((j) => j.tenant),
                details: { policyId: policy.id, slot: run.slot, type: run.type, jobs },
              },
            );
          runs.emit({
            clusterId: o.clusterId,
            policy: { id: policy.id, name: policy.name, tenants: policy.tenants },
            run,
          });
        },
      })
    : null;
  return {
    deps: {
      clusterId: o.clusterId,
      policies,
      runs: runStore,
      box: o.box,
      now: o.now,
      hasServiceAccount: o.hasServiceAccount,
      scheduler,
    },
    scheduler,
    runs,
  };
}
