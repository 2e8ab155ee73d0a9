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
  loginRateLimit?: { max: number; windowMs: number };
  pollIntervals?: { activeMs: number; idleMs: number };
  heartbeatMs?: number;
  readBackTimeoutMs?: number;
  /** The time source for session expiry; tests pass a controllable one. */
  now?: () => number;
  /** Folder of the built SPA to serve; omitted in tests. */
  webDist?: string;
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
