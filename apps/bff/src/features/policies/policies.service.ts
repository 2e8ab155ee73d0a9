import { randomUUID } from 'node:crypto';
import type {
  BackupType,
  CreatePolicyRequest,
  Policy,
  PolicyRun,
  UpdatePolicyRequest,
} from '@obconsole/contracts';
import type { z } from 'zod';
import type { AccountContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { selectTenants } from '../jobs/directory.sql.js';
import { passwordAad, type PolicyRecord } from './model.js';
import { canRead, notFound, ownTenantOf, requireChange } from './access.js';
import { load, stored, type PolicyAudit, type PolicyDeps } from './policy-deps.js';
import { auditView, schedulesOf, toPolicy, toRun } from './view.js';

type CreateInput = z.output<typeof CreatePolicyRequest>;
type UpdateInput = z.output<typeof UpdatePolicyRequest>;

function invalid(path: string, message: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `Invalid policy: ${path}: ${message}`,
    {
      issues: [{ path, message }],
    },
    { fields: path },
  );
}

/**
 * The scope as stored: names spelt as the cluster spells them, each one a user tenant of this
 * cluster. A tenant session's "all" is its own tenant.
 */
async function resolveScope(
  ctx: AccountContext,
  tenants: 'all' | string[],
): Promise<'all' | string[]> {
  if (!ctx.scope.isSys) return tenants === 'all' ? [ctx.profile.tenant] : tenants;
  if (tenants === 'all') return 'all';
  const known = await selectTenants(ctx.db, ctx.scope);
  return tenants.map((name, i) => {
    const t = known.find((k) => k.name.toLowerCase() === name.toLowerCase());
    if (!t)
      throw invalid(`tenants.${i}`, `tenant "${name}" does not exist in cluster ${ctx.clusterId}`);
    if (t.type !== 'USER')
      throw invalid(
        `tenants.${i}`,
        `"${t.name}" is a ${t.type} tenant; only user tenants are backed up`,
      );
    return t.name;
  });
}

function requireServiceAccount(d: PolicyDeps, what: string): void {
  if (!d.hasServiceAccount)
    throw new AppError(
      'NO_SERVICE_ACCOUNT',
      `Cluster ${d.clusterId} has no service account, so a policy cannot ${what} here: configure serviceAccount for this cluster in CLUSTERS_FILE (or OB_SERVICE_USER with OB_SERVICE_PASSWORD_FILE), then restart the console.`,
      undefined,
      { cluster: d.clusterId },
    );
}

async function withLastRun(d: PolicyDeps, ctx: AccountContext, p: PolicyRecord): Promise<Policy> {
  const last = await stored(() => d.runs.latest(d.clusterId, p.id));
  return toPolicy(p, last, d.now(), ownTenantOf(ctx));
}

export async function listPolicies(d: PolicyDeps, ctx: AccountContext): Promise<Policy[]> {
  const all = await stored(() => d.policies.list(d.clusterId));
  return Promise.all(all.filter((p) => canRead(ctx, p)).map((p) => withLastRun(d, ctx, p)));
}

export async function getPolicy(d: PolicyDeps, ctx: AccountContext, id: string): Promise<Policy> {
  return withLastRun(d, ctx, await load(d, ctx, id));
}

export async function createPolicy(
  d: PolicyDeps,
  ctx: AccountContext,
  input: CreateInput,
  audit: PolicyAudit,
): Promise<Policy> {
  const asked = !ctx.scope.isSys && input.tenants === 'all' ? [ctx.profile.tenant] : input.tenants;
  requireChange(ctx, asked);
  if (input.enabled) requireServiceAccount(d, 'be enabled');
  const tenants = await resolveScope(ctx, asked);
  const now = new Date(d.now()).toISOString();
  const id = randomUUID();
  const p: PolicyRecord = {
    id,
    clusterId: d.clusterId,
    name: input.name,
    tenants,
    full: input.full,
    incremental: input.incremental,
    timeZone: input.timeZone,
    plusArchivelog: input.plusArchivelog,
    description: input.description,
    sealedPassword: input.encryptionPassword
      ? d.box.seal(input.encryptionPassword, passwordAad(id))
      : null,
    enabled: input.enabled,
    catchUpMinutes: input.catchUpMinutes,
    createdAt: now,
    updatedAt: now,
    scheduleSince: now,
  };
  schedulesOfChecked(p);
  await audit.writable();
  await stored(() => d.policies.create(p));
  await audit.record({
    action: 'policy_create',
    outcome: 'success',
    tenants: tenants === 'all' ? [] : tenants,
    details: {
      policyId: id,
      after: auditView(p),
      ...(p.sealedPassword ? { password: 'set' } : {}),
    },
    secrets: input.encryptionPassword ? [input.encryptionPassword] : [],
  });
  d.scheduler?.poke();
  return toPolicy(p, null, d.now(), ownTenantOf(ctx));
}

export async function updatePolicy(
  d: PolicyDeps,
  ctx: AccountContext,
  id: string,
  input: UpdateInput,
  audit: PolicyAudit,
  action: 'policy_update' | 'policy_pause' | 'policy_resume' = 'policy_update',
): Promise<Policy> {
  const before = await load(d, ctx, id);
  requireChange(ctx, before.tenants);
  const tenants =
    input.tenants === undefined ? before.tenants : await resolveScope(ctx, input.tenants);
  requireChange(ctx, tenants);
  const enabled = input.enabled ?? before.enabled;
  if (enabled) requireServiceAccount(d, before.enabled ? 'run' : 'be enabled');
  const now = new Date(d.now()).toISOString();
  const after: PolicyRecord = {
    ...before,
    name: input.name ?? before.name,
    tenants,
    full: input.full ?? before.full,
    incremental: input.incremental === undefined ? before.incremental : input.incremental,
    timeZone: input.timeZone ?? before.timeZone,
    plusArchivelog: input.plusArchivelog ?? before.plusArchivelog,
    description: input.description ?? before.description,
    enabled,
    catchUpMinutes: input.catchUpMinutes ?? before.catchUpMinutes,
    sealedPassword:
      input.encryptionPassword === undefined
        ? before.sealedPassword
        : input.encryptionPassword === null
          ? null
          : d.box.seal(input.encryptionPassword, passwordAad(id)),
    updatedAt: now,
  };
  // A new schedule, or a policy back from a pause, starts from now: the slots before belong to
  // what was, and are neither run nor recorded as missed.
  const rescheduled =
    JSON.stringify(schedulesKey(before)) !== JSON.stringify(schedulesKey(after)) ||
    (!before.enabled && after.enabled);
  if (rescheduled) after.scheduleSince = now;
  // Checked with the zone: a line may be valid and yet never run there.
  schedulesOfChecked(after);
  await audit.writable();
  if (!(await stored(() => d.policies.update(after)))) throw notFound(id);
  const password =
    input.encryptionPassword === undefined
      ? {}
      : { password: input.encryptionPassword === null ? 'removed' : 'changed' };
  await audit.record({
    action,
    outcome: 'success',
    tenants: tenants === 'all' ? [] : tenants,
    details: { policyId: id, before: auditView(before), after: auditView(after), ...password },
    secrets: input.encryptionPassword ? [input.encryptionPassword] : [],
  });
  d.scheduler?.poke();
  return withLastRun(d, ctx, after);
}

function schedulesKey(p: PolicyRecord) {
  return [p.full.cron, p.incremental?.cron ?? null, p.timeZone];
}

function schedulesOfChecked(p: PolicyRecord) {
  try {
    schedulesOf(p);
  } catch (e) {
    throw invalid('full.cron', (e as Error).message);
  }
}

export async function deletePolicy(
  d: PolicyDeps,
  ctx: AccountContext,
  id: string,
  audit: PolicyAudit,
): Promise<void> {
  const before = await load(d, ctx, id);
  requireChange(ctx, before.tenants);
  await audit.writable();
  if (!(await stored(() => d.policies.delete(d.clusterId, id)))) throw notFound(id);
  await audit.record({
    action: 'policy_delete',
    outcome: 'success',
    tenants: before.tenants === 'all' ? [] : before.tenants,
    details: { policyId: id, before: auditView(before) },
  });
  d.scheduler?.poke();
}

/** "Run now": a manual run under the service account, recorded like a scheduled one. */
export async function runPolicyNow(
  d: PolicyDeps,
  ctx: AccountContext,
  id: string,
  type: BackupType,
  audit: PolicyAudit,
): Promise<PolicyRun> {
  const p = await load(d, ctx, id);
  requireChange(ctx, p.tenants);
  requireServiceAccount(d, 'run');
  if (!d.scheduler)
    throw new Error('runPolicyNow: a cluster with a service account has a scheduler');
  await audit.writable();
  const run = await stored(() => d.scheduler!.runNow(p, type));
  if (!run)
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This policy was asked to run at this very moment already; look at its runs.',
    );
  await audit.record({
    action: 'policy_run',
    outcome: run.tenants.some((t) => t.outcome === 'started' || t.outcome === 'promoted')
      ? 'success'
      : 'refused',
    tenants: run.tenants.map((t) => t.tenant).filter((t) => t !== '*'),
    details: {
      policyId: id,
      policy: p.name,
      type,
      runId: run.id,
      jobs: run.tenants.flatMap((t) =>
        t.jobId !== undefined ? [{ tenant: t.tenant, jobId: t.jobId }] : [],
      ),
    },
  });
  return toRun(run, ownTenantOf(ctx));
}
