import type { AuditEvent } from '@obconsole/contracts';
import type { Selectable } from 'kysely';
import type { AuditEventTable } from '../schema.js';
import type { ChainedContent } from './chain.js';

export type AuditEventRow = Selectable<AuditEventTable>;

/**
 * The content of a stored row as it was hashed. Throws on a row whose JSON columns no longer
 * parse: that row was changed outside the store.
 */
export function contentOf(row: AuditEventRow): ChainedContent {
  return {
    clusterId: row.cluster_id,
    seq: Number(row.seq),
    timeMs: Number(row.time_ms),
    actor: row.actor,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    requestId: row.request_id,
    action: row.action,
    tenants: JSON.parse(row.tenants) as string[],
    outcome: row.outcome,
    errorCode: row.error_code,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

export function eventOf(row: AuditEventRow): AuditEvent {
  const c = contentOf(row);
  return {
    id: Number(row.id),
    seq: c.seq,
    time: new Date(c.timeMs).toISOString(),
    clusterId: c.clusterId,
    actor: c.actor,
    action: c.action as AuditEvent['action'],
    outcome: c.outcome as AuditEvent['outcome'],
    tenants: c.tenants,
    clientAddress: c.clientAddress,
    userAgent: c.userAgent,
    requestId: c.requestId,
    errorCode: c.errorCode,
    details: c.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
