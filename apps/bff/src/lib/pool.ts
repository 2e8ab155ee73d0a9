import type { Connection } from 'mysql2/promise';
import { createConnection } from 'mysql2/promise';
import type { TenantMode } from '@obconsole/contracts';
import { AppError } from './errors.js';
import { timedOut } from './deadline.js';
import type { BudgetLimits, ConnectionBudget } from './connection-budget.js';
import {
  connectionOptions,
  timeZoneStatement,
  type DbAccount,
  type DbSettings,
} from './db-account.js';

/**
 * One pool of connections per database account (and password, and tenant mode), shared by every
 * session of that account, its poller, the job watcher and the service account: 100 sessions of
 * one account hold at most OB_MAX_CONNECTIONS_PER_ACCOUNT connections, not two each. A borrower
 * that finds the budget spent waits in line until its deadline. Idle connections close after
 * OB_CONNECTION_IDLE_SECONDS; the pool itself when its last user closes.
 */

interface Idle {
  conn: Connection;
  since: number;
}

interface Waiter {
  resolve: (conn: Connection) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
  /** Withdraws the wait for a place in the budget. */
  withdraw: () => void;
}

export function busy(waitedMs: number, limits: BudgetLimits): AppError {
  return new AppError(
    'DATABASE_BUSY',
    `The database is busy: every connection this account may open (${limits.perAccount} per account, ${limits.perCluster} per cluster) was in use for ${Math.round(waitedMs / 100) / 10} s. Try again in a moment.`,
    { perAccount: limits.perAccount, perCluster: limits.perCluster },
    { variant: 'budget', perAccount: limits.perAccount, perCluster: limits.perCluster },
  );
}

export class SharedPool {
  readonly #idle: Idle[] = [];
  readonly #waiters: Waiter[] = [];
  /** Connections handed out now (a dedicated one included). */
  #lent = 0;
  users = 0;
  #ended = false;
  #sweeper: NodeJS.Timeout | undefined;
  /** Statements sent on this pool's connections and not answered yet; when the last answer came. */
  #unanswered = 0;
  #answeredAt = 0;

  constructor(
    readonly key: string,
    readonly account: string,
    private readonly dbAccount: DbAccount,
    private readonly mode: TenantMode,
    private readonly settings: DbSettings,
    private readonly budget: ConnectionBudget,
    private readonly idleMs: number,
    private readonly onEnd: (pool: SharedPool) => void,
  ) {}

  get idleCount(): number {
    return this.#idle.length;
  }

  get lent(): number {
    return this.#lent;
  }

  /**
   * A connection within `timeoutMs`: an idle one, else a new one if the budget has a place, else
   * the first one released or the first place freed, in arrival order. DATABASE_BUSY after that.
   */
  acquire(timeoutMs: number): Promise<Connection> {
    if (this.#ended) return Promise.reject(new Error('the pool was closed'));
    const idle = this.#idle.pop();
    if (idle) {
      this.#lent += 1;
      return Promise.resolve(idle.conn);
    }
    if (this.budget.tryTake(this.account)) return this.#open(timeoutMs);
    const started = Date.now();
    return new Promise<Connection>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#leave(waiter);
          // Busy is a database that answers, just not fast enough for everyone; one that
          // answered nothing all the while, statements pending, is not answering (frozen).
          const frozen = this.#unanswered > 0 && this.#answeredAt < started;
          reject(
            frozen
              ? timedOut(this.settings.queryTimeoutMs)
              : busy(Date.now() - started, this.budget.limits),
          );
        }, timeoutMs),
        withdraw: () => undefined,
      };
      this.#waiters.push(waiter);
      waiter.withdraw = this.budget.wait(this.account, () => {
        this.#leave(waiter);
        this.#open(Math.max(1, timeoutMs - (Date.now() - started))).then(resolve, reject);
      });
    });
  }

  #leave(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiter.withdraw();
    const i = this.#waiters.indexOf(waiter);
    if (i >= 0) this.#waiters.splice(i, 1);
  }

  /** Opens a connection on a place already taken; gives the place back if that fails. */
  async #open(timeoutMs: number): Promise<Connection> {
    this.#lent += 1;
    let conn: Connection | undefined;
    try {
      conn = await createConnection({
        ...connectionOptions(this.dbAccount, this.settings),
        connectTimeout: Math.max(1, Math.min(this.settings.connectTimeoutMs, timeoutMs)),
      });
      // A connection that breaks while idle (the server dropped it) leaves the pool at once,
      // instead of failing the next read that would borrow it.
      const opened = conn;
      const dropped = () => this.#forget(opened);
      conn.on('error', dropped);
      conn.on('end', dropped);
      // Timestamps are read in UTC on every pooled connection, whatever the tenant's time zone.
      await conn.query({ sql: timeZoneStatement(this.mode), timeout: timeoutMs });
      return conn;
    } catch (e) {
      conn?.destroy();
      this.#lent -= 1;
      this.budget.give(this.account);
      this.#maybeEnd();
      throw e;
    }
  }

  /** A statement goes out on one of this pool's connections. */
  sent(): void {
    this.#unanswered += 1;
  }

  /** Its answer (or error) came back. */
  answered(): void {
    this.#unanswered = Math.max(0, this.#unanswered - 1);
    this.#answeredAt = Date.now();
  }

  /** Back to the pool: to the first waiter, else idle (or closed, if another account needs the place). */
  release(conn: Connection): void {
    this.#lent -= 1;
    const waiter = this.#waiters[0];
    if (waiter && !this.#ended) {
      this.#leave(waiter);
      this.#lent += 1;
      waiter.resolve(conn);
      return;
    }
    if (this.#ended || this.budget.wantedBy(this.account)) {
      this.#close(conn);
      this.#maybeEnd();
      return;
    }
    this.#idle.push({ conn, since: Date.now() });
    this.#sweep();
  }

  /** Never back to the pool: a connection with session state of its own, or a broken one. */
  destroy(conn: Connection): void {
    this.#lent -= 1;
    this.#close(conn);
    this.#maybeEnd();
  }

  #close(conn: Connection): void {
    conn.destroy();
    this.budget.give(this.account);
  }

  #forget(conn: Connection): void {
    const i = this.#idle.findIndex((idle) => idle.conn === conn);
    if (i < 0) return;
    this.#idle.splice(i, 1);
    this.#close(conn);
    this.#maybeEnd();
  }

  /** Closes one idle connection (the oldest); false when there is none. */
  closeOneIdle(): boolean {
    const idle = this.#idle.shift();
    if (!idle) return false;
    this.#close(idle.conn);
    return true;
  }

  /** Closes the idle connections idle for at least `minIdleMs`; how many. */
  closeIdle(minIdleMs: number): number {
    const now = Date.now();
    let n = 0;
    for (let i = this.#idle.length - 1; i >= 0; i--) {
      const idle = this.#idle[i]!;
      if (now - idle.since < minIdleMs) continue;
      this.#idle.splice(i, 1);
      this.#close(idle.conn);
      n += 1;
    }
    return n;
  }

  #sweep(): void {
    if (this.#sweeper || this.#ended) return;
    this.#sweeper = setTimeout(
      () => {
        this.#sweeper = undefined;
        this.closeIdle(this.idleMs);
        if (this.#idle.length > 0) this.#sweep();
      },
      Math.max(100, Math.min(this.idleMs, 10_000)),
    );
    this.#sweeper.unref();
  }

  /**
   * One user less; the last one closes the pool once nothing is lent. A user that leaves (a
   * logout, a poller nobody watches any more) takes the idle connections with it: the others
   * open one again when they need it, which costs less than idle connections nobody may need.
   */
  leave(): void {
    this.users -= 1;
    this.closeIdle(0);
    if (this.users <= 0) this.#maybeEnd();
  }

  #maybeEnd(): void {
    if (this.users > 0 || this.#lent > 0 || this.#waiters.length > 0) return;
    if (!this.#ended) {
      this.#ended = true;
      this.onEnd(this);
    }
    if (this.#sweeper) clearTimeout(this.#sweeper);
    this.#sweeper = undefined;
    while (this.closeOneIdle());
  }
}
