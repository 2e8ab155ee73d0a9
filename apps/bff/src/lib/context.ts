import type { SessionInfo } from '@obconsole/contracts';
import type { Db, DbAccount } from './db.js';
import { Scope } from './scope.js';
import { accountKey } from './db-account.js';
import type { ServerFacts } from '../features/jobs/active.js';

export type SessionProfile = SessionInfo;

/**
 * Who acts, where: a cluster, a database account on it with its scope and privileges, and its
 * connections. Services take this, never the HTTP session, so a route (a signed-in user) and
 * unattended work (the cluster's service account) call the same functions.
 */
export interface AccountContext {
  clusterId: string;
  /** The account's privileges as the database reported them at sign-in. */
  profile: SessionProfile;
  account: DbAccount;
  db: Db;
  scope: Scope;
  /** cluster + user@tenant: the unit that shares a poller, idempotency keys and limits. */
  accountKey: string;
  /** cluster + host:port: per-server facts (such as the DATA_PROGRESS column) are cached under it. */
  serverKey: string;
  /** What the console learnt about the servers (shared by every context of one console). */
  facts: ServerFacts;
}

/** What an authenticated request carries past requireSession: an account context plus its sign-in. */
export interface SignInContext extends AccountContext {
  /** The sign-in of this browser session to this cluster (the registry's key, never the cookie). */
  signInId: string;
}

/** The name services knew before clusters; kept so code written against it still compiles. */
export type RequestContext = AccountContext;

declare module 'express-serve-static-core' {
  interface Request {
    ctx?: SignInContext;
  }
}

/** The context of a database account on a cluster, however it signed in. */
export function accountContext(
  clusterId: string,
  profile: AccountContext['profile'],
  db: AccountContext['db'],
  facts: ServerFacts,
): AccountContext {
  const account = db.account;
  return {
    clusterId,
    profile,
    account,
    db,
    scope: new Scope(profile.mode, profile.isSys, profile.tenantId),
    accountKey: `${clusterId}/${accountKey(account)}`,
    serverKey: `${clusterId}/${account.target.host}:${account.target.port}`,
    facts,
  };
}
