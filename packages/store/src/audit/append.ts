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
 * Appends events to their clusters' chains in one transaction: lock each cluster's head (in
 * name order, so two instances never wait on each other crosswise), hash each event onto the
 * one before, insert, move the heads. Two instances appending at once queue on the heads' locks,
 * so a chain cannot fork; the unique (cluster_id, seq) is the last guard. All or nothing.
 */
export async function appendEvents(
  store: StoreBase,
  events: readonly NormalizedEvent[],
): Promise<AuditEvent[]> {
  const timeMs = store.now();
  return writeTransaction(store, async (trx) => {
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const clusterId of [...new Set(events.map((e) => e.clusterId))].sort()) {
      let head = trx
        .selectFrom('audit_chain')
        .select(['head_seq', 'head_hash'])
        .where('cluster_id', '=', clusterId);
      if (store.dialect === 'mysql') head = head.forUpdate();
      const h = await head.executeTakeFirstOrThrow();
      heads.set(clusterId, { seq: Number(h.head_seq), hash: h.head_hash });
    }
    const out: AuditEvent[] = [];
    for (const e of events) {
      const head = heads.get(e.clusterId)!;
      const content: ChainedContent = { ...e, seq: head.seq + 1, timeMs };
      const prevHash = head.hash;
      const hash = chainHash(prevHash, content);
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
          prev_hash: prevHash,
          hash,
        })
        .executeTakeFirstOrThrow();
      const id = Number(inserted.insertId);
      if (e.tenants.length > 0)
        await trx
          .insertInto('audit_event_tenant')
          .values(e.tenants.map((tenant) => ({ event_id: id, cluster_id: e.clusterId, tenant })))
          .execute();
      heads.set(e.clusterId, { seq: content.seq, hash });
      out.push({
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
        prevHash,
        hash,
      });
    }
    for (const [clusterId, head] of heads)
      await trx
        .updateTable('audit_chain')
        .set({ head_seq: head.seq, head_hash: head.hash })
        .where('cluster_id', '=', clusterId)
        .execute();
    return out;
  });
}
