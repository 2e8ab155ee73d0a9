import type { Request } from 'express';
import type { HealthResponse, StartBackupResponse } from '@obconsole/contracts';
import type { DbSettings, DbTarget } from './db.js';
import type { Logger } from './logger.js';
import type { SessionRegistry } from '../features/session/session.registry.js';
import type { PollerHub } from '../features/backups/poller.js';
import type { IdempotencyStore } from '../features/backups/idempotency.js';

/** What createApp() is given: everything environment-specific, so tests can build an app per case. */
export interface AppOptions {
  target: DbTarget;
  sessionSecret: string;
  logger: Logger;
  simulated?: boolean;
  demoAccounts?: HealthResponse['demoAccounts'];
  db?: Partial<DbSettings>;
  sessionIdleMs?: number;
  sessionAbsoluteMs?: number;
  trustProxy?: boolean;
  publicOrigin?: string;
  /** NODE_ENV=production: with trustProxy the cookie is Secure whatever the proxy says. */
  production?: boolean;
  /** max: failed logins per account; perAddress: failed logins from one address, any account. */
  loginRateLimit?: { max: number; windowMs: number; perAddress?: number };
  caps?: Partial<Caps>;
  /** Host header values accepted besides PUBLIC_ORIGIN's host (DNS rebinding defence). */
  allowedHosts?: string[];
  pollIntervals?: { activeMs: number; idleMs: number };
  heartbeatMs?: number;
  readBackTimeoutMs?: number;
  /** The time source for session expiry; tests pass a controllable one. */
  now?: () => number;
  /** Folder of the built SPA to serve; omitted in tests. */
  webDist?: string;
}

export interface Caps {
  /** Live logins of one database account (user@tenant on one server). */
  sessionsPerAccount: number;
  /** Open event streams of one session. */
  streamsPerSession: number;
}

export interface AppDeps {
  options: AppOptions;
  log: Logger;
  dbSettings: DbSettings;
  registry: SessionRegistry;
  hub: PollerHub;
  idempotency: IdempotencyStore<StartBackupResponse>;
}

export function depsOf(req: Request): AppDeps {
  return req.app.locals.deps as AppDeps;
}
