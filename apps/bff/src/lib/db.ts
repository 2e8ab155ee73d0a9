import type mysql from 'mysql2';
import type { Pool, PoolConnection, Connection, PoolOptions, RowDataPacket } from 'mysql2/promise';
import { createConnection, createPool } from 'mysql2/promise';
import type { TenantMode } from '@obconsole/contracts';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';
import { redactSql, scrub } from './redact.js';
import { currentBudget, remainingMs, timedOut } from './deadline.js';
import { isDriverError, isUnavailable } from './db-errors.js';
import { readsBackslashEscapes } from './sql-literals.js';
import {
  connectionOptions,
  timeZoneStatement,
  type DbAccount,
  type DbSettings,
} from './db-account.js';

export { isDriverError, isUnavailable, toAppError } from './db-errors.js';
export {
  accountKey,
  connectionOptions,
  loginName,
  timeZoneStatement,
  type DbAccount,
  type DbSettings,
  type DbTarget,
} from './db-account.js';

/** Stands for work without a request (pollers) in the count of waiting requests. */
const BACKGROUND = {};

/** mysql2's error for a statement that outlived its timeout; the connection is still busy with it. */
const STATEMENT_TIMEOUT = 'PROTOCOL_SEQUENCE_TIMEOUT';

export type Row = Record<string, unknown>;

/** What a dedicated connection learned on connect. */
export interface DedicatedSession {
  /** The session reads backslash escapes in string literals (MySQL mode, no NO_BACKSLASH_ESCAPES). */
  backslashEscapes: boolean;
}

/** Statements that only read; anything else (ALTER SYSTEM …) logs at info whatever the level of reads. */
const READ = /^\s*(SELECT|SHOW|WITH)\b/i;

/**
 * One account's access to the database: a small pool for reads, and dedicated connections for
 * statements whose session state must not be shared. Every statement is logged with its
 * duration, passwords masked. Each statement, and each wait for a connection, gets what is left
 * of the request's time (lib/deadline.ts), so a frozen database costs a request at most
 * OB_QUERY_TIMEOUT_MS.
 */
export class Db {
  #pool: Pool;
  #closed = false;
  /** Reads running now: an idle pool is only released when this is 0. */
  #inFlight = 0;
  /** Requests with reads waiting for a pooled connection, and how many reads each. */
  readonly #waiting = new Map<object, number>();
  #used = false;
  readonly #poolOptions: Partial<PoolOptions>;

  constructor(
    readonly account: DbAccount,
    readonly mode: TenantMode,
    private readonly settings: DbSettings,
    private readonly log: Logger,
    poolOptions: Partial<PoolOptions> = {},
    /**
     * Reads log at debug: a line per statement at info was a fifth of the BFF's own time per
     * request (a synchronous write to stdout each); the request's own line stays at info, and
     * changes (the dedicated connection's statements) and failures still log at info.
     */
    private readonly readLogLevel: 'info' | 'debug' = 'debug',
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
      // The wait is bounded here (queueLimit) and by each request's deadline, not by mysql2.
      queueLimit: 0,
      ...this.#poolOptions,
    });
    // Timestamps are read in UTC on every pooled connection, whatever the tenant's time zone.
    // The promise pool's typings lack this event; the core pool it wraps emits it.
    pool.pool.on('connection', (conn: mysql.PoolConnection) => {
      conn.query(
        { sql: timeZoneStatement(this.mode), timeout: this.settings.queryTimeoutMs },
        (err) => {
          if (err) this.log.warn({ err: err.message }, 'could not set the session time zone');
        },
      );
    });
    return pool;
  }

  /**
   * Closes the pool's connections when nothing runs on it: a session nobody has used for a while
   * holds no database connection. The next read opens one again.
   */
  async releaseIdle(): Promise<boolean> {
    if (this.#closed || this.#inFlight > 0 || this.#waiting.size > 0 || !this.#used) return false;
    const old = this.#pool;
    this.#pool = this.#createPool();
    this.#used = false;
    await old.end().catch(() => undefined);
    return true;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * A read. Retried once on a dropped connection (the pool replaces it), never after a timeout:
   * a database that did not answer once will not answer a second time within the deadline.
   */
  async query(name: string, sql: string): Promise<Row[]> {
    try {
      return await this.#run(name, sql);
    } catch (e) {
      if (
        !this.#closed &&
        isUnavailable(e) &&
        !(isDriverError(e) && e.code === STATEMENT_TIMEOUT)
      ) {
        return this.#run(name, sql);
      }
      throw e;
    }
  }

  /** A pooled connection within `timeoutMs`; one that arrives later goes straight back. */
  async #acquire(timeoutMs: number): Promise<PoolConnection> {
    const limit = this.settings.queueLimit ?? 20;
    // Counted per request: the parallel reads of one request (a tenant list runs five) are one
    // request waiting, however many of them wait.
    const request: object = currentBudget() ?? BACKGROUND;
    const mine = this.#waiting.get(request) ?? 0;
    if (mine === 0 && this.#waiting.size >= limit) {
      throw new AppError(
        'DATABASE_BUSY',
        `The database is busy: ${limit} requests of this session are already waiting for it. Wait for them to finish, then try again.`,
        { queueLimit: limit },
        { limit },
      );
    }
    this.#waiting.set(request, mine + 1);
    const pending = this.#pool.getConnection();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut(this.settings.queryTimeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([pending, expired]);
    } catch (e) {
      pending.then((c) => c.release()).catch(() => undefined);
      throw e;
    } finally {
      clearTimeout(timer);
      const left = (this.#waiting.get(request) ?? 1) - 1;
      if (left <= 0) this.#waiting.delete(request);
      else this.#waiting.set(request, left);
    }
  }

  async #run(name: string, sql: string): Promise<Row[]> {
    const started = performance.now();
    this.#inFlight += 1;
    this.#used = true;
    let conn: PoolConnection | undefined;
    try {
      conn = await this.#acquire(remainingMs(this.settings.queryTimeoutMs));
      // Checked again after the wait: a request whose client left meanwhile sends nothing.
      const timeout = remainingMs(this.settings.queryTimeoutMs);
      const [rows] = await conn.query<RowDataPacket[]>({ sql, timeout });
      conn.release();
      conn = undefined;
      this.log[READ.test(sql) ? this.readLogLevel : 'info'](
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
      // A timed-out statement leaves its connection busy for good: destroy it, or every later
      // read would queue behind it.
      if (conn && isDriverError(e) && e.code === STATEMENT_TIMEOUT) conn.destroy();
      else conn?.release();
      this.log.info(
        {
          sqlName: name,
          sql: redactSql(sql),
          ms: round(performance.now() - started),
          errno: isDriverError(e)
            ? (e.errno ?? e.code)
            : e instanceof AppError
              ? e.code
              : undefined,
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
   * SET ENCRYPTION stay with that connection and never reach a pooled one. Each statement is
   * only sent while the request still wants it (its client is there, its deadline not passed).
   */
  async withDedicatedConnection<T>(
    fn: (
      run: (name: string, sql: string, logged?: string, secrets?: string[]) => Promise<Row[]>,
      session: DedicatedSession,
    ) => Promise<T>,
  ): Promise<T> {
    const connectTimeout = Math.min(
      this.settings.connectTimeoutMs,
      remainingMs(this.settings.queryTimeoutMs),
    );
    const conn: Connection = await createConnection({
      ...connectionOptions(this.account, this.settings),
      connectTimeout,
    });
    conn.on('error', () => undefined);
    // `logged` is what the log shows: a statement that carries a secret passes its masked form,
    // because no pattern can mask a literal reliably in both quoting modes.
    // `secrets` are the literals the statement carries: OceanBase may echo the statement in its
    // error, so they are masked in the error itself, before anything can log or answer it.
    const run = async (
      name: string,
      sql: string,
      logged = redactSql(sql),
      secrets: string[] = [],
    ): Promise<Row[]> => {
      const started = performance.now();
      try {
        const timeout = remainingMs(this.settings.queryTimeoutMs);
        const [rows] = await conn.query<RowDataPacket[]>({ sql, timeout });
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
            errno: isDriverError(e)
              ? (e.errno ?? e.code)
              : e instanceof AppError
                ? e.code
                : undefined,
          },
          'sql failed',
        );
        if (secrets.length > 0 && isDriverError(e)) scrubDriverError(e, secrets);
        throw e;
      }
    };
    try {
      await run('set-time-zone', timeZoneStatement(this.mode));
      // Literals carrying what the user typed (a password) must be written for this session's
      // sql_mode: with NO_BACKSLASH_ESCAPES a backslash is an ordinary character.
      let backslashEscapes = false;
      if (this.mode === 'MYSQL') {
        const [row] = await run('sql-mode', 'SELECT @@sql_mode AS sql_mode');
        const sqlMode = row?.sql_mode;
        backslashEscapes = readsBackslashEscapes(
          this.mode,
          typeof sqlMode === 'string' ? sqlMode : '',
        );
      }
      return await fn(run, { backslashEscapes });
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

function scrubDriverError(
  e: { sqlMessage?: string; message?: string; sql?: string },
  secrets: string[],
): void {
  if (e.sqlMessage !== undefined) e.sqlMessage = scrub(e.sqlMessage, secrets);
  if (e.message !== undefined) e.message = scrub(e.message, secrets);
  if (e.sql !== undefined) e.sql = scrub(e.sql, secrets);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
