import type { Selectable } from 'kysely';
import type { StoreBase } from '../transaction.js';
import type { AlertChannelTable, AlertRuleTable } from '../schema-policies-alerts.js';
import type { SecretBox } from '../sealing/secret-box.js';
import { DuplicateNameError, isUniqueViolation } from '../unique.js';

/** A channel with its URL and secret in clear: only in memory, only for the sender. */
export interface ChannelSecretView {
  id: string;
  clusterId: string;
  kind: string;
  name: string;
  url: string | null;
  secret: string | null;
  to: string[] | null;
  language: string;
}

/** A channel as it may be shown: the URL masked, the secret only as "there is one". */
export interface ChannelPublicView {
  id: string;
  clusterId: string;
  kind: string;
  name: string;
  url: string | null;
  hasSecret: boolean;
  to: string[] | null;
  language: string;
  createdAt: string;
}

export interface NewChannel extends ChannelSecretView {
  /** The URL with its token masked (the caller knows each kind's URL shape). */
  maskedUrl: string | null;
}

export interface RuleRecord {
  id: string;
  clusterId: string;
  kind: string;
  name: string;
  tenants: 'all' | string[];
  params: Record<string, unknown>;
  channels: string[];
  severity: string;
  enabled: boolean;
  mutedUntil: string | null;
  remindEveryMinutes: number | null;
}

const aad = (id: string, field: 'url' | 'secret') => `alert_channel:${id}:${field}`;

function publicView(r: Selectable<AlertChannelTable>): ChannelPublicView {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    kind: r.kind,
    name: r.name,
    url: r.masked_url,
    hasSecret: r.sealed_secret !== null,
    to: r.recipients === null ? null : (JSON.parse(r.recipients) as string[]),
    language: r.language,
    createdAt: new Date(Number(r.created_ms)).toISOString(),
  };
}

function toRule(r: Selectable<AlertRuleTable>): RuleRecord {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    kind: r.kind,
    name: r.name,
    tenants: JSON.parse(r.tenants) as RuleRecord['tenants'],
    params: JSON.parse(r.params) as Record<string, unknown>,
    channels: JSON.parse(r.channels) as string[],
    severity: r.severity,
    enabled: Number(r.enabled) === 1,
    mutedUntil: r.muted_until_ms === null ? null : new Date(Number(r.muted_until_ms)).toISOString(),
    remindEveryMinutes: r.remind_every_minutes === null ? null : Number(r.remind_every_minutes),
  };
}

/**
 * Alert channels and rules of each cluster. A channel's URL (often carrying the robot's token)
 * and its secret are sealed, bound to their row and field, and only `target()` opens them.
 */
export class AlertConfigStore {
  constructor(
    private readonly s: StoreBase,
    private readonly box: SecretBox,
  ) {}

  async createChannel(c: NewChannel): Promise<ChannelPublicView> {
    try {
      await this.s.db
        .insertInto('alert_channel')
        .values({
          id: c.id,
          cluster_id: c.clusterId,
          kind: c.kind,
          name: c.name,
          sealed_url: c.url === null ? null : this.box.seal(c.url, aad(c.id, 'url')),
          masked_url: c.maskedUrl,
          sealed_secret: c.secret === null ? null : this.box.seal(c.secret, aad(c.id, 'secret')),
          recipients: c.to === null ? null : JSON.stringify(c.to),
          language: c.language,
          created_ms: this.s.now(),
        })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateNameError('channel', c.name);
      throw e;
    }
    return (await this.channel(c.clusterId, c.id))!;
  }

  /**
   * Changes what is given: url (with its mask), secret (null removes it), name, to, language.
   * False when the channel does not exist in that cluster.
   */
  async updateChannel(
    clusterId: string,
    id: string,
    change: Partial<Pick<NewChannel, 'name' | 'url' | 'maskedUrl' | 'secret' | 'to' | 'language'>>,
  ): Promise<boolean> {
    const set: Partial<Selectable<AlertChannelTable>> = {};
    if (change.name !== undefined) set.name = change.name;
    if (change.url !== undefined) {
      set.sealed_url = change.url === null ? null : this.box.seal(change.url, aad(id, 'url'));
      set.masked_url = change.maskedUrl ?? null;
    }
    if (change.secret !== undefined)
      set.sealed_secret =
        change.secret === null ? null : this.box.seal(change.secret, aad(id, 'secret'));
    if (change.to !== undefined)
      set.recipients = change.to === null ? null : JSON.stringify(change.to);
    if (change.language !== undefined) set.language = change.language;
    if (!Object.keys(set).length) return (await this.channel(clusterId, id)) !== undefined;
    try {
      const r = await this.s.db
        .updateTable('alert_channel')
        .set(set)
        .where('cluster_id', '=', clusterId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateNameError('channel', change.name ?? '');
      throw e;
    }
  }

  async deleteChannel(clusterId: string, id: string): Promise<boolean> {
    const r = await this.s.db
      .deleteFrom('alert_channel')
      .where('cluster_id', '=', clusterId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async channels(clusterId: string): Promise<ChannelPublicView[]> {
    const rows = await this.s.db
      .selectFrom('alert_channel')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .orderBy('name')
      .execute();
    return rows.map(publicView);
  }

  async channel(clusterId: string, id: string): Promise<ChannelPublicView | undefined> {
    const row = await this.s.db
      .selectFrom('alert_channel')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? publicView(row) : undefined;
  }

  /** The channel with its URL and secret opened: for sending, never for a response. */
  async target(clusterId: string, id: string): Promise<ChannelSecretView | undefined> {
    const r = await this.s.db
      .selectFrom('alert_channel')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      clusterId: r.cluster_id,
      kind: r.kind,
      name: r.name,
      url: r.sealed_url === null ? null : this.box.open(r.sealed_url, aad(r.id, 'url')),
      secret: r.sealed_secret === null ? null : this.box.open(r.sealed_secret, aad(r.id, 'secret')),
      to: r.recipients === null ? null : (JSON.parse(r.recipients) as string[]),
      language: r.language,
    };
  }

  async createRule(r: RuleRecord): Promise<void> {
    const now = this.s.now();
    try {
      await this.s.db
        .insertInto('alert_rule')
        .values({
          ...ruleRow(r),
          id: r.id,
          cluster_id: r.clusterId,
          created_ms: now,
          updated_ms: now,
        })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateNameError('rule', r.name);
      throw e;
    }
  }

  async updateRule(r: RuleRecord): Promise<boolean> {
    try {
      const u = await this.s.db
        .updateTable('alert_rule')
        .set({ ...ruleRow(r), updated_ms: this.s.now() })
        .where('cluster_id', '=', r.clusterId)
        .where('id', '=', r.id)
        .executeTakeFirst();
      return Number(u.numUpdatedRows) > 0;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateNameError('rule', r.name);
      throw e;
    }
  }

  async deleteRule(clusterId: string, id: string): Promise<boolean> {
    const r = await this.s.db
      .deleteFrom('alert_rule')
      .where('cluster_id', '=', clusterId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async rules(clusterId: string): Promise<RuleRecord[]> {
    const rows = await this.s.db
      .selectFrom('alert_rule')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .orderBy('name')
      .execute();
    return rows.map(toRule);
  }

  async rule(clusterId: string, id: string): Promise<RuleRecord | undefined> {
    const row = await this.s.db
      .selectFrom('alert_rule')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRule(row) : undefined;
  }
}

function ruleRow(r: RuleRecord) {
  return {
    kind: r.kind,
    name: r.name,
    tenants: JSON.stringify(r.tenants),
    params: JSON.stringify(r.params),
    channels: JSON.stringify(r.channels),
    severity: r.severity,
    enabled: r.enabled ? 1 : 0,
    muted_until_ms: r.mutedUntil === null ? null : Date.parse(r.mutedUntil),
    remind_every_minutes: r.remindEveryMinutes,
  };
}
