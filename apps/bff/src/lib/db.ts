import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { TenantMode } from '@obconsole/contracts';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';
import { redactSql } from './redact.js';
import { currentBudget, remainingMs } from './deadline.js';
import { isDriverError, isUnavailable } from './db-errors.js';
import { readsBackslashEscapes } from './sql-literals.js';
import { timeZoneStatement, type DbAccount, type DbSettings } from './db-account.js';
import { logFailure, logLevelOf, logStatement, scrubDriverError } from './db-log.js';
import type { SharedPool } from './pool.js';
import { pools } from './pool-registry.js';

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

/**
 * One user's access to the database (a session, a poller, the watcher, a service account): its
 * own deadline, logging and closing, on connections borrowed from the account's shared pool
 * (lib/pool.ts), within the connection budget. Every statement is logged with its duration,
 * passwords masked. Each statement, and each wait for a connection, gets what is left of the
 * request's time (lib/deadline.ts), so a frozen database costs a request at most
 * OB_QUERY_TIMEOUT_MS.
 */
export class Db {
  readonly #pool: SharedPool;
  #closed = false;
  /** Requests with reads waiting for a connection, and how many reads each. */
  readonly #waiting = new Map<object, number>();

  constructor(
    readonly account: DbAccount,
    readonly mode: TenantMode,
    private readonly settings: DbSettings,
    private readonly log: Logger,
    /**
     * Reads log at debug: a line per statement at info was a fifth of the BFF's own time per
     * request (a synchronous write to stdout each); the request's own line stays at info, and
     * changes (the dedicated connection's statements) and failures still log at info.
     */
    private readonly readLogLevel: 'info' | 'debug' = 'debug',
  ) {
    this.#pool = pools.borrow(account, mode, settings);
  }

  /**
   * Closes the account's idle connections when nobody else uses the pool: a session nobody has
   * used for a while holds no database connection. Shared pools close theirs after
   * OB_CONNECTION_IDLE_SECONDS anyway.
   */
  releaseIdle(): Promise<boolean> {
    if (this.#closed || this.#pool.users > 1 || this.#pool.lent > 0) return Promise.resolve(false);
    return Promise.resolve(this.#pool.closeIdle(0) > 0);
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

  /** A connection of the shared pool within what is left of the request's time. */
  async #acquire(): Promise<Connection> {
    if (this.#closed) throw new Error('this database access was closed');
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
    try {
      return await this.#pool.acquire(remainingMs(this.settings.queryTimeoutMs));
    } finally {
      const left = (this.#waiting.get(request) ?? 1) - 1;
      if (left <= 0) this.#waiting.delete(request);
      else this.#waiting.set(request, left);
    }
  }

  async #run(name: string, sql: string): Promise<Row[]> {
    const started = performance.now();
    let conn: Connection | undefined;
    try {
      conn = await this.#acquire();
      // Checked again after the wait: a request whose client left meanwhile sends nothing.
      const timeout = remainingMs(this.settings.queryTimeoutMs);
      this.#pool.sent();
      const [rows] = await conn.query<RowDataPacket[]>({ sql, timeout }).finally(() => {
        this.#pool.answered();
      });
      this.#pool.release(conn);
      conn = undefined;
      logStatement(this.log, logLevelOf(sql, this.readLogLevel), {
        sqlName: name,
        sql: redactSql(sql),
        started,
        rows: rows.length,
      });
      return rows;
    } catch (e) {
      if (conn) {
        // A timed-out statement leaves its connection busy for good, a broken one is useless:
        // destroy them, or later reads would queue behind them or fail on them.
        if (isDriverError(e) && (e.code === STATEMENT_TIMEOUT || e.fatal || isUnavailable(e))) {
          this.#pool.destroy(conn);
        } else {
          this.#pool.release(conn);
        }
      }
      logFailure(this.log, { sqlName: name, sql: redactSql(sql), started }, e);
      throw e;
    }
  }

  /**
   * Runs statements on a connection of their own, then destroys it: session settings such as
   * SET ENCRYPTION stay with that connection and never reach a pooled one. It is taken within
   * the budget like any other and counts against it until destroyed. Each statement is only
   * sent while the request still wants it (its client is there, its deadline not passed).
   */
  async withDedicatedConnection<T>(
    fn: (
      run: (name: string, sql: string, logged?: string, secrets?: string[]) => Promise<Row[]>,
      session: DedicatedSession,
    ) => Promise<T>,
  ): Promise<T> {
    const conn = await this.#acquire();
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
        this.#pool.sent();
        const [rows] = await conn.query<RowDataPacket[]>({ sql, timeout }).finally(() => {
          this.#pool.answered();
        });
        logStatement(this.log, 'info', { sqlName: name, sql: logged, started });
        return Array.isArray(rows) ? rows : [];
      } catch (e) {
        logFailure(this.log, { sqlName: name, sql: logged, started }, e);
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
      this.#pool.destroy(conn);
    }
  }

  /** Gives the pool back: the last user's close ends it (lib/pool.ts). */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#pool.leave();
    return Promise.resolve();
  }
}
