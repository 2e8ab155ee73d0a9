import type { Selectable } from 'kysely';
import type { StoreBase } from '../transaction.js';
import type { PolicyRunTable } from '../schema-policies-alerts.js';
import { isUniqueViolation } from '../unique.js';
import type { PolicyRunRepository, RunRecord, TenantOutcome } from './types.js';

function toRun(r: Selectable<PolicyRunTable>): RunRecord {
  return {
    id: r.id,
    policyId: r.policy_id,
    clusterId: r.cluster_id,
    slot: new Date(Number(r.slot_ms)).toISOString(),
    type: r.type as RunRecord['type'],
    trigger: r.run_trigger as RunRecord['trigger'],
    createdAt: new Date(Number(r.created_ms)).toISOString(),
    tenants: JSON.parse(r.tenants) as TenantOutcome[],
  };
}

/** Runs of policies: claimed by a unique (policy, slot, trigger) insert, then completed. */
export class PolicyRunStore implements PolicyRunRepository {
  constructor(private readonly s: StoreBase) {}

  async claim(run: Omit<RunRecord, 'tenants'>): Promise<boolean> {
    if (!Number.isFinite(Date.parse(run.slot)) || !Number.isFinite(Date.parse(run.createdAt)))
      throw new Error(
        `a policy run needs ISO times, got slot "${run.slot}", createdAt "${run.createdAt}"`,
      );
    try {
      await this.s.db
        .insertInto('policy_run')
        .values({
          id: run.id,
          policy_id: run.policyId,
          cluster_id: run.clusterId,
          slot_ms: Date.parse(run.slot),
          type: run.type,
          run_trigger: run.trigger,
          created_ms: Date.parse(run.createdAt),
          tenants: '[]',
          completed: 0,
        })
        .execute();
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async complete(runId: string, tenants: TenantOutcome[]): Promise<void> {
    await this.s.db
      .updateTable('policy_run')
      .set({ tenants: JSON.stringify(tenants), completed: 1 })
      .where('id', '=', runId)
      .execute();
  }

  async completeIfUnfinished(runId: string, tenants: TenantOutcome[]): Promise<boolean> {
    const r = await this.s.db
      .updateTable('policy_run')
      .set({ tenants: JSON.stringify(tenants), completed: 1 })
      .where('id', '=', runId)
      .where('completed', '=', 0)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async unfinished(policyId: string, claimedBefore: string): Promise<RunRecord[]> {
    const rows = await this.s.db
      .selectFrom('policy_run')
      .selectAll()
      .where('policy_id', '=', policyId)
      .where('completed', '=', 0)
      .where('created_ms', '<', Date.parse(claimedBefore))
      .orderBy('slot_ms')
      .limit(100)
      .execute();
    return rows.map(toRun);
  }

  async lastScheduledSlot(policyId: string): Promise<string | null> {
    const r = await this.s.db
      .selectFrom('policy_run')
      .select((eb) => eb.fn.max('slot_ms').as('last'))
      .where('policy_id', '=', policyId)
      .where('run_trigger', '=', 'schedule')
      .executeTakeFirst();
    return r?.last == null ? null : new Date(Number(r.last)).toISOString();
  }

  /** A policy's runs, newest slot first; `before` is the previous page's last (slot, id). */
  async page(
    clusterId: string,
    policyId: string,
    limit: number,
    before?: { slot: string; id: string },
  ): Promise<RunRecord[]> {
    let q = this.s.db
      .selectFrom('policy_run')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('policy_id', '=', policyId);
    if (before) {
      const ms = Date.parse(before.slot);
      q = q.where((eb) =>
        eb.or([eb('slot_ms', '<', ms), eb.and([eb('slot_ms', '=', ms), eb('id', '<', before.id)])]),
      );
    }
    const rows = await q.orderBy('slot_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRun);
  }

  /** The newest run of each given policy (for the list's "last run"). */
  async latest(clusterId: string, policyId: string): Promise<RunRecord | null> {
    const [r] = await this.page(clusterId, policyId, 1);
    return r ?? null;
  }
}
