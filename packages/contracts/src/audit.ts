import { z } from 'zod';
import { TenantName } from './common.js';
import { isRealIsoDate } from './history.js';

/** Paths of the audit trail (the integrator may move them under a cluster). */
export const AUDIT_API = {
  list: '/api/audit',
  csv: '/api/audit.csv',
  verify: '/api/audit/verify',
} as const;

/** Everything the console records. Later features add theirs here, so one list names them all. */
export const AuditAction = z.enum([
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'session_expired',
  'backup_preview',
  'backup_start',
  'backup_cancel',
  'policy_create',
  'policy_update',
  'policy_delete',
  'policy_pause',
  'policy_resume',
  'policy_run',
  'alert_rule_create',
  'alert_rule_update',
  'alert_rule_delete',
  'channel_create',
  'channel_update',
  'channel_delete',
  'channel_test',
  /** Retention removed the oldest events; the chain continues from the recorded anchor. */
  'audit_pruned',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditOutcome = z.enum(['success', 'failure', 'refused']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** A cluster id as configured: short, URL-safe. */
export const AuditClusterId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a cluster id is 1-64 letters, digits, _ . or -');

/** `user@tenant` for a person, `policy:<name>` for a policy, `system` for the console itself. */
export const AuditActor = z
  .string()
  .max(255)
  .regex(
    /^(system|policy:[^\s]{1,200}|[^\s@]{1,128}@[A-Za-z_][A-Za-z0-9_]{0,63})$/,
    'an actor is user@tenant, policy:<name> or system',
  );

/** What a caller records. Time, sequence and hashes are the store's. */
export const AuditEventInput = z.strictObject({
  clusterId: AuditClusterId,
  actor: AuditActor,
  action: AuditAction,
  outcome: AuditOutcome,
  tenants: z.array(TenantName).max(1000).default([]),
  clientAddress: z.string().max(64).nullish(),
  userAgent: z.string().nullish(),
  requestId: z.string().nullish(),
  errorCode: z
    .string()
    .regex(/^[A-Z0-9_]{1,64}$/, 'an error code is upper-case letters, digits and _')
    .nullish(),
  /** Safe facts about the action: the SQL as shown (password masked), job ids, before/after. */
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEventInput = z.input<typeof AuditEventInput>;

export const AuditEvent = z.object({
  /** Global, increasing: the paging cursor. */
  id: z.number().int(),
  /** Position in its cluster's hash chain. */
  seq: z.number().int(),
  /** UTC, ISO 8601 with milliseconds. */
  time: z.string(),
  clusterId: z.string(),
  actor: z.string(),
  action: AuditAction,
  outcome: AuditOutcome,
  tenants: z.array(z.string()),
  clientAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  errorCode: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const isoDate = z.string().refine(isRealIsoDate, {
  message: 'use a real ISO date such as 2026-11-01 or 2026-11-01T08:00:00Z',
});

/** Filter times without a zone are UTC, as the BFF reads them. */
function utc(s: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Date.parse(`${s}T00:00:00Z`);
  const t = s.replace(' ', 'T');
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`);
}

/** A bare date `to` means the whole of that day. */
function endOf(to: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? utc(to) + 86_400_000 : utc(to) + 1;
}

/** Query string of GET /api/audit and /api/audit.csv. */
export const AuditQuery = z
  .strictObject({
    cluster: AuditClusterId.optional(),
    actor: z.string().min(1).max(255).optional(),
    action: AuditAction.optional(),
    tenant: TenantName.optional(),
    outcome: AuditOutcome.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** nextCursor of the previous page. */
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, 'use the nextCursor of the previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((q) => !q.from || !q.to || utc(q.from) < endOf(q.to), {
    message: '"from" must be before "to"',
    path: ['from'],
  });
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({
  events: z.array(AuditEvent),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyQuery = z.strictObject({ cluster: AuditClusterId.optional() });
export type AuditVerifyQuery = z.input<typeof AuditVerifyQuery>;

/** The result of walking one cluster's chain. */
export const AuditChainReport = z.object({
  clusterId: z.string(),
  ok: z.boolean(),
  /** Events checked (from the anchor on). */
  checked: z.number().int(),
  /** The chain continues from here after retention (0 and the zero hash when never pruned). */
  anchorSeq: z.number().int(),
  headSeq: z.number().int(),
  /** The first event that does not match, when ok is false. */
  firstBad: z
    .object({
      id: z.number().int().nullable(),
      seq: z.number().int(),
      reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'missing', 'head_mismatch']),
      message: z.string(),
    })
    .nullable(),
});
export type AuditChainReport = z.infer<typeof AuditChainReport>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  chains: z.array(AuditChainReport),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
