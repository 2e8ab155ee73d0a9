import { Db, type DbSettings } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';
import type { ServiceAccount } from '../../lib/service-account.js';
import { JobWatcher } from './watcher.js';
import type { JobWatcherOptions } from './watcher-options.js';

/**
 * A watcher for a cluster's service account, on a connection of its own: its reads log at
 * debug (one poll a second would drown the log) and never queue behind the service's starts.
 */
export function watchCluster(
  service: ServiceAccount,
  settings: DbSettings,
  log: Logger,
  options: Omit<
    JobWatcherOptions,
    'clusterId' | 'db' | 'scope' | 'serverKey' | 'log' | 'ownsDb'
  > = {},
): JobWatcher {
  const { ctx } = service;
  const db = new Db(
    ctx.account,
    ctx.scope.mode,
    settings,
    log,
    { connectionLimit: 1, maxIdle: 1 },
    'debug',
  );
  return new JobWatcher({
    ...options,
    clusterId: service.clusterId,
    db,
    scope: ctx.scope,
    serverKey: ctx.serverKey,
    log,
    queryTimeoutMs: options.queryTimeoutMs ?? settings.queryTimeoutMs,
    ownsDb: true,
  });
}
