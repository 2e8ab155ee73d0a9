import type { StoreBase } from '../transaction.js';
import { writeTransaction } from '../transaction.js';

export interface PruneResult {
  clusterId: string;
  deleted: number;
  /** The chain now continues from this seq's hash. */
  anchorSeq: number;
}

/**
 * Retention, the one path that deletes events: removes the oldest events of one cluster, up to
 * the first event at or after the cutoff, and records the hash the first kept event continues
 * from (the anchor), in the same transaction, so the rest still verifies. Always a prefix of
 * the chain, so a clock that stepped back never leaves a hole.
 */
export async function pruneChain(
  store: StoreBase,
  clusterId: string,
  cutoffMs: number,
): Promise<PruneResult> {
  return writeTransaction(store, async (trx) => {
    let lock = trx.selectFrom('audit_chain').selectAll().where('cluster_id', '=', clusterId);
    if (store.dialect === 'mysql') lock = lock.forUpdate();
    const chain = await lock.executeTakeFirstOrThrow();
    const anchorSeq = Number(chain.anchor_seq);
    const headSeq = Number(chain.head_seq);
    const firstKept = await trx
      .selectFrom('audit_event')
      .select(['seq', 'prev_hash'])
      .where('cluster_id', '=', clusterId)
      .where('time_ms', '>=', cutoffMs)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    const keepFrom = firstKept ? Number(firstKept.seq) : headSeq + 1;
    if (keepFrom <= anchorSeq + 1) return { clusterId, deleted: 0, anchorSeq };
    const newAnchorHash = firstKept ? firstKept.prev_hash : chain.head_hash;
    await trx
      .deleteFrom('audit_event_tenant')
      .where('event_id', 'in', (eb) =>
        eb
          .selectFrom('audit_event')
          .select('id')
          .where('cluster_id', '=', clusterId)
          .where('seq', '<', keepFrom),
      )
      .execute();
    const deleted = await trx
      .deleteFrom('audit_event')
      .where('cluster_id', '=', clusterId)
      .where('seq', '<', keepFrom)
      .executeTakeFirst();
    await trx
      .updateTable('audit_chain')
      .set({ anchor_seq: keepFrom - 1, anchor_hash: newAnchorHash })
      .where('cluster_id', '=', clusterId)
      .execute();
    return { clusterId, deleted: Number(deleted.numDeletedRows), anchorSeq: keepFrom - 1 };
  });
}
