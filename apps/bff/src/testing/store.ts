import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '@obconsole/store';
import { createTestDatabase, type MariaDbInfo } from '@obconsole/store/testing';

export interface TempStore {
  store: Store;
  /** Another connection to the same store: what a second console instance would open. */
  another(): Promise<Store>;
  cleanup(): Promise<void>;
}

/** A real console store (the embedded SQLite file) in a temporary directory, and its removal. */
export async function tempStore(now?: () => number): Promise<TempStore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-bff-store-'));
  const opened: Store[] = [];
  const open = async () => {
    const s = await openStore({ dataDir, now });
    opened.push(s);
    return s;
  };
  const store = await open();
  return {
    store,
    another: open,
    async cleanup() {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A console store on a real MariaDB server (a fresh database and user on it), as several
 * instances share one in production (STORE_URL); `another()` opens a second pool to it.
 */
export async function mariaDbStore(server: MariaDbInfo, now?: () => number): Promise<TempStore> {
  const db = await createTestDatabase(server, 'bff');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'obconsole-bff-store-'));
  const opened: Store[] = [];
  const open = async () => {
    const s = await openStore({ url: db.url, password: db.password, dataDir, now });
    opened.push(s);
    return s;
  };
  const store = await open();
  return {
    store,
    another: open,
    async cleanup() {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
