import type { Selectable } from 'kysely';
import type { StoreBase } from '../transaction.js';
import type { AlertIncidentTable } from '../schema-policies-alerts.js';
import { isUniqueViolation } from '../unique.js';

export interface StoredIncident<C = unknown> {
  id: string;
  key: string;
  ruleId: string;
  clusterId: string;
  tenant: { id: number; name: string } | null;
  condition: C;
  openedAt: string;
  resolvedAt: string | null;
  lastNotifiedAt: string | null;
  reminders: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function toIncident<C>(r: Selectable<AlertIncidentTable>): StoredIncident<C> {
  return {
    id: r.id,
    key: r.incident_key,
    ruleId: r.rule_id,
    clusterId: r.cluster_id,
    tenant:
      r.tenant_id === null
        ? null
        : { id: Number(r.tenant_id), name: r.tenant_name ?? String(r.tenant_id) },
    condition: JSON.parse(r.condition_json) as C,
    openedAt: iso(r.opened_ms)!,
    resolvedAt: iso(r.resolved_ms),
    lastNotifiedAt: iso(r.last_notified_ms),
    reminders: Number(r.reminders),
  };
}

/**
 * Incidents. An open incident holds its key in open_key, which is unique: of two instances that
 * see the same failure, one insert wins and only the winner notifies.
 */
export class IncidentStore<C = unknown> {
  constructor(private readonly s: StoreBase) {}

  /** Stores a new open incident; false when one with this key is already open. */
  async open(i: StoredIncident<C>): Promise<boolean> {
    try {
      await this.s.db
        .insertInto('alert_incident')
        .values({
          id: i.id,
          cluster_id: i.clusterId,
          rule_id: i.ruleId,
          incident_key: i.key,
          open_key: i.key,
          tenant_id: i.tenant?.id ?? null,
          tenant_name: i.tenant?.name ?? null,
          condition_json: JSON.stringify(i.condition),
          opened_ms: Date.parse(i.openedAt),
          resolved_ms: null,
          last_notified_ms: i.lastNotifiedAt ? Date.parse(i.lastNotifiedAt) : null,
          reminders: i.reminders,
        })
        .execute();
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** Closes an open incident; false when it was not open (someone else resolved it). */
  async resolve(id: string, resolvedAt: string): Promise<boolean> {
    const r = await this.s.db
      .updateTable('alert_incident')
      .set({ open_key: null, resolved_ms: Date.parse(resolvedAt) })
      .where('id', '=', id)
      .where('open_key', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Moves a reminder forward; false when another instance already sent this reminder. */
  async remind(id: string, reminders: number, at: string): Promise<boolean> {
    const r = await this.s.db
      .updateTable('alert_incident')
      .set({ reminders, last_notified_ms: Date.parse(at) })
      .where('id', '=', id)
      .where('reminders', '=', reminders - 1)
      .where('open_key', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async openOf(clusterId: string): Promise<StoredIncident<C>[]> {
    const rows = await this.s.db
      .selectFrom('alert_incident')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('open_key', 'is not', null)
      .orderBy('opened_ms', 'desc')
      .execute();
    return rows.map((r) => toIncident<C>(r));
  }

  async list(
    clusterId: string,
    state: 'open' | 'resolved' | 'all',
    limit: number,
  ): Promise<StoredIncident<C>[]> {
    let q = this.s.db.selectFrom('alert_incident').selectAll().where('cluster_id', '=', clusterId);
    if (state === 'open') q = q.where('open_key', 'is not', null);
    if (state === 'resolved') q = q.where('open_key', 'is', null);
    const rows = await q.orderBy('opened_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => toIncident<C>(r));
  }
}
