import type { AuditAction, AuditEvent, AuditOutcome } from '@obconsole/contracts';
import type { StoreBase } from '../transaction.js';
import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { StoreSchema } from '../schema.js';
import { eventOf, type AuditEventRow } from './rows.js';

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

/**
 * Newest first, keyset on id: the 1000th page costs what the first does. One query per
 * cluster, each a backward range scan of an index that starts with (cluster_id, …, id) from the
 * cursor, merged here (a reader sees a handful of clusters). MySQL gets an index hint: MariaDB
 * otherwise reads `cluster_id = ? AND id < ?` as a ref on cluster_id and walks down from the
 * newest event to the cursor, so page 1,000 cost 83× the first in bench/audit.mjs.
 */
export async function pageEvents(store: StoreBase, r: AuditPageRequest): Promise<AuditPageResult> {
  const clusters = [...new Set(r.clusters)];
  if (clusters.length === 0) return { events: [], nextCursor: null };
  const perCluster = await Promise.all(clusters.map((c) => pageOfCluster(store, c, r)));
  const rows = perCluster
    .flat()
    .sort((a, b) => Number(b.id) - Number(a.id))
    .slice(0, r.limit + 1);
  const more = rows.length > r.limit;
  const events = rows.slice(0, r.limit).map(eventOf);
  return { events, nextCursor: more ? events[events.length - 1]!.id : null };
}

/** The index whose order serves the filter: (cluster_id, <the filtered column>, id). */
function indexFor(r: AuditPageRequest): string {
  if (r.actor !== undefined) return 'audit_event_cluster_actor';
  if (r.action !== undefined) return 'audit_event_cluster_action';
  if (r.outcome !== undefined) return 'audit_event_cluster_outcome';
  return 'audit_event_cluster_id';
}

async function pageOfCluster(
  store: StoreBase,
  clusterId: string,
  r: AuditPageRequest,
): Promise<AuditEventRow[]> {
  const eb = expressionBuilder<StoreSchema, 'audit_event'>();
  const where: Expression<SqlBool>[] = [eb('audit_event.cluster_id', '=', clusterId)];
  for (const tenant of [r.scopeTenant, r.tenant]) {
    if (tenant === undefined) continue;
    where.push(
      eb.exists(
        eb
          .selectFrom('audit_event_tenant as t')
          .select('t.event_id')
          .whereRef('t.event_id', '=', 'audit_event.id')
          .where('t.tenant', '=', tenant),
      ),
    );
  }
  if (r.actor !== undefined) where.push(eb('audit_event.actor', '=', r.actor));
  if (r.action !== undefined) where.push(eb('audit_event.action', '=', r.action));
  if (r.outcome !== undefined) where.push(eb('audit_event.outcome', '=', r.outcome));
  if (r.fromMs !== undefined) where.push(eb('audit_event.time_ms', '>=', r.fromMs));
  if (r.toMs !== undefined) where.push(eb('audit_event.time_ms', '<', r.toMs));
  if (r.beforeId !== undefined) where.push(eb('audit_event.id', '<', r.beforeId));
  const hint = store.dialect === 'mysql' ? sql` FORCE INDEX (${sql.id(indexFor(r))})` : sql``;
  const { rows } =
    await sql<AuditEventRow>`select * from ${sql.table('audit_event')}${hint} where ${eb.and(where)} order by ${sql.ref('audit_event.id')} desc limit ${r.limit + 1}`.execute(
      store.db,
    );
  return rows;
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

/** Who started backup jobs, as the trail's successful backup_start events record them. */
export interface JobStarter {
  actor: string;
  timeMs: number;
  jobs: { tenant: string; jobId: number }[];
}

/**
 * The successful backup_start events of a cluster in the given time windows, with the jobs
 * each one names: one query (a range scan of (cluster_id, time_ms) per window) for a whole
 * history page, whatever its size.
 */
export async function startersInWindows(
  store: StoreBase,
  clusterId: string,
  windows: readonly { fromMs: number; toMs: number }[],
): Promise<JobStarter[]> {
  if (windows.length === 0) return [];
  const rows = await store.db
    .selectFrom('audit_event')
    .select(['actor', 'time_ms', 'details'])
    .where('cluster_id', '=', clusterId)
    .where('action', '=', 'backup_start')
    .where('outcome', '=', 'success')
    .where((eb) =>
      eb.or(
        windows.map((w) => eb.and([eb('time_ms', '>=', w.fromMs), eb('time_ms', '<=', w.toMs)])),
      ),
    )
    .execute();
  return rows.map((r) => {
    const details = JSON.parse(r.details) as { jobs?: unknown };
    const jobs = Array.isArray(details.jobs)
      ? details.jobs.flatMap((j: { tenant?: unknown; jobId?: unknown }) =>
          typeof j.tenant === 'string' && typeof j.jobId === 'number'
            ? [{ tenant: j.tenant, jobId: j.jobId }]
            : [],
        )
      : [];
    return { actor: r.actor, timeMs: Number(r.time_ms), jobs };
  });
}

/**
 * The time of a cluster's oldest successful backup_start event, or null when it has none: no
 * started-by can be found for a job that started well before it, so a history page of such jobs
 * needs no window query at all.
 */
export async function oldestStarterMs(store: StoreBase, clusterId: string): Promise<number | null> {
  const row = await store.db
    .selectFrom('audit_event')
    .select('time_ms')
    .where('cluster_id', '=', clusterId)
    .where('action', '=', 'backup_start')
    .where('outcome', '=', 'success')
    .orderBy('time_ms', 'asc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.time_ms) : null;
}
