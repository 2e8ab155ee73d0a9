import { z } from 'zod';
import { BackupType, IsoTimestamp, TenantName } from './common.js';
import { Description, EncryptionPassword, TenantScope } from './backups.js';
import { CronError, checkedCron, isTimeZone } from './schedule/index.js';

/**
 * Backup policies: full and incremental backups on a schedule, run by the console under the
 * cluster's service account. The schedule code is shared with the web, so the form previews
 * exactly the slots the server will run.
 */

export const TimeZoneName = z
  .string()
  .max(64)
  .refine(isTimeZone, 'unknown time zone: use an IANA name such as Asia/Shanghai or UTC');

/** A 5-field cron line; the error names the field to fix. */
export const CronLine = z
  .string()
  .max(200, 'a schedule is at most 200 characters')
  .superRefine((v, ctx) => {
    try {
      checkedCron(v, 'UTC');
    } catch (e) {
      if (!(e instanceof CronError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message, params: { field: e.field } });
    }
  });

export const PolicyName = z
  .string()
  .trim()
  .min(1, 'give the policy a name')
  .max(64, 'a policy name is at most 64 characters')
  // No spaces: jobs carry DESCRIPTION `policy:<name> <text>`, read back up to the first space.
  .refine(
    (n) => n === '' || /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u.test(n),
    'a policy name is letters, digits, "_", "." or "-" (no spaces), starting with a letter or digit',
  );

const schedule = z.strictObject({ cron: CronLine });
const CatchUpMinutes = z.number().int().min(0).max(1440);

const policyFields = {
  name: PolicyName,
  tenants: TenantScope,
  full: schedule,
  incremental: schedule.nullable().default(null),
  timeZone: TimeZoneName,
  plusArchivelog: z.boolean().default(false),
  description: Description.default(''),
  enabled: z.boolean().default(true),
  /** A slot missed while the console was down still runs if it is at most this old. */
  catchUpMinutes: CatchUpMinutes.default(60),
};

export const CreatePolicyRequest = z.strictObject({
  ...policyFields,
  encryptionPassword: EncryptionPassword.optional(),
});
export type CreatePolicyRequest = z.input<typeof CreatePolicyRequest>;

/** A change: only the fields given change; `encryptionPassword: null` removes the password. */
export const UpdatePolicyRequest = z.strictObject({
  name: policyFields.name.optional(),
  tenants: policyFields.tenants.optional(),
  full: schedule.optional(),
  incremental: schedule.nullable().optional(),
  timeZone: TimeZoneName.optional(),
  plusArchivelog: z.boolean().optional(),
  description: Description.optional(),
  enabled: z.boolean().optional(),
  catchUpMinutes: CatchUpMinutes.optional(),
  encryptionPassword: EncryptionPassword.nullable().optional(),
});
export type UpdatePolicyRequest = z.input<typeof UpdatePolicyRequest>;

export const RunPolicyRequest = z.strictObject({ type: BackupType });

export const PlannedRun = z.object({
  /** The slot's instant (UTC, ISO). */
  at: IsoTimestamp,
  type: BackupType,
  /** The slot's wall-clock time in the policy's zone, "2026-12-06 02:00". */
  local: z.string(),
});
export type PlannedRun = z.infer<typeof PlannedRun>;

export const RunOutcome = z.enum(['started', 'skipped', 'refused', 'promoted', 'missed']);
export type RunOutcome = z.infer<typeof RunOutcome>;

/**
 * The codes a policy run records of its own (besides the preconditions' and OceanBase's):
 * the web translates each one, the runner writes them.
 */
export const POLICY_RUN_CODES = {
  /** The slot passed while no console ran, and it is older than the catch-up window. */
  missed: 'SLOT_MISSED',
  /** The instance that claimed the slot stopped before it recorded what happened. */
  interrupted: 'RUN_INTERRUPTED',
} as const;

export const PolicyRun = z.object({
  id: z.string(),
  policyId: z.string(),
  /** The slot the run belongs to; for a manual run, when it was asked for. */
  slot: IsoTimestamp,
  type: BackupType,
  trigger: z.enum(['schedule', 'manual']),
  createdAt: IsoTimestamp,
  tenants: z.array(
    z.object({
      /** `*`: all tenants, for a run that never read the cluster (a missed slot). */
      tenant: z.union([TenantName, z.literal('*')]),
      tenantId: z.number().int().optional(),
      outcome: RunOutcome,
      jobId: z.number().int().optional(),
      /** Why it did not start (the failed check, the running job) or why it was promoted. */
      reason: z.string().optional(),
      /** The check's error code, for the web to say it in the user's language. */
      code: z.string().optional(),
    }),
  ),
});
export type PolicyRun = z.infer<typeof PolicyRun>;

export const Policy = z.object({
  id: z.string(),
  clusterId: z.string(),
  name: z.string(),
  tenants: z.union([z.literal('all'), z.array(z.string())]),
  full: z.object({ cron: z.string() }),
  incremental: z.object({ cron: z.string() }).nullable(),
  timeZone: z.string(),
  plusArchivelog: z.boolean(),
  description: z.string(),
  /** A password is set (it is never returned). */
  encrypted: z.boolean(),
  enabled: z.boolean(),
  catchUpMinutes: z.number().int(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  nextRuns: z.array(PlannedRun),
  lastRun: PolicyRun.nullable(),
});
export type Policy = z.infer<typeof Policy>;

export const PoliciesResponse = z.object({ policies: z.array(Policy) });
export type PoliciesResponse = z.infer<typeof PoliciesResponse>;

export const PolicyRunsPage = z.object({
  runs: z.array(PolicyRun),
  nextCursor: z.string().nullable(),
});
export type PolicyRunsPage = z.infer<typeof PolicyRunsPage>;

/** GET .../policies/timeline?days=7: the next runs of every enabled policy, in time order. */
export const TimelineEntry = PlannedRun.extend({
  policyId: z.string(),
  policyName: z.string(),
  timeZone: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const PolicyTimeline = z.object({
  from: IsoTimestamp,
  to: IsoTimestamp,
  runs: z.array(TimelineEntry),
  /** A policy had more runs in the window than are listed (a schedule every minute). */
  truncated: z.boolean().optional(),
});
export type PolicyTimeline = z.infer<typeof PolicyTimeline>;

/** GET .../policies/timeline?days=7 */
export const PolicyTimelineQuery = z.strictObject({
  days: z.coerce.number().int().min(1, 'days is 1 to 31').max(31, 'days is 1 to 31').default(7),
});

/** GET .../policies/:policyId/runs?cursor=&limit= (newest first). */
export const PolicyRunsQuery = z.strictObject({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
