import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import type { Dialect } from '../dialect.js';
import { auditTrail } from './001-audit-trail.js';
import { auditFilterIndexes } from './002-audit-filter-indexes.js';
import { policiesAndAlerts } from './003-policies-and-alerts.js';

/** In order. Names sort as they run; never rename or edit one that has shipped. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001-audit-trail': auditTrail(dialect),
    '002-audit-filter-indexes': auditFilterIndexes(),
    '003-policies-and-alerts': policiesAndAlerts(dialect),
  };
}

export const LATEST_MIGRATION = '003-policies-and-alerts';

/**
 * Brings the schema to `target` (default: the latest). Kysely's migrator records what ran in
 * kysely_migration and holds a lock while it runs, so instances starting together migrate once.
 */
export async function migrate(
  db: Kysely<unknown>,
  dialect: Dialect,
  target?: string,
): Promise<string[]> {
  const all = migrations(dialect);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(all) },
  });
  const { error, results } =
    target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw new Error(
      `store migration ${failed?.migrationName ?? ''} failed: ${reason}`.replace('  ', ' '),
      { cause: error },
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}
