import type mysql from 'mysql2';
import type {
  Pool,
  Connection,
  ConnectionOptions,
  PoolOptions,
  RowDataPacket,
} from 'mysql2/promise';
import { createConnection, createPool } from 'mysql2/promise';
import type { TenantMode } from '@obconsole/contracts';
import type { Logger } from './logger.js';
import { redactSql } from './redact.js';
import { isDriverError, isUnavailable } from './db-errors.js';

export { isDriverError, isUnavailable, toAppError } from './db-errors.js';
import type { Secret } from './secret.js';

export interface DbTarget {
  host: string;
  port: number;
  /** OBProxy cluster name, appended as #cluster. */
  cluster?: string;
}

export interface DbAccount {
  target: DbTarget;
  user: string;
  tenant: string;
  password: Secret;
}

export interface DbSettings {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

export type Row = Record<string, unknown>;

/** user@tenant[#cluster]: how OceanBase (and OBProxy) route a login. */
export function loginName(account: Pick<DbAccount, 'user' | 'tenant' | 'target'>): string {
  const cluster = account.target.cluster ? `#${account.target.cluster}` : '';
  return `${account.user}@${account.tenant}${cluster}`;
}

/** Identifies a database account across sessions: the unit that shares a poller. */
export function accountKey(account: Pick<DbAccount, 'user' | 'tenant' | 'target'>): string {
  const t = account.target;
  return `${t.host}:${t.port}/${t.cluster ?? ''}/${account.tenant.toLowerCase()}/${account.user}`;
}

export function connectionOptions(account: DbAccount, settings: DbSettings): ConnectionOptions {
  return {
    host: account.target.host,
    port: account.target.port,
    user: loginName(account),
    password: account.password.reveal(),
    connectTimeout: settings.connectTimeoutMs,
    // SCNs exceed 2^53, DECIMALs must stay exact, timestamp(6) keeps its microseconds.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: false,
    enableKeepAlive: true,
    // Text protocol only. mysql2's default of 16,000 sizes an LRU cache per connection at about
    // 500 KiB of heap before the first statement (bench/session-memory: 517 → 20 KiB a session).
    maxPreparedStatements: 8,
  };
}

/**
 * One account's access to the database: a small pool for reads, and dedicated connections for
 * statements whose session state must not be shared. Every statement is logged with its
 * duration, passwords masked.
 */
export class Db {
  #pool: Pool;
  #closed = false;
  /** Reads running now: an idle pool is only released when this is 0. */
  #inFlight = 0;
  #used = false;
  readonly #poolOptions: Partial<PoolOptions>;

  constructor(
    readonly account: DbAccount,
    readonly mode: TenantMode,
    private readonly settings: DbSettings,
    private readonly log: Logger,
    poolOptions: Partial<PoolOptions> = {},
    /** Pollers read every second: their statements log at debug to keep the log readable. */
    private readonly readLogLevel: 'info' | 'debug' = 'info',
  ) {
    this.#poolOptions = poolOptions;
    this.#pool = this.#createPool();
  }

  get pool(): Pool {
    return this.#pool;
  }

  #createPool(): Pool {
    const pool = createPool({
      ...connectionOptions(this.account, this.settings),
      connectionLimit: 2,
      // As many idle as the limit: with fewer, mysql2 closes a connection on release and every
      // burst of two reopened one. Idle connections are released by releaseIdle() instead.
      maxIdle: 2,
      queueLimit: 50,
      ...this.#poolOptions,
    });
    // Timestamps are read in UTC on every pooled connection, whatever the tenant's time zone.
    // The promise pool's typings lack this event; the core pool it wraps emits it.
    pool.pool.on('connection', (conn: mysql.PoolConnection) => {
      conn.query(timeZoneStatement(this.mode), (err) => {
        if (err) this.log.warn({ err: err.message }, 'could not set the session time zone');
      });
    });
    return pool;
  }

  /**
   * Closes the pool's connections when nothing runs on it: a session nobody has used for a while
   * holds no database connection. The next read opens one again.
   */
  async releaseIdle(): Promise<boolean> {
    if (this.#closed || this.#inFlight > 0 || !this.#used) return false;
    const old = this.#pool;
    this.#pool = this.#createPool();
    this.#used = false;
    await old.end().catch(() => undefined);
    return true;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A read. Retried once on a dropped connection: the pool replaces it. */
  async query(name: string, sql: string): Promise<Row[]> {
    try {
      return await this.#run(name, sql);
    } catch (e) {
      if (!this.#closed && isUnavailable(e)) {
        return this.#run(name, sql);
      }
      throw e;
    }
  }

  async #run(name: string, sql: string): Promise<Row[]> {
    const started = performance.now();
    this.#inFlight += 1;
    this.#used = true;
    try {
      const [rows] = await this.#pool.query<RowDataPacket[]>({
        sql,
        timeout: this.settings.queryTimeoutMs,
      });
      this.log[this.readLogLevel](
        {
          sqlName: name,
          sql: redactSql(sql),
          ms: round(performance.now() - started),
          rows: rows.length,
        },
        'sql',
      );
      return rows;
    } catch (e) {
      this.log.info(
        {
          sqlName: name,
          sql: redactSql(sql),
          ms: round(performance.now() - started),
          errno: isDriverError(e) ? (e.errno ?? e.code) : undefined,
        },
        'sql failed',
      );
      throw e;
    } finally {
      this.#inFlight -= 1;
    }
  }

  /**
   * Runs statements on a connection of their own, then destroys it: session settings such as
   * SET ENCRYPTION stay with that connection and never reach a pooled one.
   */
  async withDedicatedConnection<T>(
    fn: (run: (name: string, sql: string, logged?: string) => Promise<Row[]>) => Promise<T>,
  ): Promise<T> {
    const conn: Connection = await createConnection(connectionOptions(this.account, this.settings));
    conn.on('error', () => undefined);
    // `logged` is what the log shows: a statement that carries a secret passes its masked form,
    // because no pattern can mask a literal reliably in both quoting modes.
    const run = async (name: string, sql: string, logged = redactSql(sql)): Promise<Row[]> => {
      const started = performance.now();
      try {
        const [rows] = await conn.query<RowDataPacket[]>({
          sql,
          timeout: this.settings.queryTimeoutMs,
        });
        this.log.info(
          { sqlName: name, sql: logged, ms: round(performance.now() - started) },
          'sql',
        );
        return Array.isArray(rows) ? rows : [];
      } catch (e) {
        this.log.info(
          {
            sqlName: name,
            sql: logged,
            ms: round(performance.now() - started),
            errno: isDriverError(e) ? (e.errno ?? e.code) : undefined,
          },
          'sql failed',
        );
        throw e;
      }
    };
    try {
      await run('set-time-zone', timeZoneStatement(this.mode));
      return await fn(run);
    } finally {
      conn.destroy();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end().catch(() => undefined);
  }
}

export function timeZoneStatement(mode: TenantMode): string {
  return mode === 'ORACLE' ? "ALTER SESSION SET TIME_ZONE = '+00:00'" : "SET time_zone = '+00:00'";
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
