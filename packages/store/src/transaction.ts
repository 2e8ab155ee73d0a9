import { sql, type Kysely } from 'kysely';
import type { Dialect } from './dialect.js';
import type { StoreSchema } from './schema.js';

export interface StoreBase {
  readonly dialect: Dialect;
  readonly db: Kysely<StoreSchema>;
  now(): number;
}

/**
 * Runs fn in a transaction that holds the write lock from its first statement. SQLite:
 * BEGIN IMMEDIATE (a deferred BEGIN would read, then fail to upgrade when another process
 * wrote meanwhile). MySQL: a normal transaction; fn locks the rows it must (SELECT ... FOR
 * UPDATE). Deadlocks and busy errors are retried, so concurrent writers queue instead of failing.
 */
export async function writeTransaction<T>(
  store: StoreBase,
  fn: (trx: Kysely<StoreSchema>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (store.dialect === 'mysql') return await store.db.transaction().execute(fn);
      return await store.db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const out = await fn(conn);
          await sql`commit`.execute(conn);
          return out;
        } catch (e) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw e;
        }
      });
    } catch (e) {
      if (attempt >= 8 || !isTransient(e)) throw e;
      // Jittered backoff, so two instances that collided do not collide again in lock step.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
    }
  }
}

function isTransient(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown };
  // 1213 deadlock, 1205 lock wait timeout (OceanBase's MySQL mode reports its lock conflicts
  // with the same numbers); SQLITE_BUSY after busy_timeout.
  return (
    err.errno === 1213 ||
    err.errno === 1205 ||
    err.code === 'SQLITE_BUSY' ||
    err.code === 'SQLITE_BUSY_SNAPSHOT'
  );
}
