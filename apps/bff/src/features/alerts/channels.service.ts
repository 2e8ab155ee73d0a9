import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type {
  Channel,
  ChannelTestResult,
  CreateChannelRequest,
  UpdateChannelRequest,
} from '@obconsole/contracts';
import type { ChannelPublicView } from '@obconsole/store';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { maskUrl } from './channels/send.js';
import type { AlertMessage } from './channels/types.js';
import type { AlertsHub } from './hub.js';
import { inStore } from './store-errors.js';
import { toTarget } from './targets.js';

type CreateInput = z.output<typeof CreateChannelRequest>;

export function channelOut(c: ChannelPublicView): Channel {
  return {
    id: c.id,
    clusterId: c.clusterId,
    kind: c.kind as Channel['kind'],
    name: c.name,
    url: c.url,
    hasSecret: c.hasSecret,
    to: c.to,
    language: c.language as Channel['language'],
    createdAt: c.createdAt,
  };
}

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, undefined, { fields: field });

/**
 * Refuses a URL the outbound allow-list would refuse, when the channel is saved rather than
 * when its first alert fails: its host's addresses are checked as the sender will check them
 * (the sender checks again on the address it connects to). A name that does not resolve now
 * is accepted: the test message will say so.
 */
async function checkTarget(hub: AlertsHub, url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return;
    }
  }
  for (const a of addresses) {
    const refusal = hub.policy.refusal(host, a);
    if (refusal) throw invalid('url', `The channel URL is refused: ${refusal}.`);
  }
}

function checkKindFields(
  kind: string,
  c: { url?: string; to?: string[]; secret?: string | null },
  hasSmtp: boolean,
) {
  if (kind === 'email') {
    if (c.url !== undefined)
      throw invalid('url', 'An email channel has recipients (to), not a URL.');
    if (c.secret)
      throw invalid(
        'secret',
        'An email channel has no secret: the SMTP login is the console’s (SMTP_* settings).',
      );
    if (!hasSmtp)
      throw invalid(
        'kind',
        'Email channels need the console’s SMTP server: set SMTP_HOST, SMTP_PORT and SMTP_FROM and restart the console.',
      );
  } else if (c.to !== undefined) {
    throw invalid('to', `A ${kind} channel has a URL, not recipients (to).`);
  }
}

export async function listChannels(hub: AlertsHub, clusterId: string): Promise<Channel[]> {
  return (await inStore('read alert channels', () => hub.config.channels(clusterId))).map(
    channelOut,
  );
}

export async function createChannel(
  hub: AlertsHub,
  clusterId: string,
  input: CreateInput,
  hasSmtp: boolean,
): Promise<Channel> {
  checkKindFields(input.kind, input, hasSmtp);
  if (input.url) await checkTarget(hub, input.url);
  const created = await inStore('save the channel', () =>
    hub.config.createChannel({
      id: randomUUID(),
      clusterId,
      kind: input.kind,
      name: input.name,
      url: input.url ?? null,
      maskedUrl: input.url ? maskUrl(input.url) : null,
      secret: input.secret ?? null,
      to: input.to ?? null,
      language: input.language,
    }),
  );
  return channelOut(created);
}

async function existing(hub: AlertsHub, clusterId: string, id: string) {
  const c = await inStore('read the channel', () => hub.config.channel(clusterId, id));
  if (!c)
    throw new AppError('NOT_FOUND', `There is no alert channel ${id} in this cluster.`, undefined, {
      variant: 'channel',
    });
  return c;
}

export async function updateChannel(
  hub: AlertsHub,
  clusterId: string,
  id: string,
  change: z.output<typeof UpdateChannelRequest>,
  hasSmtp: boolean,
): Promise<Channel> {
  const before = await existing(hub, clusterId, id);
  checkKindFields(before.kind, change, hasSmtp || before.kind !== 'email');
  if (change.url) await checkTarget(hub, change.url);
  await inStore('save the channel', () =>
    hub.config.updateChannel(clusterId, id, {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.url !== undefined ? { url: change.url, maskedUrl: maskUrl(change.url) } : {}),
      ...(change.secret !== undefined ? { secret: change.secret } : {}),
      ...(change.to !== undefined ? { to: change.to } : {}),
      ...(change.language !== undefined ? { language: change.language } : {}),
    }),
  );
  return channelOut(await existing(hub, clusterId, id));
}

/** Deletes a channel no rule sends to; one still in use is refused, naming the rules. */
export async function deleteChannel(
  hub: AlertsHub,
  clusterId: string,
  id: string,
): Promise<Channel> {
  const before = await existing(hub, clusterId, id);
  const rules = await inStore('read alert rules', () => hub.config.rules(clusterId));
  const users = rules.filter((r) => r.channels.includes(id)).map((r) => r.name);
  if (users.length)
    throw invalid(
      'channelId',
      `The channel "${before.name}" is used by the rule(s) ${users.map((n) => `"${n}"`).join(', ')}: take it out of them first.`,
    );
  await inStore('delete the channel', () => hub.config.deleteChannel(clusterId, id));
  return channelOut(before);
}

/** Sends a test message on the channel now, outside the outbox, and returns what the receiver said. */
export async function testChannel(
  hub: AlertsHub,
  cluster: { id: string; name: string },
  id: string,
  nowMs: number,
): Promise<ChannelTestResult & { channel: Channel }> {
  const channel = await existing(hub, cluster.id, id);
  const target = await inStore('read the channel', () => hub.config.target(cluster.id, id));
  if (!target) throw new AppError('NOT_FOUND', `There is no alert channel ${id} in this cluster.`);
  const m: AlertMessage = {
    id: `test:${randomUUID()}`,
    event: 'test',
    sentAt: new Date(nowMs).toISOString(),
    cluster,
    tenant: null,
    rule: null,
    incident: null,
    condition: null,
    resolution: null,
    link: null,
  };
  const r = await hub.send(m, toTarget(target));
  return {
    at: new Date(nowMs).toISOString(),
    ok: r.ok,
    status: r.status,
    error: r.error,
    response: r.response,
    channel: channelOut(channel),
  };
}
