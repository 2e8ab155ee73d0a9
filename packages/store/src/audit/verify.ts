import type { AuditChainReport } from '@obconsole/contracts';
import type { StoreBase } from '../transaction.js';
import { chainHash, GENESIS_HASH } from './chain.js';
import { contentOf, type AuditEventRow } from './rows.js';

type FirstBad = NonNullable<AuditChainReport['firstBad']>;

/**
 * Walks one cluster's chain from its anchor to the head read at the start, a page at a time
 * (constant memory), and names the first event that does not match. Events appended while it
 * runs are after that head and left for the next walk.
 */
export async function verifyChain(
  store: StoreBase,
  clusterId: string,
  pageSize = 1000,
): Promise<AuditChainReport> {
  const chain = await store.db
    .selectFrom('audit_chain')
    .selectAll()
    .where('cluster_id', '=', clusterId)
    .executeTakeFirst();
  const anchorSeq = Number(chain?.anchor_seq ?? 0);
  const headSeq = Number(chain?.head_seq ?? 0);
  const report = (checked: number, firstBad: FirstBad | null): AuditChainReport => ({
    clusterId,
    ok: firstBad === null,
    checked,
    anchorSeq,
    headSeq,
    firstBad,
  });
  if (!chain) return report(0, null);

  let expectedSeq = anchorSeq + 1;
  let expectedPrev = chain.anchor_hash;
  let checked = 0;
  while (expectedSeq <= headSeq) {
    const rows = await store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('cluster_id', '=', clusterId)
      .where('seq', '>=', expectedSeq)
      .where('seq', '<=', headSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const bad = check(row, expectedSeq, expectedPrev);
      if (bad) return report(checked, bad);
      checked++;
      expectedSeq++;
      expectedPrev = row.hash;
    }
  }
  if (expectedSeq <= headSeq)
    return report(checked, {
      id: null,
      seq: expectedSeq,
      reason: 'missing',
      message: `events from seq ${expectedSeq} to the head (seq ${headSeq}) are missing: they were deleted outside retention`,
    });
  if (expectedPrev !== chain.head_hash)
    return report(checked, {
      id: null,
      seq: headSeq,
      reason: 'head_mismatch',
      message: `the chain head records a different hash for seq ${headSeq} than the events give: the head or the last event was changed`,
    });
  return report(checked, null);
}

function check(row: AuditEventRow, expectedSeq: number, expectedPrev: string): FirstBad | null {
  const seq = Number(row.seq);
  const id = Number(row.id);
  if (seq !== expectedSeq)
    return {
      id: null,
      seq: expectedSeq,
      reason: 'missing',
      message: `event seq ${expectedSeq} is missing (the next stored one is seq ${seq}, id ${id})`,
    };
  if (row.prev_hash !== expectedPrev)
    return {
      id,
      seq,
      reason: 'prev_hash_mismatch',
      message:
        expectedPrev === GENESIS_HASH && seq === 1
          ? `event ${id} (seq ${seq}) does not start the chain`
          : `event ${id} (seq ${seq}) does not continue from the event before it: one of the two was changed`,
    };
  let recomputed: string | null;
  try {
    recomputed = chainHash(row.prev_hash, contentOf(row));
  } catch {
    recomputed = null;
  }
  if (recomputed !== row.hash)
    return {
      id,
      seq,
      reason: 'hash_mismatch',
      message: `event ${id} (seq ${seq}) was changed after it was recorded: its content no longer gives its hash`,
    };
  return null;
}
