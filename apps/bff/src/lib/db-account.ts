import type { ConnectionOptions } from 'mysql2/promise';
import type { TenantMode } from '@obconsole/contracts';
import type { Secret } from './secret.js';
import type { BudgetLimits } from './connection-budget.js';

/* Who connects where, and with which driver options: shared by pools, dedicated connections and the login probe. */

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
  /** Requests of one session that may wait for a pooled connection; more are refused at once. */
  queueLimit?: number;
  /** Connections open at once per account and per cluster (lib/connection-budget.ts); 8 and 64. */
  budget?: BudgetLimits;
  /** An idle pooled connection closes after this long; 60 s. */
  idleMs?: number;
}

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
    // No stack captured at every call to link a driver error to its caller: it was a tenth of
    // mysql2's time per statement, and our errors name the statement (sqlName) anyway.
    trace: false,
  };
}

export function timeZoneStatement(mode: TenantMode): string {
  return mode === 'ORACLE' ? "ALTER SESSION SET TIME_ZONE = '+00:00'" : "SET time_zone = '+00:00'";
}
