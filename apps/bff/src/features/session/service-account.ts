import type { ClusterSetting } from '../../config-clusters.js';
import { accountContext, type AccountContext } from '../../lib/context.js';
import type { DbSettings } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { ServiceAccount, ServiceAccountConfig } from '../../lib/service-account.js';
import { login } from './session.service.js';
import { ServerFacts } from '../jobs/active.js';

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
  facts: ServerFacts = new ServerFacts(),
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
  const base = accountContext(config.clusterId, profile, db, facts);
  // Kept apart from a person signed in with the same account: idempotency keys and pollers of
  // unattended work are the service's own.
  const ctx: AccountContext = { ...base, accountKey: `service:${base.accountKey}` };
  return { clusterId: config.clusterId, ctx, close: () => db.close() };
}

/**
 * The context unattended work runs under: the cluster's service account, signed in the way a
 * person is (so the database reports its real privileges), with no HTTP session at all. The
 * caller owns the returned Db and closes it.
 */
export async function serviceAccountContext(
  cluster: Pick<ClusterSetting, 'id' | 'target' | 'serviceAccount'>,
  settings: DbSettings,
  log: Logger,
  facts: ServerFacts = new ServerFacts(),
): Promise<AccountContext> {
  const sa = cluster.serviceAccount;
  if (!sa)
    throw new AppError(
      'FORBIDDEN',
      `Cluster ${cluster.id} has no service account configured.`,
      undefined,
      { variant: 'noServiceAccount', cluster: cluster.id },
    );
  const service = await openServiceAccount(
    {
      clusterId: cluster.id,
      target: cluster.target,
      user: sa.user,
      tenant: sa.tenant,
      password: sa.password,
    },
    settings,
    log,
    facts,
  );
  return service.ctx;
}
