import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../index.js';
import { makeBackend, type TestBackend } from '../test-helpers/backends.js';

/** Index entries the store's one connection has read so far (MariaDB's session counters). */
async function rowsRead(store: Store): Promise<number> {
  const { rows } = await sql<{
    Variable_name: string;
    Value: string;
  }>`SHOW SESSION STATUS LIKE 'Handler_read%'`.execute(store.db);
  return rows.reduce((n, r) => n + Number(r.Value), 0);
}

describe('a deep audit page on MariaDB', () => {
  let b: TestBackend;
  let store: Store;
  let deepCursor: number;
  beforeAll(async () => {
    b = await makeBackend('mariadb');
    // One connection, so that the session counters are the store's own.
    store = await b.open({ connectionLimit: 1 });
    const appends = [];
    for (let i = 0; i < 3000; i++)
      appends.push(
        store.audit.append({
          clusterId: i % 5 ? 'hz' : 'sh',
          actor: i % 2 ? 'root@sys' : 'admin@mysql_tenant',
          action: i % 3 ? 'backup_start' : 'sign_in',
          outcome: 'success',
          details: { i },
        }),
      );
    deepCursor = (await Promise.all(appends))[300]!.id;
  });
  afterAll(async () => {
    await b.cleanup();
  });

  // Counted, not timed: MariaDB's own optimizer once read every newer event to reach the cursor.
  it.each([
    ['no filter', {}],
    ['an action filter', { action: 'backup_start' as const }],
    ['an actor filter', { actor: 'root@sys' }],
  ])('reads about as many rows as the first page, with %s', async (_what, filter) => {
    const cost = async (beforeId?: number) => {
      const before = await rowsRead(store);
      const page = await store.audit.page({ clusters: ['hz'], ...filter, beforeId, limit: 50 });
      expect(page.events).toHaveLength(50);
      return (await rowsRead(store)) - before;
    };
    const first = await cost();
    const deep = await cost(deepCursor);
    expect(deep).toBeLessThanOrEqual(first * 2 + 20);
    expect(first).toBeLessThan(500);
  });
});
