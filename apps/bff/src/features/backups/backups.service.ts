import type {
  ActiveJobsResponse,
  CancelRequest,
  CancelResponse,
  CreatedJob,
  PreviewRequest,
  PreviewResponse,
  PreviewTenant,
  StartBackupRequest,
  StartBackupResponse,
} from '@obconsole/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../lib/context.js';
import { toAppError } from '../../lib/db.js';
import type { SingleFlight } from '../../lib/single-flight.js';
import { AppError } from '../../lib/errors.js';
import { loadTenantStates, type TenantState } from '../tenants/tenant-state.js';
import { selectTenants } from '../tenants/tenants.sql.js';
import { hasDataProgress, readActiveJobs, readActiveSnapshot } from './active.js';
import { selectJobsOfClusterJob, selectNewestInitiatedJob } from './backups.sql.js';
import type { IdempotencyStore } from './idempotency.js';
import type { PollerHub } from './poller.js';
import { checkTenant, firstFailure, runningJobOf } from './preconditions.js';
import {
  backupStatement,
  cancelStatement,
  encryptionStatement,
  maskedEncryptionStatement,
} from './statements.js';

type PreviewInput = z.output<typeof PreviewRequest>;
type StartInput = z.output<typeof StartBackupRequest>;
type CancelInput = z.output<typeof CancelRequest>;

export interface BackupDeps {
  hub: PollerHub;
  /** GET /api/backups/active without a poller: one read per account at a time, shared by all who ask meanwhile. */
  activeReads: SingleFlight<ActiveJobsResponse>;
  idempotency: IdempotencyStore<StartBackupResponse>;
  /** How long to wait for the tenant jobs of a sys-initiated backup to appear. */
  readBackTimeoutMs: number;
}

interface Plan {
  preview: PreviewResponse;
  /** null: ALTER SYSTEM BACKUP DATABASE (the session's whole scope). */
  statementTenants: string[] | null;
}

function requireBackupPrivilege(ctx: RequestContext): void {
  if (!ctx.profile.canBackup) {
    throw new AppError(
      'FORBIDDEN',
      'This account has no ALTER SYSTEM privilege, so it can watch backups but not start or cancel them.',
    );
  }
}

/** A tenant session acts on its own tenant only: "all" or its own name. */
function ownTenantOnly(ctx: RequestContext, tenants: 'all' | string[]): void {
  if (tenants === 'all') return;
  const other = tenants.find((t) => t.toLowerCase() !== ctx.profile.tenant.toLowerCase());
  if (other !== undefined) {
    throw new AppError(
      'FORBIDDEN',
      `A session of tenant ${ctx.profile.tenant} can only act on its own tenant, not "${other}".`,
    );
  }
}

function findTenant(states: TenantState[], name: string): TenantState | undefined {
  const lower = name.toLowerCase();
  return states.find((s) => s.name.toLowerCase() === lower);
}

async function namesFor(ctx: RequestContext): Promise<(id: number) => string> {
  if (!ctx.scope.isSys) return () => ctx.profile.tenant;
  const tenants = await selectTenants(ctx.db, ctx.scope);
  const map = new Map(tenants.map((t) => [t.tenantId, t.name]));
  return (id) => map.get(id) ?? String(id);
}

async function buildPlan(
  ctx: RequestContext,
  input: PreviewInput | StartInput,
  encrypted: boolean,
): Promise<Plan> {
  if (!ctx.scope.isSys) ownTenantOnly(ctx, input.tenants);
  const states = await loadTenantStates(ctx.db, ctx.scope);
  const withProgress = await hasDataProgress(ctx.db, ctx.scope, ctx.serverKey);
  const active = await readActiveJobs(
    ctx.db,
    ctx.scope,
    (id) => findById(states, id)?.name ?? String(id),
    withProgress,
  );

  const rows: PreviewTenant[] = [];
  let statementTenants: string[] | null = null;
  const assess = (
    name: string,
    state: TenantState | undefined,
    skippable: boolean,
  ): PreviewTenant => {
    const checks = checkTenant(
      name,
      state,
      input.type,
      state ? runningJobOf(active, state.tenantId, ctx.scope.isSys ? 'SYS' : 'TENANT') : undefined,
    );
    const failed = firstFailure(checks);
    // OceanBase skips ineligible tenants of a cluster-wide backup, but never skips one for want
    // of a full backup: it silently backs that one up in full instead. So that one refuses.
    const action = !failed
      ? 'backup'
      : skippable && failed.code !== 'NO_FULL_BACKUP'
        ? 'skip'
        : 'refuse';
    return {
      tenantId: state?.tenantId ?? null,
      tenantName: state?.name ?? name,
      action,
      checks,
      ...(failed ? { reason: failed } : {}),
    };
  };

  if (!ctx.scope.isSys) {
    const own =
      states.find((s) => s.tenantId === ctx.profile.tenantId) ??
      states.find((s) => s.type === 'USER');
    rows.push(assess(ctx.profile.tenant, own, false));
  } else if (input.tenants === 'all') {
    for (const s of states.filter((t) => t.type === 'USER')) rows.push(assess(s.name, s, true));
  } else {
    for (const name of input.tenants) rows.push(assess(name, findTenant(states, name), false));
    statementTenants = rows.map((r) => r.tenantName);
  }

  const blocking: PreviewResponse['blocking'] = rows
    .filter((r) => r.action === 'refuse' && r.reason)
    .map((r) => ({ code: r.reason!.code, message: r.reason!.message, tenantName: r.tenantName }));
  if (blocking.length === 0 && !rows.some((r) => r.action === 'backup')) {
    blocking.push({
      code: 'NO_ELIGIBLE_TENANT',
      message:
        rows.length === 0
          ? 'There is no user tenant to back up.'
          : "No tenant meets the backup conditions; see each tenant's reason.",
    });
  }
  const statements = [
    ...(encrypted ? [maskedEncryptionStatement()] : []),
    backupStatement({
      type: input.type,
      tenants: statementTenants,
      plusArchivelog: input.plusArchivelog,
      description: input.description,
      mode: ctx.scope.mode,
    }),
  ];
  return {
    preview: {
      type: input.type,
      canStart: blocking.length === 0,
      tenants: rows,
      statements,
      blocking,
    },
    statementTenants,
  };
}

function findById(states: TenantState[], id: number): TenantState | undefined {
  return states.find((s) => s.tenantId === id);
}

/** What would happen, without sending anything with a side effect. */
export async function previewBackup(
  ctx: RequestContext,
  input: PreviewInput,
): Promise<PreviewResponse> {
  requireBackupPrivilege(ctx);
  try {
    return (await buildPlan(ctx, input, input.encrypted)).preview;
  } catch (e) {
    throw toAppError(e);
  }
}

export async function startBackup(
  ctx: RequestContext,
  input: StartInput,
  idempotencyKey: string | undefined,
  deps: BackupDeps,
): Promise<StartBackupResponse> {
  requireBackupPrivilege(ctx);
  const go = () => runBackup(ctx, input, deps);
  if (!idempotencyKey) return go();
  const { encryptionPassword, ...rest } = input;
  const fingerprint = JSON.stringify({ ...rest, encrypted: encryptionPassword !== undefined });
  return deps.idempotency.run(ctx.accountKey, idempotencyKey, fingerprint, go);
}

async function runBackup(
  ctx: RequestContext,
  input: StartInput,
  deps: BackupDeps,
): Promise<StartBackupResponse> {
  const password = input.encryptionPassword;
  const secrets = password ? [password] : [];
  try {
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
      );
    }
    const statement = backupStatement({
      type: input.type,
      tenants: plan.statementTenants,
      plusArchivelog: input.plusArchivelog,
      description: input.description,
      mode: ctx.scope.mode,
    });
    const jobs = await ctx.db.withDedicatedConnection(async (run) => {
      if (password !== undefined)
        await run(
          'set-encryption',
          encryptionStatement(password, ctx.scope.mode),
          maskedEncryptionStatement(),
        );
      await run('backup', statement);
      return readBackJobs(ctx, run, deps.readBackTimeoutMs, preview);
    });
    deps.hub.poke(ctx.accountKey);
    deps.activeReads.clear();
    const skipped = preview.tenants
      .filter((t) => t.action === 'skip' && t.reason)
      .map((t) => ({ tenantName: t.tenantName, code: t.reason!.code, message: t.reason!.message }));
    return { jobs, skipped };
  } catch (e) {
    throw toAppError(e, secrets);
  }
}

async function readBackJobs(
  ctx: RequestContext,
  run: Parameters<Parameters<RequestContext['db']['withDedicatedConnection']>[0]>[0],
  timeoutMs: number,
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
  const deadline = Date.now() + timeoutMs;
  let children = await selectJobsOfClusterJob(run, ctx.scope, newest.jobId);
  while (children.length < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
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

export async function cancelBackup(
  ctx: RequestContext,
  input: CancelInput,
  deps: BackupDeps,
): Promise<CancelResponse> {
  requireBackupPrivilege(ctx);
  try {
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
          );
        if (t.type.toUpperCase() !== 'USER') {
          throw new AppError(
            'NOT_A_USER_TENANT',
            `"${t.name}" is a ${t.type} tenant; only user tenants have backups to cancel.`,
          );
        }
        return t.name;
      });
      ids = targets.map((n) => tenants.find((t) => t.name === n)!.tenantId);
    }
    const names = await namesFor(ctx);
    const withProgress = await hasDataProgress(ctx.db, ctx.scope, ctx.serverKey);
    const before = await readActiveJobs(ctx.db, ctx.scope, names, withProgress);
    await ctx.db.query('cancel-backup', cancelStatement(targets));
    deps.hub.poke(ctx.accountKey);
    deps.activeReads.clear();
    const canceling = before
      .filter((j) => j.level !== 'CLUSTER' && (j.status === 'INIT' || j.status === 'DOING'))
      .filter((j) => ids === null || ids.includes(j.tenantId))
      .map((j) => ({ tenantId: j.tenantId, tenantName: j.tenantName, jobId: j.jobId }));
    return { canceling };
  } catch (e) {
    throw toAppError(e);
  }
}

/** Served from the account's poller when it has a fresh snapshot, so watchers add no load. */
export async function activeBackups(
  ctx: RequestContext,
  deps: BackupDeps,
  maxAgeMs: number,
): Promise<ActiveJobsResponse> {
  const fresh = deps.hub.get(ctx.accountKey)?.freshSnapshot(maxAgeMs);
  if (fresh) return fresh;
  try {
    return await deps.activeReads.get(ctx.accountKey, async () => {
      const names = await namesFor(ctx);
      const withProgress = await hasDataProgress(ctx.db, ctx.scope, ctx.serverKey);
      return readActiveSnapshot(ctx.db, ctx.scope, names, withProgress);
    });
  } catch (e) {
    throw toAppError(e);
  }
}
