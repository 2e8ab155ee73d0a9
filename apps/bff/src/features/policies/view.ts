import {
  checkedCron,
  nextSlots,
  type Policy,
  type PolicyRun,
  type Schedules,
} from '@obconsole/contracts';
import type { PolicyRecord, RunRecord } from './model.js';

export function schedulesOf(p: Pick<PolicyRecord, 'full' | 'incremental' | 'timeZone'>): Schedules {
  return {
    full: checkedCron(p.full.cron, p.timeZone),
    incremental: p.incremental ? checkedCron(p.incremental.cron, p.timeZone) : null,
    timeZone: p.timeZone,
  };
}

/** A run as the API shows it; a tenant session sees its own tenant's outcomes only. */
export function toRun(r: RunRecord, ownTenant?: string): PolicyRun {
  const tenants = ownTenant
    ? r.tenants.filter((t) => t.tenant.toLowerCase() === ownTenant.toLowerCase())
    : r.tenants;
  return {
    id: r.id,
    policyId: r.policyId,
    slot: r.slot,
    type: r.type,
    trigger: r.trigger,
    createdAt: r.createdAt,
    tenants: tenants.map((t) => ({
      tenant: t.tenant,
      ...(t.tenantId !== undefined ? { tenantId: t.tenantId } : {}),
      outcome: t.outcome,
      ...(t.jobId !== undefined ? { jobId: t.jobId } : {}),
      ...(t.reason !== undefined ? { reason: t.reason } : {}),
      ...(t.code !== undefined ? { code: t.code } : {}),
    })),
  };
}

/** The policy as the API shows it: never the password, only whether one is set. */
export function toPolicy(
  p: PolicyRecord,
  lastRun: RunRecord | null,
  nowMs: number,
  ownTenant?: string,
): Policy {
  return {
    id: p.id,
    clusterId: p.clusterId,
    ...settingsOf(p),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    // A paused policy runs nothing, so it plans nothing.
    nextRuns: p.enabled ? nextSlots(schedulesOf(p), nowMs, 10) : [],
    lastRun: lastRun ? toRun(lastRun, ownTenant) : null,
  };
}

/** What an audit event shows of a policy: every setting, the password only as set or not. */
export function auditView(p: PolicyRecord): Record<string, unknown> {
  return settingsOf(p);
}

/** A policy's settings, as the API and the audit trail show them: the password only as set. */
function settingsOf(p: PolicyRecord) {
  return {
    name: p.name,
    tenants: p.tenants,
    full: p.full,
    incremental: p.incremental,
    timeZone: p.timeZone,
    plusArchivelog: p.plusArchivelog,
    description: p.description,
    encrypted: p.sealedPassword !== null,
    enabled: p.enabled,
    catchUpMinutes: p.catchUpMinutes,
  };
}
