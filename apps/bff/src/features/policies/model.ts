import type { BackupType, RunOutcome } from '@obconsole/contracts';

/** A policy as stored: the password only sealed (see the store's SecretBox). */
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

export interface TenantOutcome {
  tenant: string;
  outcome: RunOutcome;
  jobId?: number;
  reason?: string;
  code?: string;
}

export interface RunRecord {
  id: string;
  policyId: string;
  clusterId: string;
  slot: string;
  type: BackupType;
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
}

/** One tenant's readiness for a backup, as the manual start's preconditions judge it. */
export interface TenantReadiness {
  tenant: string;
  tenantId: number;
  /** A job of this tenant is running: the policy skips it. */
  runningJobId: number | null;
  /** The first failed precondition other than "already running", or null. */
  refusal: { code: string; reason: string } | null;
  /** A completed full backup exists (else an incremental is promoted to full). */
  hasFull: boolean;
}

/** What a policy run needs from the backup feature, under the cluster's service account. */
export interface BackupPort {
  readiness(tenants: 'all' | string[]): Promise<TenantReadiness[]>;
  start(
    tenants: string[],
    type: BackupType,
    o: { plusArchivelog: boolean; description: string; encryptionPassword: string | null },
  ): Promise<{ tenant: string; jobId: number }[]>;
}
