import type { AuditChainReport, AuditEvent, AuditEventInput } from '@obconsole/contracts';
import type { StoreBase } from '../transaction.js';
import { ensureChain } from './append.js';
import { GroupCommitter } from './group-commit.js';
import { assertNoSecrets, normalize } from './guard.js';
import { pruneChain, type PruneResult } from './prune.js';
import {
  iterateEvents,
  pageEvents,
  type AuditFilter,
  type AuditPageRequest,
  type AuditPageResult,
} from './query.js';
import { verifyChain } from './verify.js';

const DAY_MS = 86_400_000;

export interface AppendOptions {
  /**
   * Values that must not be stored (passwords of this action): the event is refused when any
   * of them appears in it. Mask them first with maskSecrets().
   */
  secrets?: readonly string[];
}

/**
 * The tamper-evident audit trail: append, read, verify, and retention. There is no update and
 * no delete besides pruneOlderThan.
 */
export class AuditTrail {
  /** Clusters whose chain head this instance knows exists (saves one statement per append). */
  private readonly chains = new Set<string>();

  private readonly writer: GroupCommitter;

  constructor(private readonly store: StoreBase) {
    this.writer = new GroupCommitter(store);
  }

  /**
   * Records one event; resolves once it is committed. Rejects (AuditRejectedError) an event
   * that is invalid or holds a secret, and with the database's error when the store is
   * unreachable: the caller must then not go ahead with the action.
   */
  async append(input: AuditEventInput, options: AppendOptions = {}): Promise<AuditEvent> {
    const event = normalize(input);
    assertNoSecrets(event, options.secrets ?? []);
    if (!this.chains.has(event.clusterId)) {
      await ensureChain(this.store, event.clusterId);
      this.chains.add(event.clusterId);
    }
    return this.writer.append(event);
  }

  page(request: AuditPageRequest): Promise<AuditPageResult> {
    return pageEvents(this.store, request);
  }

  /** Every matching event newest first, a page at a time, for exports. */
  iterate(filter: AuditFilter, pageSize?: number): AsyncGenerator<AuditEvent[], void> {
    return iterateEvents(this.store, filter, pageSize);
  }

  verify(clusterId: string): Promise<AuditChainReport> {
    return verifyChain(this.store, clusterId);
  }

  /** The clusters that have a chain. */
  async clusters(): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('audit_chain')
      .select('cluster_id')
      .orderBy('cluster_id')
      .execute();
    return rows.map((r) => r.cluster_id);
  }

  /**
   * Retention (AUDIT_RETENTION_DAYS): removes events older than `days` in every cluster and
   * records each removal as an `audit_pruned` event of the system.
   */
  async pruneOlderThan(days: number): Promise<PruneResult[]> {
    if (!Number.isFinite(days) || days <= 0)
      throw new RangeError(`audit retention must be a positive number of days, got ${days}`);
    const cutoffMs = this.store.now() - days * DAY_MS;
    const results: PruneResult[] = [];
    for (const clusterId of await this.clusters()) {
      const r = await pruneChain(this.store, clusterId, cutoffMs);
      if (r.deleted === 0) continue;
      results.push(r);
      await this.append({
        clusterId,
        actor: 'system',
        action: 'audit_pruned',
        outcome: 'success',
        details: { olderThanDays: days, deleted: r.deleted, anchorSeq: r.anchorSeq },
      });
    }
    return results;
  }
}
