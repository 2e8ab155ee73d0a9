import { createHash } from 'node:crypto';
import type { Store } from './catalog/store.js';
import type { AccountOption } from './config.js';
import type { BackupEngine } from './engine/engine.js';
import { SqlError } from './protocol/types.js';
import type { AccountCredentials, LoginIdentity, ProtocolBackend } from './protocol/types.js';
import { SelectRunner } from './statements/select.js';
import { SimSession } from './statements/session.js';
import type { SessionHost } from './statements/session.js';
import { maskSecrets, tokenize } from './statements/tokenizer.js';
import { TenantGlobals } from './statements/globals.js';

export interface StatementRecord {
  text: string;
  account: string;
  connectionId: number;
  /** ISO time (real time) the statement was received. */
  at: string;
  mutating: boolean;
}

export interface ClusterStats {
  statements: { total: number; mutating: number; byAccount: Record<string, number> };
  connections: {
    open: number;
    total: number;
    /** The most sessions logged in at once, since the start or resetPeaks(). */
    peak: number;
    /** Per account (user@tenant): sessions logged in now, and the most at once. */
    byAccount: Record<string, { open: number; peak: number }>;
  };
}

const LOG_LIMIT = 1000;
const ORACLE_ADMIN_PRIVS = [
  'ALTER SYSTEM',
  'ALTER SESSION',
  'CREATE SESSION',
  'SELECT ANY DICTIONARY',
  'SELECT ANY TABLE',
  'CREATE ANY TABLE',
  'CREATE USER',
  'ALTER USER',
  'DROP USER',
  'GRANT ANY PRIVILEGE',
  'GRANT ANY ROLE',
];
const ORACLE_READONLY_PRIVS = ['CREATE SESSION', 'SELECT ANY DICTIONARY'];

function doubleSha1(password: string): Buffer {
  return createHash('sha1').update(createHash('sha1').update(password, 'utf8').digest()).digest();
}

/** Statements with side effects, counted on receipt whether they succeed or not. */
export function isMutating(sql: string): boolean {
  try {
    const t = tokenize(sql, 'MYSQL');
    const a = t[0]?.upper;
    const b = t[1]?.upper;
    return (
      (a === 'ALTER' && b === 'SYSTEM') ||
      (a === 'SET' && (b === 'ENCRYPTION' || b === 'DECRYPTION'))
    );
  } catch {
    return /^\s*(alter\s+system|set\s+(en|de)cryption)\b/i.test(sql);
  }
}

/** The simulated cluster as the protocol layer sees it: accounts, sessions, statistics. */
export class Cluster implements ProtocolBackend, SessionHost {
  readonly selects: SelectRunner;
  readonly globalVars = new TenantGlobals();
  sqlPort = 2881;
  private accounts: AccountOption[];
  private sessions = new Set<SimSession>();
  private totalSessions = 0;
  private peakSessions = 0;
  private accountSessions = new Map<string, { open: number; peak: number }>();
  private log: StatementRecord[] = [];
  private counters = { total: 0, mutating: 0, byAccount: {} as Record<string, number> };

  constructor(
    readonly store: Store,
    readonly engine: BackupEngine,
    readonly serverVersion: string,
    accounts: AccountOption[],
    private readonly clusterName: string | null,
  ) {
    this.selects = new SelectRunner(store);
    this.accounts = accounts;
    this.writeSessionPrivs();
  }

  /** Oracle SESSION_PRIVS rows per account (re-written after a reset). */
  writeSessionPrivs(): void {
    this.store.run('DELETE FROM __sim_session_privs');
    for (const a of this.accounts) {
      const t = this.engine.tenantByName(a.tenant);
      if (!t || t.mode !== 'ORACLE') continue;
      const privs = (a.role ?? 'admin') === 'admin' ? ORACLE_ADMIN_PRIVS : ORACLE_READONLY_PRIVS;
      for (const p of privs)
        this.store.run('INSERT INTO __sim_session_privs VALUES (?, ?)', [`${a.user}@${t.name}`, p]);
    }
  }

  private findAccountOption(identity: LoginIdentity): AccountOption | null {
    const tenant = this.engine.tenantByName(identity.tenant || 'sys');
    if (!tenant) return null;
    const oracle = tenant.mode === 'ORACLE';
    return (
      this.accounts.find(
        (a) =>
          a.tenant.toLowerCase() === tenant.name.toLowerCase() &&
          (oracle
            ? a.user.toUpperCase() === identity.user.toUpperCase()
            : a.user === identity.user),
      ) ?? null
    );
  }

  findAccount(identity: LoginIdentity): AccountCredentials | null {
    if (identity.cluster !== undefined) {
      // A direct observer finds no tenant "sys#demo": refused like a wrong password (1045).
      if (this.clusterName === null) return null;
      if (identity.cluster !== this.clusterName)
        throw new SqlError(4669, 'HY000', 'cluster not exist');
    }
    const tenant = this.engine.tenantByName(identity.tenant || 'sys');
    // An unknown (or meta) tenant is refused like a wrong password, not with 5160.
    if (!tenant || (tenant.id !== 1 && tenant.id % 2 === 1)) return null;
    const account = this.findAccountOption(identity);
    if (!account) return null;
    return { passwordDoubleSha1: doubleSha1(account.password) };
  }

  openSession(identity: LoginIdentity): SimSession {
    const account = this.findAccountOption(identity);
    const tenant = this.engine.tenantByName(identity.tenant || 'sys');
    if (!account || !tenant)
      throw new SqlError(
        1045,
        '42000',
        `Access denied for user '${identity.user}'@'${identity.remoteAddress ?? 'localhost'}' (using password: YES)`,
      );
    const session = new SimSession(this, identity, account, tenant);
    this.sessions.add(session);
    this.totalSessions++;
    this.peakSessions = Math.max(this.peakSessions, this.sessions.size);
    const mine = this.accountSessions.get(session.accountKey) ?? { open: 0, peak: 0 };
    mine.open += 1;
    mine.peak = Math.max(mine.peak, mine.open);
    this.accountSessions.set(session.accountKey, mine);
    return session;
  }

  /** A session opened without a socket (tests, tools): the password is checked here. */
  login(rawUser: string, password: string, database?: string): SimSession {
    const identity = parseLogin(rawUser, this.totalSessions + 1_000_000);
    if (database !== undefined) identity.database = database;
    const creds = this.findAccount(identity);
    if (!creds || !creds.passwordDoubleSha1.equals(doubleSha1(password))) {
      throw new SqlError(
        1045,
        '42000',
        `Access denied for user '${identity.user}'@'localhost' (using password: YES)`,
      );
    }
    return this.openSession(identity);
  }

  sessionClosed(session: SimSession): void {
    if (!this.sessions.delete(session)) return;
    const mine = this.accountSessions.get(session.accountKey);
    if (mine) mine.open -= 1;
  }

  /** Peaks start again from what is open now (a bench measures a phase of its own). */
  resetPeaks(): void {
    this.peakSessions = this.sessions.size;
    for (const [key, mine] of this.accountSessions) {
      if (mine.open <= 0) this.accountSessions.delete(key);
      else mine.peak = mine.open;
    }
  }

  record(session: SimSession, sql: string): void {
    const mutating = isMutating(sql);
    this.counters.total++;
    if (mutating) this.counters.mutating++;
    const key = session.accountKey;
    this.counters.byAccount[key] = (this.counters.byAccount[key] ?? 0) + 1;
    this.log.push({
      text: maskSecrets(sql, session.lex.mode, session.lex),
      account: key,
      connectionId: session.identity.connectionId,
      at: new Date().toISOString(),
      mutating,
    });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  stats(connections?: { openConnections: number; totalConnections: number }): ClusterStats {
    return {
      statements: {
        total: this.counters.total,
        mutating: this.counters.mutating,
        byAccount: { ...this.counters.byAccount },
      },
      connections: {
        ...(connections
          ? { open: connections.openConnections, total: connections.totalConnections }
          : { open: this.sessions.size, total: this.totalSessions }),
        peak: this.peakSessions,
        byAccount: Object.fromEntries(
          [...this.accountSessions].map(([key, { open, peak }]) => [key, { open, peak }]),
        ),
      },
    };
  }

  statements(limit: number): StatementRecord[] {
    return this.log.slice(-Math.max(0, limit));
  }

  resetStats(): void {
    this.counters = { total: 0, mutating: 0, byAccount: {} };
    this.log = [];
  }
}

/** `user@tenant#cluster` → its parts (no `@tenant` means sys). */
export function parseLogin(rawUser: string, connectionId: number): LoginIdentity {
  let rest = rawUser;
  let cluster: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    cluster = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const at = rest.lastIndexOf('@');
  const user = at >= 0 ? rest.slice(0, at) : rest;
  const tenant = at >= 0 ? rest.slice(at + 1) : 'sys';
  const identity: LoginIdentity = { rawUser, user, tenant, connectionId };
  if (cluster !== undefined) identity.cluster = cluster;
  return identity;
}
