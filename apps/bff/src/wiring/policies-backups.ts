import type { AccountContext } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import type { BackupDeps } from '../features/backups/backups.service.js';
import { buildPlan } from '../features/backups/plan.js';
import { startBackup } from '../features/backups/start.js';
import type { BackupPort, TenantReadiness } from '../features/policies/model.js';

/** Checks that decide what the runner does itself, not a refusal. */
const NOT_REFUSALS = new Set(['BACKUP_IN_PROGRESS', 'NO_FULL_BACKUP']);

/**
 * A policy's way to the cluster: the manual start's own preview and start, under the cluster's
 * service account. Readiness is the preview of an incremental backup (whose checks are a full
 * one's plus "a full exists"), so a policy judges a tenant exactly as the backup dialog does.
 */
export function serviceBackupPort(
  context: () => Promise<AccountContext | null>,
  deps: BackupDeps,
  clusterId: string,
): BackupPort {
  const ctxOf = async () => {
    const ctx = await context();
    if (!ctx)
      throw new AppError(
        'NO_SERVICE_ACCOUNT',
        `Cluster ${clusterId} has no service account, so its policies cannot run.`,
        undefined,
        { cluster: clusterId },
      );
    return ctx;
  };
  return {
    async readiness(tenants) {
      const ctx = await ctxOf();
      const { preview } = await buildPlan(
        ctx,
        { type: 'incremental', tenants, plusArchivelog: false },
        false,
      );
      return preview.tenants.map((t): TenantReadiness => {
        const failed = t.checks.filter((c) => !c.ok);
        const running = failed.find((c) => c.code === 'BACKUP_IN_PROGRESS');
        const refusal = failed.find((c) => !NOT_REFUSALS.has(c.code));
        return {
          tenant: t.tenantName,
          tenantId: t.tenantId ?? 0,
          runningJobId: running ? Number(running.params?.jobId ?? 0) : null,
          refusal: refusal ? { code: refusal.code, reason: refusal.message } : null,
          hasFull: !failed.some((c) => c.code === 'NO_FULL_BACKUP'),
        };
      });
    },
    async start(tenants, type, o) {
      const ctx = await ctxOf();
      // No idempotency key: the store's claim of the slot already makes the start happen once.
      const res = await startBackup(
        ctx,
        {
          type,
          tenants,
          plusArchivelog: o.plusArchivelog,
          description: o.description,
          ...(o.encryptionPassword !== null ? { encryptionPassword: o.encryptionPassword } : {}),
        },
        undefined,
        deps,
      );
      return res.jobs
        .filter((j) => j.level === 'USER_TENANT')
        .map((j) => ({ tenant: j.tenantName, tenantId: j.tenantId, jobId: j.jobId }));
    },
  };
}
