import { randomUUID } from 'node:crypto';
import {
  CreateRuleRequest,
  type AlertRule as RuleOut,
  type Incident as IncidentOut,
  type UpdateRuleRequest,
} from '@obconsole/contracts';
import type { RuleRecord } from '@obconsole/store';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { parse } from '../../lib/validate.js';
import type { AlertsHub } from './hub.js';
import { inStore } from './store-errors.js';

export function ruleOut(r: RuleRecord): RuleOut {
  return r as unknown as RuleOut;
}

async function checkChannels(hub: AlertsHub, clusterId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const known = new Set(
    (await inStore('read alert channels', () => hub.config.channels(clusterId))).map((c) => c.id),
  );
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `Unknown channel id(s) ${unknown.map((i) => `"${i}"`).join(', ')}: a rule sends only to channels of this cluster (GET .../alerts/channels lists them).`,
      undefined,
      { fields: 'channels' },
    );
}

export async function listRules(hub: AlertsHub, clusterId: string): Promise<RuleOut[]> {
  return (await inStore('read alert rules', () => hub.config.rules(clusterId))).map(ruleOut);
}

export async function createRule(
  hub: AlertsHub,
  clusterId: string,
  input: z.output<typeof CreateRuleRequest>,
): Promise<RuleOut> {
  await checkChannels(hub, clusterId, input.channels);
  const rule: RuleRecord = {
    id: randomUUID(),
    clusterId,
    ...input,
    channels: [...new Set(input.channels)],
  };
  await inStore('save the rule', () => hub.config.createRule(rule));
  return ruleOut(rule);
}

async function existing(hub: AlertsHub, clusterId: string, id: string): Promise<RuleRecord> {
  const r = await inStore('read the rule', () => hub.config.rule(clusterId, id));
  if (!r)
    throw new AppError('NOT_FOUND', `There is no alert rule ${id} in this cluster.`, undefined, {
      variant: 'rule',
    });
  return r;
}

/** Applies a change; the result must still be a complete rule of its kind (checked as a new one). */
export async function updateRule(
  hub: AlertsHub,
  clusterId: string,
  id: string,
  change: z.output<typeof UpdateRuleRequest>,
): Promise<{ before: RuleOut; after: RuleOut }> {
  const before = await existing(hub, clusterId, id);
  const { id: _id, clusterId: _c, ...fields } = { ...before, ...change };
  const checked = parse(CreateRuleRequest, fields, 'rule');
  await checkChannels(hub, clusterId, checked.channels);
  const after: RuleRecord = { id, clusterId, ...checked, channels: [...new Set(checked.channels)] };
  await inStore('save the rule', () => hub.config.updateRule(after));
  return { before: ruleOut(before), after: ruleOut(after) };
}

/** Deletes a rule; its open incidents are resolved (by rule_removed) without a message. */
export async function deleteRule(
  hub: AlertsHub,
  clusterId: string,
  id: string,
  nowMs: number,
): Promise<RuleOut> {
  const before = await existing(hub, clusterId, id);
  const open = await inStore('read incidents', () => hub.incidents.openOf(clusterId));
  const at = new Date(nowMs).toISOString();
  await inStore('delete the rule', async () => {
    for (const i of open.filter((x) => x.ruleId === id)) await hub.incidents.resolve(i.id, at);
    await hub.config.deleteRule(clusterId, id);
  });
  return ruleOut(before);
}

export async function listIncidents(
  hub: AlertsHub,
  clusterId: string,
  state: 'open' | 'resolved' | 'all',
  tenantId: number | null,
): Promise<IncidentOut[]> {
  const [rules, incidents] = await inStore('read incidents', () =>
    Promise.all([hub.config.rules(clusterId), hub.incidents.list(clusterId, state, 200)]),
  );
  const byId = new Map(rules.map((r) => [r.id, r]));
  return incidents
    .filter((i) => tenantId === null || i.tenant?.id === tenantId)
    .map((i) => {
      const rule = byId.get(i.ruleId);
      return {
        id: i.id,
        clusterId: i.clusterId,
        ruleId: i.ruleId,
        ruleName: rule?.name ?? '',
        kind: i.condition.kind,
        severity: (rule?.severity ?? 'warning') as IncidentOut['severity'],
        tenant: i.tenant,
        condition: i.condition,
        openedAt: i.openedAt,
        resolvedAt: i.resolvedAt,
      };
    });
}
