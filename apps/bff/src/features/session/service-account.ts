import type { ClusterSetting } from '../../config-clusters.js';
import type { AccountContext } from '../../lib/context.js';
import { accountKey, type DbSettings } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { Scope } from '../../lib/scope.js';
import { login } from './session.service.js';

/**
 * The context unattended work runs under: the cluster's service account, signed in the way a
 * person is (so the database reports its real privileges), with no HTTP session at all. The
 * caller owns the returned Db and closes it.
 */
export async function serviceAccountContext(
  cluster: Pick<ClusterSetting, 'id' | 'target' | 'serviceAccount'>,
  settings: DbSettings,
  log: Logger,
): Promise<AccountContext> {
  const sa = cluster.serviceAccount;
  if (!sa)
    throw new AppError(
      'FORBIDDEN',
      `Cluster ${cluster.id} has no service account configured.`,
      undefined,
      { variant: 'noServiceAccount', cluster: cluster.id },
    );
  const { profile, db } = await login(
    cluster.target,
    { user: sa.user, tenant: sa.tenant, password: sa.password.reveal() },
    settings,
    log,
  );
  return accountContext(cluster.id, profile, db);
}

/** The context of a database account on a cluster, however it signed in. */
export function accountContext(
  clusterId: string,
  profile: AccountContext['profile'],
  db: AccountContext['db'],
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
  };
}
