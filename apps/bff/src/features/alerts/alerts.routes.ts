import { Router, type Request, type RequestHandler } from 'express';
import {
  CLUSTER_API,
  CreateChannelRequest,
  CreateRuleRequest,
  IncidentState,
  UpdateChannelRequest,
  UpdateRuleRequest,
  type AuditAction,
} from '@obconsole/contracts';
import { z } from 'zod';
import type { AppDeps } from '../../lib/deps.js';
import { originOf as auditOrigin } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { parse } from '../../lib/validate.js';
import { clusterOf } from '../../middleware/cluster.js';
import { incidentScope, requireAlertAdmin, requireSysReader } from './access.js';
import {
  createChannel,
  deleteChannel,
  listChannels,
  testChannel,
  updateChannel,
} from './channels.service.js';
import { createRule, deleteRule, listIncidents, listRules, updateRule } from './rules.service.js';

const IncidentsQuery = z.object({ state: IncidentState.default('open') });
const DeliveriesQuery = z.object({
  channelId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});

/** What an audit event says of a channel: never its URL, token or secret, only that they changed. */
function channelDetails(c: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === 'url' || k === 'secret') out[k] = v === null ? 'removed' : 'changed';
    else out[k] = v;
  }
  return out;
}

/**
 * /api/clusters/:clusterId/alerts/...: channels, rules, incidents, deliveries. Every change is
 * an audit event; a change whose record cannot be written is refused (STORE_UNAVAILABLE).
 */
export function alertsRouter(deps: AppDeps, requireSession: RequestHandler): Router {
  const r = Router({ mergeParams: true });
  const { audit, alerts } = deps;
  const hasSmtp = Boolean(deps.options.alerts?.smtp);
  const origin = (req: Request) =>
    auditOrigin(req, req.ctx!.clusterId, `${req.ctx!.profile.user}@${req.ctx!.profile.tenant}`);
  const recorded = async (
    req: Request,
    action: AuditAction,
    details: Record<string, unknown>,
    secrets: (string | undefined | null)[] = [],
  ) =>
    audit.record(origin(req), {
      action,
      outcome: 'success',
      details,
      secrets: secrets.filter((s): s is string => typeof s === 'string'),
    });
  const id = (req: Request, name: 'channelId' | 'ruleId') => String(req.params[name]).slice(0, 64);

  r.get(CLUSTER_API.alertChannels, requireSession, async (req, res) => {
    requireSysReader(req.ctx!);
    res.json({ channels: await listChannels(alerts, req.ctx!.clusterId) });
  });

  r.post(CLUSTER_API.alertChannels, requireSession, async (req, res) => {
    requireAlertAdmin(req.ctx!);
    const input = parse(CreateChannelRequest, req.body, 'channel');
    await audit.writable();
    const created = await createChannel(alerts, req.ctx!.clusterId, input, hasSmtp);
    await recorded(
      req,
      'channel_create',
      { channel: created.id, ...channelDetails({ ...input }) },
      [input.url, input.secret],
    );
    res.status(201).json(created);
  });

  r.patch(CLUSTER_API.alertChannel, requireSession, async (req, res) => {
    requireAlertAdmin(req.ctx!);
    const change = parse(UpdateChannelRequest, req.body, 'channel change');
    await audit.writable();
    const updated = await updateChannel(
      alerts,
      req.ctx!.clusterId,
      id(req, 'channelId'),
      change,
      hasSmtp,
    );
    await recorded(
      req,
      'channel_update',
      { channel: updated.id, name: updated.name, change: channelDetails({ ...change }) },
      [change.url, change.secret],
    );
    res.json(updated);
  });

  r.delete(CLUSTER_API.alertChannel, requireSession, async (req, res) => {
    requireAlertAdmin(req.ctx!);
    await audit.writable();
    const gone = await deleteChannel(alerts, req.ctx!.clusterId, id(req, 'channelId'));
    await recorded(req, 'channel_delete', { channel: gone.id, name: gone.name, kind: gone.kind });
    res.status(204).end();
  });

  r.post(CLUSTER_API.alertChannelTest, requireSession, async (req, res) => {
    requireAlertAdmin(req.ctx!);
    await audit.writable();
    const cluster = clusterOf(req);
    const { channel, ...result } = await testChannel(
      alerts,
      { id: cluster.id, name: cluster.name },
      id(req, 'channelId'),
      deps.now(),
    );
    await audit.record(origin(req), {
      action: 'channel_test',
      outcome: result.ok ? 'success' : 'failure',
      errorCode: result.ok ? null : String(result.status ?? 'NO_ANSWER'),
      details: {
        channel: channel.id,
        name: channel.name,
        kind: channel.kind,
        status: result.status,
      },
    });
    res.json(result);
  });

  r.get(CLUSTER_API.alertRules, requireSession, async (req, res) => {
    requireSysReader(req.ctx!);
    res.json({ rules: await listRules(alerts, req.ctx!.clusterId) });
  });

  r.post(CLUSTER_API.alertRules, requireSession, async (req, res) => {
    requireAlertAdmin(req.ctx!);
    const input = parse(CreateRuleRequest, req.body, 'rule');
    await audit.writable();
    const rule = await createRule(alerts, req.ctx!.clusterId, input);
    await recorded(req, 'alert_rule_create', { rule: rule.id, ...input }, []);
    res.status(201).json(rule);
  });

  r.patch(CLUSTER_API.alertRule, requireSession, async (req, res) => {
    requireAlertAdmin(req.ctx!);
    const change = parse(UpdateRuleRequest, req.body, 'rule change');
    await audit.writable();
    const { after } = await updateRule(alerts, req.ctx!.clusterId, id(req, 'ruleId'), change);
    await recorded(req, 'alert_rule_update', { rule: after.id, name: after.name, change });
    res.json(after);
  });

  r.delete(CLUSTER_API.alertRule, requireSession, async (req, res) => {
    requireAlertAdmin(req.ctx!);
    await audit.writable();
    const gone = await deleteRule(alerts, req.ctx!.clusterId, id(req, 'ruleId'), deps.now());
    await recorded(req, 'alert_rule_delete', { rule: gone.id, name: gone.name, kind: gone.kind });
    res.status(204).end();
  });

  r.get(CLUSTER_API.alertIncidents, requireSession, async (req, res) => {
    const q = parse(IncidentsQuery, req.query, 'incidents query');
    const incidents = await listIncidents(
      alerts,
      req.ctx!.clusterId,
      q.state,
      incidentScope(req.ctx!),
    );
    res.json({ incidents });
  });

  r.get(CLUSTER_API.alertDeliveries, requireSession, async (req, res) => {
    requireSysReader(req.ctx!);
    const q = parse(DeliveriesQuery, req.query, 'deliveries query');
    let rows;
    try {
      rows = await alerts.outbox.deliveries(req.ctx!.clusterId, q.limit, q.channelId);
    } catch (e) {
      throw new AppError(
        'STORE_UNAVAILABLE',
        'The console cannot read its delivery log right now: its store does not answer. Try again in a moment.',
        undefined,
        undefined,
        e,
      );
    }
    res.json({
      deliveries: rows.map((d) => ({
        at: new Date(d.at).toISOString(),
        channelId: d.channelId,
        messageId: d.messageId,
        attempt: d.attempt,
        ok: d.ok,
        status: d.status,
        error: d.error,
        response: d.response,
      })),
    });
  });

  return r;
}
