import type { BackupType } from '@obconsole/contracts';

export type { PolicyRecord, PolicyRunRepository, RunRecord, TenantOutcome } from '@obconsole/store';

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
  ): Promise<{ tenant: string; tenantId?: number; jobId: number }[]>;
}

/** Where a policy's sealed password belongs: a sealed value cannot be moved to another policy. */
export const passwordAad = (policyId: string): string => `policy:${policyId}:encryptionPassword`;
