import { z } from 'zod';
import { IsoTimestamp, TenantName } from './common.js';
import { TenantScope } from './backups.js';

/**
 * Alerts: rules that open incidents, channels that carry their messages. A channel's URL (which
 * often holds a robot's token) and its secret are write-only: stored sealed, never returned.
 */

export const ChannelKind = z.enum(['webhook', 'slack', 'dingtalk', 'feishu', 'wecom', 'email']);
export type ChannelKind = z.infer<typeof ChannelKind>;
export const ChannelLanguage = z.enum(['en', 'zh-CN']);
export const RuleKind = z.enum([
  'backup_failed',
  'backup_canceled',
  'backup_slow',
  'no_success',
  'archive_not_doing',
  'archive_lag',
  'policy_run_not_started',
]);
export type RuleKind = z.infer<typeof RuleKind>;
export const Severity = z.enum(['critical', 'warning', 'info']);

const HttpUrl = z
  .string()
  .max(2048, 'a URL is at most 2048 characters')
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'https:' || p === 'http:';
    } catch {
      return false;
    }
  }, 'give the full http(s) URL the receiver shows, e.g. https://oapi.dingtalk.com/robot/send?access_token=...');

const Email = z
  .string()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an email address');

const channelFields = {
  kind: ChannelKind,
  name: z.string().trim().min(1, 'give the channel a name').max(64),
  url: HttpUrl.optional(),
  secret: z.string().min(1).max(512).optional(),
  to: z.array(Email).min(1, 'give at least one recipient').max(50).optional(),
  language: ChannelLanguage.default('en'),
};

function channelComplete(c: { kind?: string; url?: string; to?: string[] }, ctx: z.RefinementCtx) {
  if (c.kind === 'email' && !c.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'an email channel needs recipients' });
  if (c.kind && c.kind !== 'email' && !c.url)
    ctx.addIssue({ code: 'custom', path: ['url'], message: `a ${c.kind} channel needs its URL` });
}

export const CreateChannelRequest = z.strictObject(channelFields).superRefine(channelComplete);
export type CreateChannelRequest = z.input<typeof CreateChannelRequest>;

export const UpdateChannelRequest = z
  .strictObject({
    name: channelFields.name.optional(),
    url: HttpUrl.optional(),
    /** null removes the secret. */
    secret: channelFields.secret.nullable(),
    to: channelFields.to,
    language: ChannelLanguage.optional(),
  })
  .partial();
export type UpdateChannelRequest = z.input<typeof UpdateChannelRequest>;

export const Channel = z.object({
  id: z.string(),
  clusterId: z.string(),
  kind: ChannelKind,
  name: z.string(),
  /** The URL with its token replaced by ••••. */
  url: z.string().nullable(),
  hasSecret: z.boolean(),
  to: z.array(z.string()).nullable(),
  language: ChannelLanguage,
  createdAt: IsoTimestamp,
});
export type Channel = z.infer<typeof Channel>;

const Positive = (max: number, unit: string) =>
  z
    .number()
    .int()
    .min(1, `at least 1 ${unit.replace(/s$/, '')}`)
    .max(max, `at most ${max} ${unit}`);

export const RuleParams = z.strictObject({
  minutes: Positive(7 * 24 * 60, 'minutes').optional(),
  hours: Positive(24 * 90, 'hours').optional(),
  days: Positive(365, 'days').optional(),
  seconds: Positive(7 * 86_400, 'seconds').optional(),
  type: z.enum(['full', 'incremental']).optional(),
});

/** Which parameter each rule kind needs (one of no_success's two). */
function paramsFit(
  r: { kind?: RuleKind; params?: z.infer<typeof RuleParams> },
  ctx: z.RefinementCtx,
) {
  const p = r.params ?? {};
  const need = (field: 'minutes' | 'seconds', why: string) => {
    if (p[field] === undefined)
      ctx.addIssue({ code: 'custom', path: ['params', field], message: why });
  };
  if (r.kind === 'backup_slow')
    need('minutes', 'backup_slow needs minutes: how long a job may run');
  if (r.kind === 'archive_lag')
    need('seconds', 'archive_lag needs seconds: how far the checkpoint may lag');
  if (r.kind === 'no_success' && (p.days === undefined) === (p.hours === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['params'],
      message:
        'no_success needs either days (no successful full backup) or hours (no successful backup of any type)',
    });
}

const RuleChannels = z.array(z.string().min(1)).max(20, 'at most 20 channels');
const RemindEvery = Positive(7 * 24 * 60, 'minutes').nullable();

const ruleFields = {
  kind: RuleKind,
  name: z.string().trim().min(1, 'give the rule a name').max(64),
  tenants: TenantScope.default('all'),
  params: RuleParams.default({}),
  channels: RuleChannels.default([]),
  severity: Severity.default('warning'),
  enabled: z.boolean().default(true),
  mutedUntil: IsoTimestamp.nullable().default(null),
  remindEveryMinutes: RemindEvery.default(null),
};

export const CreateRuleRequest = z.strictObject(ruleFields).superRefine(paramsFit);
export type CreateRuleRequest = z.input<typeof CreateRuleRequest>;

/** A change: only the fields given change (no defaults here, or a missing field would reset). */
export const UpdateRuleRequest = z
  .strictObject({
    name: ruleFields.name,
    tenants: TenantScope,
    params: RuleParams,
    channels: RuleChannels,
    severity: Severity,
    enabled: z.boolean(),
    mutedUntil: IsoTimestamp.nullable(),
    remindEveryMinutes: RemindEvery,
  })
  .partial();
export type UpdateRuleRequest = z.input<typeof UpdateRuleRequest>;

export const AlertRule = z.object({
  id: z.string(),
  clusterId: z.string(),
  kind: RuleKind,
  name: z.string(),
  tenants: z.union([z.literal('all'), z.array(TenantName)]),
  params: RuleParams,
  channels: z.array(z.string()),
  severity: Severity,
  enabled: z.boolean(),
  mutedUntil: IsoTimestamp.nullable(),
  remindEveryMinutes: z.number().int().nullable(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const Incident = z.object({
  id: z.string(),
  clusterId: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: RuleKind,
  severity: Severity,
  tenant: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The condition's facts as the messages carry them. */
  condition: z.record(z.string(), z.unknown()),
  openedAt: IsoTimestamp,
  resolvedAt: IsoTimestamp.nullable(),
});
export type Incident = z.infer<typeof Incident>;

export const Delivery = z.object({
  at: IsoTimestamp,
  channelId: z.string(),
  messageId: z.string(),
  attempt: z.number().int(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  error: z.string(),
  response: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

/** POST .../channels/:id/test: what the receiver answered. */
export const ChannelTestResult = Delivery.omit({ channelId: true, messageId: true, attempt: true });
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;

export const ChannelsResponse = z.object({ channels: z.array(Channel) });
export type ChannelsResponse = z.infer<typeof ChannelsResponse>;
export const RulesResponse = z.object({ rules: z.array(AlertRule) });
export type RulesResponse = z.infer<typeof RulesResponse>;
/** GET .../alerts/incidents?state=open|resolved|all (default open), newest first. */
export const IncidentState = z.enum(['open', 'resolved', 'all']);
export const IncidentsResponse = z.object({ incidents: z.array(Incident) });
export type IncidentsResponse = z.infer<typeof IncidentsResponse>;
/** GET .../alerts/deliveries?channelId=: newest first, at most 200. */
export const DeliveriesResponse = z.object({ deliveries: z.array(Delivery) });
export type DeliveriesResponse = z.infer<typeof DeliveriesResponse>;
