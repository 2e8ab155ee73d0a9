/** A policy as stored: the password only sealed. */
export interface PolicyRecord {
  id: string;
  clusterId: string;
  name: string;
  tenants: 'all' | string[];
  full: { cron: string };
  incremental: { cron: string } | null;
  timeZone: string;
  plusArchivelog: boolean;
  description: string;
  /** The sealed encryption password, or null when the policy's backups are not encrypted. */
  sealedPassword: string | null;
  enabled: boolean;
  catchUpMinutes: number;
  createdAt: string;
  updatedAt: string;
  /** When the schedule last changed: slots before it belong to the old schedule, never run. */
  scheduleSince: string;
}

export type RunOutcomeKind = 'started' | 'skipped' | 'refused' | 'promoted' | 'missed';

export interface TenantOutcome {
  /** The tenant's name; `*` for "all tenants" when the run never read the cluster (missed). */
  tenant: string;
  /** Known once the cluster was read (the alert engine keys incidents by it). */
  tenantId?: number;
  outcome: RunOutcomeKind;
  jobId?: number;
  reason?: string;
  code?: string;
}

export interface RunRecord {
  id: string;
  policyId: string;
  clusterId: string;
  slot: string;
  type: 'full' | 'incremental';
  trigger: 'schedule' | 'manual';
  createdAt: string;
  tenants: TenantOutcome[];
}

export interface PolicyRunRepository {
  /**
   * Records the run of (policy, slot, trigger) if none is recorded: true when this caller got
   * it. The store's unique key makes this the one place where "exactly once" is decided.
   */
  claim(run: Omit<RunRecord, 'tenants'>): Promise<boolean>;
  /** The per-tenant outcomes of a claimed run. */
  complete(runId: string, tenants: TenantOutcome[]): Promise<void>;
  /** The newest scheduled slot recorded for the policy (run or missed), or null. */
  lastScheduledSlot(policyId: string): Promise<string | null>;
  /** The policy's runs claimed before `claimedBefore` (ISO) and never completed: their claimant died. */
  unfinished(policyId: string, claimedBefore: string): Promise<RunRecord[]>;
  /**
   * Completes a run only if nothing completed it meanwhile: true when this caller recorded it
   * (two instances sweeping the same abandoned run record it once).
   */
  completeIfUnfinished(runId: string, tenants: TenantOutcome[]): Promise<boolean>;
}
