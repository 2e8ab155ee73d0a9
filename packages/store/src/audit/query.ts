import type { AuditAction, AuditEvent, AuditOutcome } from '@obconsole/contracts';
import type { StoreBase } from '../transaction.js';
import { eventOf } from './rows.js';

/** What a reader asked for, within what it may read. */
export interface AuditFilter {
  /** The clusters the reader may read (and asked for). Empty: nothing. */
  clusters: readonly string[];
  /** A tenant admin's own tenant: only events that target it. */
  scopeTenant?: string | undefined;
  actor?: string | undefined;
  action?: AuditAction | undefined;
  tenant?: string | undefined;
  outcome?: AuditOutcome | undefined;
  /** Epoch ms, inclusive. */
  fromMs?: number | undefined;
  /** Epoch ms, exclusive. */
  toMs?: number | undefined;
}

export interface AuditPageRequest extends AuditFilter {
  /** Events older than this id (the previous page's nextCursor). */
  beforeId?: number | undefined;
  limit: number;
}

export interface AuditPageResult {
  events: AuditEvent[];
  /** The id to pass as beforeId for the next page; null on the last. */
  nextCursor: number | null;
}

/** Newest first, keyset on id: the 1000th page costs what the first does. */
export async function pageEvents(store: StoreBase, r: AuditPageRequest): Promise<AuditPageResult> {
  if (r.clusters.length === 0) return { events: [], nextCursor: null };
  let q = store.db
    .selectFrom('audit_event as e')
    .selectAll('e')
    .where('e.cluster_id', 'in', [...r.clusters]);
  for (const tenant of [r.scopeTenant, r.tenant]) {
    if (tenant === undefined) continue;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_event_tenant as t')
          .select('t.event_id')
          .whereRef('t.event_id', '=', 'e.id')
          .where('t.tenant', '=', tenant),
      ),
    );
  }
  if (r.actor !== undefined) q = q.where('e.actor', '=', r.actor);
  if (r.action !== undefined) q = q.where('e.action', '=', r.action);
  if (r.outcome !== undefined) q = q.where('e.outcome', '=', r.outcome);
  if (r.fromMs !== undefined) q = q.where('e.time_ms', '>=', r.fromMs);
  if (r.toMs !== undefined) q = q.where('e.time_ms', '<', r.toMs);
  if (r.beforeId !== undefined) q = q.where('e.id', '<', r.beforeId);
  const rows = await q
    .orderBy('e.id', 'desc')
    .limit(r.limit + 1)
    .execute();
  const more = rows.length > r.limit;
  const events = rows.slice(0, r.limit).map(eventOf);
  return { events, nextCursor: more ? events[events.length - 1]!.id : null };
}

/** Every event that matches, newest first, a page at a time (constant memory). */
export async function* iterateEvents(
  store: StoreBase,
  filter: AuditFilter,
  pageSize = 1000,
): AsyncGenerator<AuditEvent[], void> {
  let beforeId: number | undefined;
  for (;;) {
    const page = await pageEvents(store, { ...filter, beforeId, limit: pageSize });
    if (page.events.length > 0) yield page.events;
    if (page.nextCursor === null) return;
    beforeId = page.nextCursor;
  }
}
