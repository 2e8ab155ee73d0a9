import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_MIGRATION, parseStoreUrl, StoreConfigError } from './index.js';
import { migrations } from './migrations/index.js';
import { BACKENDS, makeBackend, type TestBackend } from './test-helpers/backends.js';

const event = (n: number) => ({
  clusterId: 'hz',
  actor: 'root@sys',
  action: 'backup_start' as const,
  outcome: 'success' as const,
  tenants: ['mysql_tenant'],
  details: { n },
});

async function indexNames(b: TestBackend): Promise<string[]> {
  const rows =
    b.kind === 'sqlite'
      ? await b.raw(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_event'`,
        )
      : await b.raw(
          `SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'audit_event'`,
        );
  return rows.map((r) => String(r.name ?? r.NAME));
}

describe.each(BACKENDS)('the store on %s', (kind) => {
  let b: TestBackend;
  afterEach(async () => {
    await b?.cleanup();
  });

  it('creates every table from an empty database and records each migration once', async () => {
    b = await makeBackend(kind);
    const store = await b.open();
    expect(store.dialect).toBe(kind === 'sqlite' ? 'sqlite' : 'mysql');
    const done = await b.raw('SELECT name FROM kysely_migration ORDER BY name');
    expect(done.map((r) => r.name)).toEqual(Object.keys(migrations('sqlite')));
    expect(done.at(-1)?.name).toBe(LATEST_MIGRATION);
    expect(await indexNames(b)).toEqual(expect.arrayContaining(['audit_event_cluster_action']));
    // A second open finds nothing to do and changes nothing.
    await b.open();
    expect(await b.raw('SELECT name FROM kysely_migration')).toHaveLength(done.length);
  });

  it('upgrades a store created at version 1 and keeps its events verifiable', async () => {
    b = await makeBackend(kind);
    const old = await b.open({ migrateTo: '001-audit-trail' });
    expect(await indexNames(b)).not.toContain('audit_event_cluster_action');
    for (let i = 1; i <= 3; i++) await old.audit.append(event(i));
    await old.close();

    const store = await b.open();
    expect(await indexNames(b)).toEqual(
      expect.arrayContaining([
        'audit_event_cluster_action',
        'audit_event_cluster_actor',
        'audit_event_cluster_outcome',
      ]),
    );
    const page = await store.audit.page({ clusters: ['hz'], action: 'backup_start', limit: 10 });
    expect(page.events.map((e) => e.details.n)).toEqual([3, 2, 1]);
    expect((await store.audit.verify('hz')).ok).toBe(true);
  });

  it('answers a ping while open, and fails it once closed', async () => {
    b = await makeBackend(kind);
    const store = await b.open();
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('keeps everything across a restart', async () => {
    b = await makeBackend(kind);
    const first = await b.open();
    await first.audit.append(event(1));
    await first.close();
    const again = await b.open();
    const page = await again.audit.page({ clusters: ['hz'], limit: 10 });
    expect(page.events).toHaveLength(1);
    expect(page.events[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe('the embedded store', () => {
  let b: TestBackend;
  afterEach(async () => {
    await b?.cleanup();
  });

  it('creates console.sqlite in the data directory, in WAL mode', async () => {
    b = await makeBackend('sqlite');
    await b.open();
    const file = path.join(b.options.dataDir, 'console.sqlite');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).isFile()).toBe(true);
    const [mode] = await b.raw('PRAGMA journal_mode');
    expect(mode).toEqual({ journal_mode: 'wal' });
  });

  it.runIf(process.platform !== 'win32')(
    'keeps console.sqlite and its WAL readable by the console only (0600), and narrows an older file',
    async () => {
      b = await makeBackend('sqlite');
      const file = path.join(b.options.dataDir, 'console.sqlite');
      mkdirSync(b.options.dataDir, { recursive: true });
      writeFileSync(file, '', { mode: 0o644 });
      chmodSync(file, 0o644);
      await b.open();
      await b.raw('SELECT 1');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const wal = `${file}-wal`;
      expect(statSync(wal).mode & 0o777).toBe(0o600);
    },
  );
});

describe('STORE_URL', () => {
  it('is the SQLite file in DATA_DIR when unset', () => {
    expect(parseStoreUrl(undefined, '/srv/data')).toEqual({
      dialect: 'sqlite',
      file: '/srv/data/console.sqlite',
    });
  });

  it('reads user, host, port and database of a mysql:// url (user@tenant written %40)', () => {
    expect(parseStoreUrl('mysql://console%40meta@ob.example:2881/console', '.')).toEqual({
      dialect: 'mysql',
      host: 'ob.example',
      port: 2881,
      user: 'console@meta',
      database: 'console',
    });
  });

  it.each([
    ['mysql://u:secret@h:3306/db', /must not contain a password.*STORE_PASSWORD_FILE/],
    ['postgres://u@h/db', /must start with mysql:\/\//],
    ['mysql://u@h:3306/', /needs one database name/],
    ['mysql://h:3306/db', /needs a user/],
    ['not a url', /not a URL/],
  ])('refuses %s with a message saying what to write', (url, message) => {
    expect(() => parseStoreUrl(url, '.')).toThrow(StoreConfigError);
    expect(() => parseStoreUrl(url, '.')).toThrow(message);
  });

  it('never repeats the password it refuses', () => {
    expect(() => parseStoreUrl('mysql://u:hunter22@h/db', '.')).not.toThrow(/hunter22/);
  });
});
