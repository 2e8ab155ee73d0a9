import type { SessionInfo } from '@obconsole/contracts';
import type { Db, DbAccount } from './db.js';
import type { Scope } from './scope.js';

export type SessionProfile = SessionInfo;

/** What an authenticated request carries past the session middleware. */
export interface RequestContext {
  sessionId: string;
  profile: SessionProfile;
  account: DbAccount;
  db: Db;
  scope: Scope;
  /** user@tenant on this server: the unit that shares a poller. */
  accountKey: string;
  /** host:port: per-server facts (such as the DATA_PROGRESS column) are cached under it. */
  serverKey: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    ctx?: RequestContext;
  }
}
