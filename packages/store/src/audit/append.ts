import type { AuditEvent } from '@obconsole/contracts';
import type { StoreBase } from '../transaction.js';
import { writeTransaction } from '../transaction.js';
import { canonicalJson, chainHash, GENESIS_HASH, type ChainedContent } from './chain.js';
import type { NormalizedEvent } from './guard.js';

/** Creates the cluster's chain head if it has none; harmless when another instance did first. */
export async function ensureChain(store: StoreBase, clusterId: string): Promise<void> {
  await store.db
    .insertInto('audit_chain')
    .values({
      cluster_id: clusterId,
      head_seq: 0,
      head_hash: GENESIS_HASH,
      anchor_seq: 0,
      anchor_hash: GENESIS_HASH,
    })
    .ignore()
    .execute();
}

/**
 * Appends one event to its cluster's chain in one transaction: lock the head, hash the event
 * onto it, insert, move the head. Two instances appending at once queue on the head's lock,
 * so the chain cannot fork; the unique (cluster_id, seq) is the last guard.
 */
export async function appendEvent(store: StoreBase, e: NormalizedEvent): Promise<AuditEvent> {
  const timeMs = store.now();
  return writeTransaction(store, async (trx) => {
    let head = trx
      .selectFrom('audit_chain')
      .select(['head_seq', 'head_hash'])
      .where('cluster_id', '=', e.clusterId);
    if (store.dialect === 'mysql') head = head.forUpdate();
    const h = await head.executeTakeFirstOrThrow();
    const content: ChainedContent = { ...e, seq: Number(h.head_seq) + 1, timeMs };
    const hash = chainHash(h.head_hash, content);
    const inserted = await trx
      .insertInto('audit_event')
      .values({
        cluster_id: e.clusterId,
        seq: content.seq,
        time_ms: timeMs,
        actor: e.actor,
        client_address: e.clientAddress,
        user_agent: e.userAgent,
        request_id: e.requestId,
        action: e.action,
        tenants: JSON.stringify(e.tenants),
        outcome: e.outcome,
        error_code: e.errorCode,
        details: canonicalJson(e.details),
        prev_hash: h.head_hash,
        hash,
      })
      .executeTakeFirstOrThrow();
    const id = Number(inserted.insertId);
    if (e.tenants.length > 0)
      await trx
        .insertInto('audit_event_tenant')
        .values(e.tenants.map((tenant) => ({ event_id: id, cluster_id: e.clusterId, tenant })))
        .execute();
    await trx
      .updateTable('audit_chain')
      .set({ head_seq: content.seq, head_hash: hash })
      .where('cluster_id', '=', e.clusterId)
      .execute();
    return {
      id,
      seq: content.seq,
      time: new Date(timeMs).toISOString(),
      clusterId: e.clusterId,
      actor: e.actor,
      action: e.action as AuditEvent['action'],
      outcome: e.outcome as AuditEvent['outcome'],
      tenants: e.tenants,
      clientAddress: e.clientAddress,
      userAgent: e.userAgent,
      requestId: e.requestId,
      errorCode: e.errorCode,
      details: e.details,
      prevHash: h.head_hash,
      hash,
    };
  });
}
