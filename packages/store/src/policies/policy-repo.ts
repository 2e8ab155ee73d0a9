import type { Selectable } from 'kysely';
import type { StoreBase } from '../transaction.js';
import type { PolicyTable } from '../schema-policies-alerts.js';
import { DuplicateNameError, isUniqueViolation } from '../unique.js';
import type { PolicyRecord } from './types.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

function toRecord(r: Selectable<PolicyTable>): PolicyRecord {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    name: r.name,
    tenants: JSON.parse(r.tenants) as PolicyRecord['tenants'],
    full: { cron: r.full_cron },
    incremental: r.incremental_cron === null ? null : { cron: r.incremental_cron },
    timeZone: r.time_zone,
    plusArchivelog: Number(r.plus_archivelog) === 1,
    description: r.description,
    sealedPassword: r.sealed_password,
    enabled: Number(r.enabled) === 1,
    catchUpMinutes: Number(r.catch_up_minutes),
    createdAt: iso(r.created_ms),
    updatedAt: iso(r.updated_ms),
    scheduleSince: iso(r.schedule_since_ms),
  };
}

function toRow(p: PolicyRecord): Selectable<PolicyTable> {
  return {
    id: p.id,
    cluster_id: p.clusterId,
    name: p.name,
    tenants: JSON.stringify(p.tenants),
    full_cron: p.full.cron,
    incremental_cron: p.incremental?.cron ?? null,
    time_zone: p.timeZone,
    plus_archivelog: p.plusArchivelog ? 1 : 0,
    description: p.description,
    sealed_password: p.sealedPassword,
    enabled: p.enabled ? 1 : 0,
    catch_up_minutes: p.catchUpMinutes,
    created_ms: Date.parse(p.createdAt),
    updated_ms: Date.parse(p.updatedAt),
    schedule_since_ms: Date.parse(p.scheduleSince),
  };
}

/** Policies of each cluster. Every query names its cluster: an id from another never matches. */
export class PolicyRepository {
  constructor(private readonly s: StoreBase) {}

  async list(clusterId: string): Promise<PolicyRecord[]> {
    const rows = await this.s.db
      .selectFrom('policy')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .orderBy('name')
      .execute();
    return rows.map(toRecord);
  }

  /** Every enabled policy of a cluster: what its scheduler looks at each round. */
  async enabled(clusterId: string): Promise<PolicyRecord[]> {
    const rows = await this.s.db
      .selectFrom('policy')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('enabled', '=', 1)
      .execute();
    return rows.map(toRecord);
  }

  async get(clusterId: string, id: string): Promise<PolicyRecord | undefined> {
    const row = await this.s.db
      .selectFrom('policy')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async create(p: PolicyRecord): Promise<void> {
    try {
      await this.s.db.insertInto('policy').values(toRow(p)).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateNameError('policy', p.name);
      throw e;
    }
  }

  /** Replaces the stored policy; false when it does not exist (in that cluster). */
  async update(p: PolicyRecord): Promise<boolean> {
    try {
      const { id: _id, cluster_id: _c, created_ms: _m, ...changes } = toRow(p);
      const r = await this.s.db
        .updateTable('policy')
        .set(changes)
        .where('cluster_id', '=', p.clusterId)
        .where('id', '=', p.id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateNameError('policy', p.name);
      throw e;
    }
  }

  /** Removes the policy; its runs stay, as the record of what it did. */
  async delete(clusterId: string, id: string): Promise<boolean> {
    const r = await this.s.db
      .deleteFrom('policy')
      .where('cluster_id', '=', clusterId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
