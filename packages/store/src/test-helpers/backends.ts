import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { inject } from 'vitest';
import { openStore, type OpenStoreOptions, type Store } from '../index.js';
import { createTestDatabase, rootConnection } from '../testing/mariadb.js';

export const BACKENDS = ['sqlite', 'mariadb'] as const;
export type BackendKind = (typeof BACKENDS)[number];

/** One empty store location, and raw SQL access around the store (to tamper, to inspect). */
export interface TestBackend {
  kind: BackendKind;
  options: OpenStoreOptions;
  open(extra?: Partial<OpenStoreOptions>): Promise<Store>;
  raw(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

export async function makeBackend(kind: BackendKind): Promise<TestBackend> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-store-'));
  const stores: Store[] = [];
  const track = async (extra: Partial<OpenStoreOptions>, options: OpenStoreOptions) => {
    const s = await openStore({ ...options, ...extra });
    stores.push(s);
    return s;
  };
  if (kind === 'sqlite') {
    const options: OpenStoreOptions = { dataDir };
    const file = path.join(dataDir, 'console.sqlite');
    return {
      kind,
      options,
      open: (extra = {}) => track(extra, options),
      raw(sql, params = []) {
        const db = new Database(file);
        try {
          const st = db.prepare(sql);
          return Promise.resolve(
            st.reader ? (st.all(...params) as Record<string, unknown>[]) : (st.run(...params), []),
          );
        } finally {
          db.close();
        }
      },
      async cleanup() {
        await Promise.all(stores.map((s) => s.close()));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const info = inject('mariadb');
  const t = await createTestDatabase(info);
  const options: OpenStoreOptions = { url: t.url, password: t.password, dataDir };
  return {
    kind,
    options,
    open: (extra = {}) => track(extra, options),
    async raw(sql, params = []) {
      const c = await rootConnection(info, t.database);
      try {
        const [rows] = await c.query(sql, params);
        return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
      } finally {
        await c.end();
      }
    },
    async cleanup() {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 1, 8, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}
