import { Db, type DbAccount, type DbSettings } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { Scope } from '../../lib/scope.js';
import type { ServiceAccount, ServiceAccountConfig } from '../../lib/service-account.js';
import { JobWatcher } from './watcher.js';
import type { JobWatcherOptions } from './watcher-options.js';

type WatchOptions = Omit<
  JobWatcherOptions,
  'clusterId' | 'db' | 'scope' | 'serverKey' | 'log' | 'ownsDb'
>;

/**
 * A watcher on the service account's shared pool (lib/pool.ts), its reads logged at debug: one
 * poll a second would drown the log.
 */
function watcherFor(
  clusterId: string,
  account: DbAccount,
  scope: Scope,
  settings: DbSettings,
  log: Logger,
  options: WatchOptions,
): JobWatcher {
  const db = new Db(account, scope.mode, settings, log, 'debug');
  return new JobWatcher({
    ...options,
    clusterId,
    db,
    scope,
    serverKey: `${account.target.host}:${account.target.port}`,
    log,
    queryTimeoutMs: options.queryTimeoutMs ?? settings.queryTimeoutMs,
    ownsDb: true,
  });
}

/** The watcher of a service account that has signed in (openServiceAccount). */
export function watchCluster(
  service: ServiceAccount,
  settings: DbSettings,
  log: Logger,
  options: WatchOptions = {},
): JobWatcher {
  const { ctx } = service;
  return watcherFor(service.clusterId, ctx.account, ctx.scope, settings, log, options);
}

/**
 * The watcher of a configured service account, without signing in first: what the console
 * starts for each cluster, so that a cluster that is down when the console starts is watched
 * from then on (the watcher reports it unavailable, then every job that ends after its start).
 * Nothing needs probing: the sys tenant is always in MySQL mode and reads the CDB_ views, and
 * watching needs no more than SELECT on them.
 */
export function watchServiceAccount(
  config: ServiceAccountConfig,
  settings: DbSettings,
  log: Logger,
  options: WatchOptions = {},
): JobWatcher {
  if (config.tenant.toLowerCase() !== 'sys') {
    throw new AppError(
      'VALIDATION_FAILED',
      `The service account of cluster ${config.clusterId} must be an account of the sys tenant (user@sys), not ${config.user}@${config.tenant}.`,
      undefined,
      { fields: 'serviceAccount' },
    );
  }
  const account: DbAccount = {
    target: config.target,
    user: config.user,
    tenant: config.tenant,
    password: config.password,
  };
  return watcherFor(config.clusterId, account, new Scope('MYSQL', true, 1), settings, log, options);
}
