import type {
  ActiveJobsResponse,
  CancelRequest,
  CancelResponse,
  PreviewRequest,
  PreviewResponse,
  StartBackupResponse,
} from '@obconsole/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../lib/context.js';
import type { AccountReads } from '../../lib/account-reads.js';
import { AppError } from '../../lib/errors.js';
import type { KeyedLock } from '../../lib/keyed-lock.js';
import type { Clock } from '../../lib/clock.js';
import { selectTenants } from '../jobs/directory.sql.js';
import { accountTenants } from '../jobs/directory.js';
import { hasDataProgress, readActiveJobs, readActiveSnapshot } from '../jobs/active.js';
import { selectActiveJobs } from '../jobs/active.sql.js';
import type { IdempotencyKeys } from '../../seams/idempotency-keys.js';
import type { PollerHub } from './poller-hub.js';
import { buildPlan, namesFor, ownTenantOnly, requireBackupPrivilege } from './plan.js';
import { cancelStatement } from './statements.js';

type PreviewInput = z.output<typeof PreviewRequest>;
type CancelInput = z.output<typeof CancelRequest>;

export interface BackupDeps {
  hub: PollerHub;
  /**
   * The cluster's shared reads (GET active without a poller, tenants, history pages): one read per
   * account and question at a time. A start or cancel clears it, so what it changed shows.
   */
  reads: AccountReads;
  idempotency: IdempotencyKeys<StartBackupResponse>;
  /** How long to wait for the tenant jobs of a sys-initiated backup to appear. */
  readBackTimeoutMs: number;
  /** Starts on one server run one at a time: a second sees the first's job and is refused. */
  startLock: KeyedLock;
  /** The commands' clock (the read-back deadline and its waits): tests and schedulers inject theirs. */
  clock: Clock;
  /**
   * Every open progress page of the cluster reads now, on every instance: a start or cancel by
   * one person (or by a policy, under the service account) shows to all at once, not at their
   * idle interval. Unset in tests of one account.
   */
  jobsChanged?: () => void;
}

export async function previewBackup(
  ctx: RequestContext,
  input: PreviewInput,
): Promise<PreviewResponse> {
  requireBackupPrivilege(ctx);
  return (await buildPlan(ctx, input, input.encrypted)).preview;
}

export async function cancelBackup(
  ctx: RequestContext,
  input: CancelInput,
  deps: BackupDeps,
): Promise<CancelResponse> {
  requireBackupPrivilege(ctx);
  let targets: string[] | null = null;
  let ids: number[] | null = null;
  if (!ctx.scope.isSys) {
    ownTenantOnly(ctx, input.tenants);
  } else if (input.tenants !== 'all') {
    const tenants = await selectTenants(ctx.db, ctx.scope);
    targets = input.tenants.map((name) => {
      const t = tenants.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t)
        throw new AppError(
          'TENANT_NOT_FOUND',
          `Tenant "${name}" does not exist, or this account cannot see it.`,
          undefined,
          { tenant: name },
        );
      if (t.type.toUpperCase() !== 'USER') {
        throw new AppError(
          'NOT_A_USER_TENANT',
          `"${t.name}" is a ${t.type} tenant; only user tenants have backups to cancel.`,
          undefined,
          { variant: 'cancel', tenant: t.name, type: t.type },
        );
      }
      return t.name;
    });
    ids = targets.map((n) => tenants.find((t) => t.name === n)!.tenantId);
  }
  const names = await namesFor(ctx);
  const withProgress = await hasDataProgress(ctx);
  const before = await readActiveJobs(ctx.db, ctx.scope, names, withProgress);
  await ctx.db.query('cancel-backup', cancelStatement(targets));
  deps.hub.poke(ctx.accountKey);
  deps.jobsChanged?.();
  deps.reads.clear();
  const canceling = before
    .filter((j) => j.level !== 'CLUSTER' && (j.status === 'INIT' || j.status === 'DOING'))
    .filter((j) => ids === null || ids.includes(j.tenantId))
    .map((j) => ({ tenantId: j.tenantId, tenantName: j.tenantName, jobId: j.jobId }));
  return { canceling };
}

/** Served from the account's poller when it has a fresh snapshot, so watchers add no load. */
export async function activeBackups(
  ctx: RequestContext,
  deps: BackupDeps,
  maxAgeMs: number,
): Promise<ActiveJobsResponse> {
  const fresh = deps.hub.get(ctx.accountKey)?.freshSnapshot(maxAgeMs);
  if (fresh) return fresh;
  return await deps.reads.read(ctx.accountKey, 'active', async () => {
    // The running jobs do not depend on the tenant list: the two are read side by side.
    const [{ userTenants, names }, withProgress, rows] = await Promise.all([
      accountTenants(ctx),
      hasDataProgress(ctx),
      selectActiveJobs(ctx.db, ctx.scope),
    ]);
    return readActiveSnapshot(ctx, userTenants, names, withProgress, rows);
  });
}
