import type { RequestContext } from './context.js';
import { accountKey, type DbSettings, type DbTarget } from './db.js';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';
import { Scope } from './scope.js';
import type { Secret } from './secret.js';
import { login } from '../features/session/session.service.js';

/** A cluster's account for unattended work: user@sys with ALTER SYSTEM, its password kept secret. */
export interface ServiceAccountConfig {
  clusterId: string;
  target: DbTarget;
  user: string;
  /** Always `sys` today: the watcher reads every tenant's CDB_ views. */
  tenant: string;
  password: Secret;
}

export interface ServiceAccount {
  clusterId: string;
  /** The same shape a signed-in request carries, so routes and unattended work call the same services. */
  ctx: RequestContext;
  close(): Promise<void>;
}

/**
 * Signs in as the cluster's service account exactly like a person's login does (the same probe
 * of mode, version and privileges), but without any HTTP session: the context it returns is what
 * a scheduler or the job watcher passes to startBackup, cancelBackup or the history functions.
 * A service account that could not watch or act on every tenant is refused here, at start,
 * rather than failing later with nobody looking.
 */
export async function openServiceAccount(
  config: ServiceAccountConfig,
  settings: DbSettings,
  log: Logger,
): Promise<ServiceAccount> {
  const who = `${config.user}@${config.tenant}`;
  let session;
  try {
    session = await login(
      config.target,
      { user: config.user, tenant: config.tenant, password: config.password.reveal() },
      settings,
      log,
    );
  } catch (e) {
    if (e instanceof AppError && e.code === 'LOGIN_FAILED') {
      throw new AppError(
        'LOGIN_FAILED',
        `The service account ${who} of cluster ${config.clusterId} was refused: check its user and password file.`,
        undefined,
        { cluster: config.clusterId, user: who },
      );
    }
    throw e;
  }
  const { profile, db } = session;
  const refuse = (why: string) => {
    void db.close();
    return new AppError(
      'FORBIDDEN',
      `The service account ${who} of cluster ${config.clusterId} ${why}.`,
      undefined,
      { cluster: config.clusterId, user: who },
    );
  };
  if (!profile.isSys) throw refuse('must be an account of the sys tenant (user@sys)');
  if (!profile.canBackup) throw refuse('has no ALTER SYSTEM privilege');
  const account = db.account;
  const ctx: RequestContext = {
    // No HTTP session: a stable name that can never collide with a session id (those are random).
    sessionId: `service:${config.clusterId}`,
    profile,
    account,
    db,
    scope: new Scope(profile.mode, profile.isSys, profile.tenantId),
    // Kept apart from a person signed in with the same account: idempotency keys and pollers
    // of unattended work are the service's own.
    accountKey: `service:${config.clusterId}/${accountKey(account)}`,
    serverKey: `${account.target.host}:${account.target.port}`,
  };
  return { clusterId: config.clusterId, ctx, close: () => db.close() };
}
