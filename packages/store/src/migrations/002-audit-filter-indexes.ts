import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The audit page filters by action, actor and outcome within a cluster, newest first: each
 * gets an index ending in id, so a filtered page is a range scan, not a walk of the cluster.
 */
export function auditFilterIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const column of ['action', 'actor', 'outcome'] as const) {
        await db.schema
          .createIndex(`audit_event_cluster_${column}`)
          .on('audit_event')
          .columns(['cluster_id', column, 'id'])
          .execute();
      }
    },
  };
}
