import type { Generated } from 'kysely';
import type { PoliciesAlertsSchema } from './schema-policies-alerts.js';

/**
 * The store's tables. Every row names its cluster; times are UTC epoch milliseconds (BIGINT),
 * which compare, sort and index the same on SQLite and MySQL (docs/decisions/011).
 */
export interface AuditEventTable {
  id: Generated<number>;
  cluster_id: string;
  seq: number;
  time_ms: number;
  actor: string;
  client_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  action: string;
  /** JSON array, in the order recorded (hashed as stored). */
  tenants: string;
  outcome: string;
  error_code: string | null;
  /** Canonical JSON (RFC 8785). */
  details: string;
  prev_hash: string;
  hash: string;
}

/** One row per target tenant of an event, so the tenant filter uses an index. */
export interface AuditEventTenantTable {
  event_id: number;
  cluster_id: string;
  tenant: string;
}

/**
 * The head of each cluster's chain (locked while appending) and its anchor: where the chain
 * starts after retention removed older events.
 */
export interface AuditChainTable {
  cluster_id: string;
  head_seq: number;
  head_hash: string;
  anchor_seq: number;
  anchor_hash: string;
}

export interface StoreSchema extends PoliciesAlertsSchema {
  audit_event: AuditEventTable;
  audit_event_tenant: AuditEventTenantTable;
  audit_chain: AuditChainTable;
}
