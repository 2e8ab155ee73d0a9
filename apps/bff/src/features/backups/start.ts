import type {
  CreatedJob,
  PreviewResponse,
  StartBackupRequest,
  StartBackupResponse,
} from '@obconsole/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { selectJobsOfClusterJob, selectNewestInitiatedJob } from '../jobs/active.sql.js';
import type { BackupDeps } from './backups.service.js';
import { buildPlan, requireBackupPrivilege } from './plan.js';
import { backupStatement, encryptionStatement, maskedEncryptionStatement } from './statements.js';

type StartInput = z.output<typeof StartBackupRequest>;

export async function startBackup(
  ctx: RequestContext,
  input: StartInput,
  idempotencyKey: string | undefined,
  deps: BackupDeps,
  /** Told when this call really ran the start (not when a repeated key answered from memory). */
  ran?: () => void,
): Promise<StartBackupResponse> {
  requireBackupPrivilege(ctx);
  // One start at a time per server: two at once would both pass the "no backup running" check.
  const go = () =>
    deps.startLock.run(ctx.serverKey, async () => {
      const started = await runBackup(ctx, input, deps);
      ran?.();
      return started;
    });
  if (!idempotencyKey) return go();
  // The whole request, password included, as a keyed hash: a retry with a corrected password
  // is a different request, and the password itself is never kept.
  const fingerprint = deps.idempotency.fingerprint(input);
  return deps.idempotency.run(ctx.accountKey, idempotencyKey, fingerprint, go);
}

async function runBackup(
  ctx: RequestContext,
  input: StartInput,
  deps: BackupDeps,
): Promise<StartBackupResponse> {
  const password = input.encryptionPassword;
  const plan = await buildPlan(ctx, input, password !== undefined);
  const { preview } = plan;
  if (!preview.canStart) {
    const first = preview.blocking[0]!;
    throw new AppError(
      first.code,
      first.tenantName ? `${first.tenantName}: ${first.message}` : first.message,
      {
        tenants: preview.tenants,
      },
      { ...first.params, ...(first.tenantName ? { tenant: first.tenantName } : {}) },
    );
  }
  const jobs = await ctx.db.withDedicatedConnection(async (run, session) => {
    // Written for this connection's sql_mode, learned on connect.
    const { backslashEscapes } = session;
    if (password !== undefined)
      await run(
        'set-encryption',
        encryptionStatement(password, ctx.scope.mode, backslashEscapes),
        maskedEncryptionStatement(),
      );
    const statement = backupStatement({
      type: input.type,
      tenants: plan.statementTenants,
      plusArchivelog: input.plusArchivelog,
      description: input.description,
      mode: ctx.scope.mode,
      backslashEscapes,
    });
    await run('backup', statement);
    return readBackJobs(ctx, run, deps, preview);
  });
  deps.hub.poke(ctx.accountKey);
  deps.jobsChanged?.();
  deps.reads.clear();
  const skipped = preview.tenants
    .filter((t) => t.action === 'skip' && t.reason)
    .map((t) => ({
      tenantName: t.tenantName,
      code: t.reason!.code,
      message: t.reason!.message,
      ...(t.reason!.params ? { params: t.reason!.params } : {}),
    }));
  return { jobs, skipped, statements: preview.statements };
}

async function readBackJobs(
  ctx: RequestContext,
  run: Parameters<Parameters<RequestContext['db']['withDedicatedConnection']>[0]>[0],
  deps: Pick<BackupDeps, 'readBackTimeoutMs' | 'clock'>,
  preview: PreviewResponse,
): Promise<CreatedJob[]> {
  const newest = await selectNewestInitiatedJob(run, ctx.scope);
  if (!newest) return [];
  const nameOf = (id: number) =>
    preview.tenants.find((t) => t.tenantId === id)?.tenantName ?? String(id);
  if (!ctx.scope.isSys) {
    return [
      {
        tenantId: ctx.profile.tenantId,
        tenantName: ctx.profile.tenant,
        jobId: newest.jobId,
        level: 'USER_TENANT',
      },
    ];
  }
  const expected = preview.tenants.filter((t) => t.action === 'backup').length;
  // OceanBase creates the tenant jobs of a sys-initiated backup asynchronously.
  const { clock } = deps;
  const deadline = clock.now() + deps.readBackTimeoutMs;
  let children = await selectJobsOfClusterJob(run, ctx.scope, newest.jobId);
  while (children.length < expected && clock.now() < deadline) {
    await clock.sleep(200);
    children = await selectJobsOfClusterJob(run, ctx.scope, newest.jobId);
  }
  return [
    { tenantId: 1, tenantName: 'sys', jobId: newest.jobId, level: 'CLUSTER' },
    ...children.map((c) => ({
      tenantId: c.tenantId,
      tenantName: nameOf(c.tenantId),
      jobId: c.jobId,
      level: 'USER_TENANT' as const,
    })),
  ];
}
