import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import { AuditTrail } from './audit/audit-trail.js';
import type { Dialect } from './dialect.js';
import { describeLocation, parseStoreUrl, type StoreLocation } from './location.js';
import { migrate } from './migrations/index.js';
import type { StoreSchema } from './schema.js';

export interface OpenStoreOptions {
  /** Unset: the embedded SQLite file in dataDir. `mysql://user@host:port/db` for production. */
  url?: string | undefined;
  /** The MySQL password (never part of the url). */
  password?: string | undefined;
  /** The console's data directory (created when missing). */
  dataDir: string;
  /** The clock of the store's timestamps (tests drive it; default Date.now). */
  now?: () => number;
  /** MySQL pool size (default 10). */
  connectionLimit?: number;
  /**
   * Run migrations up to this one instead of the latest: only for tests that start from an
   * older schema.
   */
  migrateTo?: string;
}

export interface Store {
  readonly dialect: Dialect;
  readonly db: Kysely<StoreSchema>;
  /** Where the store is, without any secret. */
  readonly location: string;
  readonly audit: AuditTrail;
  now(): number;
  /**
   * Resolves when the store answers a query: for readiness checks, and before an action whose
   * record must be written (no action without its record).
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store could not be opened: its message says where and why, never a password. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * Opens the console's store and brings its schema up to date. Throws StoreConfigError for a
 * bad url and StoreUnavailableError when the database cannot be reached or migrated.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const location = parseStoreUrl(options.url, options.dataDir);
  const where = describeLocation(location);
  const dialect = location.dialect;
  const db = new Kysely<StoreSchema>({ dialect: kyselyDialect(location, options) });
  try {
    await migrateWithRetry(db as Kysely<unknown>, dialect, options.migrateTo);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw new StoreUnavailableError(
      `the console's store at ${where} cannot be opened: ${reason(e)}`,
      {
        cause: e,
      },
    );
  }
  const now = options.now ?? Date.now;
  const base = { dialect, db, now };
  return {
    dialect,
    db,
    location: where,
    audit: new AuditTrail(base),
    now,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/**
 * Instances that start together on a new store race to create Kysely's own migration tables
 * (and SQLite has no migration lock: two processes both ran 001, and one failed with "table
 * audit_event already exists"). The loser's transaction rolled back; a second look, once the
 * winner committed, finds everything done.
 */
async function migrateWithRetry(db: Kysely<unknown>, dialect: Dialect, target?: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrate(db, dialect, target);
    } catch (e) {
      if (attempt >= 4) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
    }
  }
}

/**
 * The audit trail and the sealed secrets are the console's to read: the file is created 0600
 * (SQLite gives its -wal and -shm files the same mode), and an older file that others could
 * read is narrowed on open.
 */
function ownerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}

function kyselyDialect(location: StoreLocation, options: OpenStoreOptions) {
  if (location.dialect === 'sqlite') {
    mkdirSync(path.dirname(location.file), { recursive: true, mode: 0o700 });
    ownerOnly(location.file);
    return new SqliteDialect({
      database: () => {
        const sqlite = new Database(location.file);
        // WAL: readers do not block the writer. FULL: an audit event written is on disk before
        // the action it records goes ahead. busy_timeout: a second process waits for the lock.
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('synchronous = FULL');
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('foreign_keys = ON');
        return Promise.resolve(sqlite);
      },
    });
  }
  return new MysqlDialect({
    pool: createPool({
      host: location.host,
      port: location.port,
      user: location.user,
      password: options.password ?? '',
      database: location.database,
      connectionLimit: options.connectionLimit ?? 10,
      charset: 'utf8mb4',
      timezone: 'Z',
      supportBigNumbers: true,
      connectTimeout: 10_000,
    }),
  });
}

function reason(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const inner = err.cause ?? err;
  const code = inner.code ?? err.code;
  const message = inner.message ?? err.message ?? String(e);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
